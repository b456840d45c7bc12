// GET JSON from station sources with a timeout per attempt, retries with exponential backoff on network errors, 5xx and 429, and a size cap.

export interface HttpOptions {
  /** Per attempt, covering headers and body. */
  timeoutMs: number;
  /** Further attempts after the first. */
  retries: number;
  /** First backoff; doubles each retry (±20 % jitter), capped by maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs?: number;
  headers?: Record<string, string>;
  /** Bodies larger than this are refused (default 64 MB). */
  maxBytes?: number;
  /** Called before each retry with the attempt number and the reason (for logs and tests). */
  onRetry?: (attempt: number, reason: string, waitMs: number) => void;
}

export const DEFAULT_HTTP: HttpOptions = { timeoutMs: 10_000, retries: 3, backoffMs: 500, maxBackoffMs: 8_000 };

/** A source that did not give a usable answer; `retryable` says whether trying later may help. */
export class SourceError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    readonly attempts = 1,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

export interface JsonResponse {
  status: number;
  headers: Headers;
  body: unknown;
  attempts: number;
  url: string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function getJson(url: string, options: HttpOptions): Promise<JsonResponse> {
  let last: SourceError | null = null;
  for (let attempt = 1; attempt <= options.retries + 1; attempt++) {
    try {
      const response = await attemptOnce(url, options);
      return { ...response, attempts: attempt, url };
    } catch (error) {
      last = error instanceof SourceError ? error : new SourceError(String(error), true);
      if (!last.retryable || attempt > options.retries) break;
      const base = Math.min(options.maxBackoffMs ?? Infinity, options.backoffMs * 2 ** (attempt - 1));
      const wait = Math.round(base * (0.8 + Math.random() * 0.4));
      options.onRetry?.(attempt, last.message, wait);
      await sleep(wait);
    }
  }
  throw new SourceError(`${url}: ${last!.message}`, last!.retryable, last!.status, options.retries + 1);
}

async function attemptOnce(url: string, options: HttpOptions): Promise<Omit<JsonResponse, 'attempts' | 'url'>> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json', ...options.headers }, signal, redirect: 'follow' });
  } catch (error) {
    throw new SourceError(describeFetchError(error, options.timeoutMs), true);
  }
  if (response.status >= 500 || response.status === 429) {
    await response.body?.cancel().catch(() => undefined);
    throw new SourceError(`HTTP ${response.status}`, true, response.status);
  }
  if (response.status >= 400) {
    await response.body?.cancel().catch(() => undefined);
    throw new SourceError(`HTTP ${response.status} (not retried)`, false, response.status);
  }
  const text = await readCapped(response, options.maxBytes ?? 64 * 1024 * 1024, options.timeoutMs);
  try {
    return { status: response.status, headers: response.headers, body: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
  } catch (error) {
    throw new SourceError(`invalid JSON from the source (${(error as Error).message.split('\n')[0]})`, false, response.status);
  }
}

async function readCapped(response: Response, maxBytes: number, timeoutMs: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new SourceError(`response of ${declared} bytes is over the ${maxBytes}-byte limit`, false, response.status);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new SourceError(`response over the ${maxBytes}-byte limit`, false, response.status);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof SourceError) throw error;
    throw new SourceError(describeFetchError(error, timeoutMs), true, response.status);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const cause = e?.cause?.code ?? e?.cause?.message;
  return cause ? `${e.message} (${cause})` : (e?.message ?? String(error));
}
