// The car's side of the open swap-booking protocol over HTTP: every answer checked (size, JSON, zod schema) before it is trusted, failures told apart (never reached, lost on the way, refused, malformed), and the operator's clock offset from each answer.
import type { z } from 'zod';
import { clockOffsetMs } from '../../../shared/swap/model';
import {
  bookingSchema,
  errorBodySchema,
  issuesOf,
  quoteSchema,
  stationListSchema,
  SWAP_API_PREFIX,
  type CheckInRequest,
  type CreateBookingRequest,
  type ProtocolBooking,
  type ProtocolQuote,
  type ProtocolStation,
} from '../../../shared/swap/protocol';

/**
 * Why a request did not give a usable answer:
 * - `unreachable`: the connection was refused or never made: the operator got nothing.
 * - `lost`: sent, but the answer never came (timeout, connection cut): it may have acted on it.
 * - `refused`: the operator answered with a protocol error.
 * - `malformed`: an answer that is not what the protocol promises (not JSON, wrong shape, too large).
 */
export type OperatorFailure =
  | { kind: 'unreachable'; message: string }
  | { kind: 'lost'; message: string }
  | { kind: 'refused'; status: number; code: string; message: string; details: Record<string, unknown> }
  | { kind: 'malformed'; message: string };

export type OperatorAnswer<T> = { ok: true; value: T; status: number; replayed: boolean; clockOffsetMs: number } | { ok: false; failure: OperatorFailure };

export interface OperatorClientOptions {
  /** Base URL (the protocol lives under /swap/v1). */
  url: string;
  token: string;
  /** Per request (default 8 s): a slow operator is a lost answer, retried with the same key. */
  timeoutMs?: number;
  /** Answers larger than this are refused unread (default 512 KiB; a station list of hundreds fits). */
  maxBytes?: number;
  /** Wall clock of the car (for the clock offset). */
  now?: () => number;
}

export interface OperatorClient {
  readonly url: string;
  stations(packStandard?: string): Promise<OperatorAnswer<ProtocolStation[]>>;
  quote(stationId: string, q: { packStandard: string; etaMinutes?: number; socPercent?: number }): Promise<OperatorAnswer<ProtocolQuote>>;
  /** The body is sent exactly as given: a retry must resend the identical body with its key. */
  book(idempotencyKey: string, body: CreateBookingRequest): Promise<OperatorAnswer<ProtocolBooking>>;
  get(bookingId: string): Promise<OperatorAnswer<ProtocolBooking>>;
  cancel(bookingId: string): Promise<OperatorAnswer<ProtocolBooking>>;
  checkIn(bookingId: string, body: CheckInRequest): Promise<OperatorAnswer<ProtocolBooking>>;
  /** The booking's status events as a server-sent event stream, after `lastEventId`; the caller reads it (bookingEvents). */
  events(bookingId: string, lastEventId: string | null, signal: AbortSignal): Promise<Response>;
}

const DEFAULT_TIMEOUT_MS = 8000;
const DEFAULT_MAX_BYTES = 512 * 1024;
/** Errors of a connection that was never made: the request cannot have reached the operator. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT']);

export function createOperatorClient(options: OperatorClientOptions): OperatorClient {
  const base = options.url.replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;

  async function call<S extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: S, body?: unknown, headers: Record<string, string> = {}): Promise<OperatorAnswer<z.output<S>>> {
    const sentAt = now();
    let res: Response;
    try {
      res = await fetch(`${base}${SWAP_API_PREFIX}${path}`, {
        method,
        headers: { Authorization: `Bearer ${options.token}`, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      return { ok: false, failure: transportFailure(error, timeoutMs) };
    }
    let text: string;
    try {
      text = await readCapped(res, maxBytes);
    } catch (error) {
      if (error instanceof TooLarge) return { ok: false, failure: { kind: 'malformed', message: error.message } };
      return { ok: false, failure: { kind: 'lost', message: `the answer was cut off (${(error as Error).message})` } };
    }
    const receivedAt = now();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return { ok: false, failure: { kind: 'malformed', message: `HTTP ${res.status}: the answer is not JSON (${(error as Error).message})` } };
    }
    if (res.status >= 400) {
      const parsed = errorBodySchema.safeParse(json);
      if (!parsed.success) return { ok: false, failure: { kind: 'malformed', message: `HTTP ${res.status} without a protocol error body (${describe(parsed.error)})` } };
      const details = (json as { error: { details?: unknown } }).error.details;
      return {
        ok: false,
        failure: { kind: 'refused', status: res.status, code: parsed.data.error.code, message: parsed.data.error.message.slice(0, 300), details: isRecord(details) ? details : {} },
      };
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) return { ok: false, failure: { kind: 'malformed', message: `HTTP ${res.status} ${method} ${path}: ${describe(parsed.error)}` } };
    const serverTime = (json as { server_time?: unknown }).server_time;
    const offset = typeof serverTime === 'string' && Number.isFinite(Date.parse(serverTime)) ? clockOffsetMs(serverTime, sentAt, receivedAt) : 0;
    return { ok: true, value: parsed.data, status: res.status, replayed: res.headers.get('idempotent-replayed') === 'true', clockOffsetMs: offset };
  }

  const id = (bookingId: string) => `/bookings/${encodeURIComponent(bookingId)}`;

  return {
    url: base,
    async stations(packStandard) {
      const answer = await call('GET', `/stations${packStandard ? `?pack_standard=${encodeURIComponent(packStandard)}` : ''}`, stationListSchema);
      return answer.ok ? { ...answer, value: answer.value.stations } : answer;
    },
    quote(stationId, q) {
      const params = new URLSearchParams({ pack_standard: q.packStandard });
      if (q.etaMinutes !== undefined) params.set('eta_minutes', String(q.etaMinutes));
      if (q.socPercent !== undefined) params.set('soc_percent', String(Math.round(q.socPercent * 10) / 10));
      return call('GET', `/stations/${encodeURIComponent(stationId)}/quote?${params.toString()}`, quoteSchema);
    },
    book: (key, body) => call('POST', '/bookings', bookingSchema, body, { 'Idempotency-Key': key }),
    get: (bookingId) => call('GET', id(bookingId), bookingSchema),
    cancel: (bookingId) => call('POST', `${id(bookingId)}/cancel`, bookingSchema, {}),
    checkIn: (bookingId, body) => call('POST', `${id(bookingId)}/check-in`, bookingSchema, body),
    events: (bookingId, lastEventId, signal) =>
      fetch(`${base}${SWAP_API_PREFIX}${id(bookingId)}/events`, {
        headers: { Authorization: `Bearer ${options.token}`, Accept: 'text/event-stream', ...(lastEventId === null ? {} : { 'Last-Event-ID': lastEventId }) },
        signal,
      }),
  };
}

class TooLarge extends Error {}

/** Reads the body up to `maxBytes`; a bigger one is refused as soon as it is known to be (header or stream). */
async function readCapped(res: Response, maxBytes: number): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel();
    throw new TooLarge(`an answer of ${declared} bytes is over the ${maxBytes} accepted`);
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new TooLarge(`an answer over ${maxBytes} bytes was refused`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function transportFailure(error: unknown, timeoutMs: number): OperatorFailure {
  const err = error as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return { kind: 'lost', message: `no answer within ${timeoutMs} ms` };
  const code = err.cause?.code;
  if (code && NEVER_SENT.has(code)) return { kind: 'unreachable', message: `${code}: ${err.cause?.message ?? err.message}` };
  return { kind: 'lost', message: err.cause?.message ?? err.message };
}

function describe(error: z.ZodError): string {
  return issuesOf(error)
    .slice(0, 4)
    .map((i) => `${i.path}: ${i.message}`)
    .join('; ');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
