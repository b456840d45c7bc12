// Follows one booking's status events over the protocol's server-sent event stream (§7), so the car hears of a change as the station makes it; reconnects where it left off (Last-Event-ID) and says whether it is following.
import { createParser } from 'eventsource-parser';

export interface EventFollower {
  /** True while a stream is open and answering (its keep-alives included). */
  readonly following: boolean;
  close(): void;
}

export interface FollowOptions {
  /** Opens the stream from after `lastEventId` (null: from the start); the follower reads and closes it. */
  open(lastEventId: string | null, signal: AbortSignal): Promise<Response>;
  /** A status or booking event arrived (the follower only says that; the flow asks the operator what changed). */
  onEvent(): void;
  /** The stream opened or closed (`following` changed). */
  onState?(): void;
  report(line: string): void;
  /** Headers must arrive within this (default 8 s). */
  connectTimeoutMs?: number;
  /** A stream silent this long is taken as dead and opened again (default 45 s: three of the operator's 15 s keep-alives). */
  silenceMs?: number;
  /** Waits between attempts: the server's `retry:` (at least this), growing on failures up to maxRetryMs. */
  minRetryMs?: number;
  maxRetryMs?: number;
  /** One event larger than this ends the connection (a stream that never ends a line would grow without bound). */
  maxEventBytes?: number;
}

const DEFAULTS = { connectTimeoutMs: 8000, silenceMs: 45_000, minRetryMs: 1000, maxRetryMs: 30_000, maxEventBytes: 256 * 1024 };

export function followBookingEvents(options: FollowOptions): EventFollower {
  const o = { ...DEFAULTS, ...options };
  const stop = new AbortController();
  let following = false;
  let lastEventId: string | null = null;
  let retryMs = 2000;
  let failures = 0;
  let reported: string | null = null;

  const say = (line: string | null) => {
    // Once per change of state, not once per attempt: an operator down for an hour is one line.
    if (line !== null && line !== reported) o.report(line);
    reported = line;
  };

  async function connectOnce(): Promise<void> {
    const connection = new AbortController();
    const abort = () => connection.abort(new Error('closed'));
    const after = (ms: number, why: string) => {
      const timer = setTimeout(() => connection.abort(new Error(why)), ms);
      timer.unref();
      return timer;
    };
    stop.signal.addEventListener('abort', abort);
    let timer = after(o.connectTimeoutMs, `no answer within ${o.connectTimeoutMs} ms`);
    try {
      const res = await o.open(lastEventId, connection.signal);
      const type = res.headers.get('content-type') ?? '';
      if (res.status !== 200 || !res.body || !type.startsWith('text/event-stream')) {
        await res.body?.cancel().catch(() => undefined);
        throw new Error(`HTTP ${res.status} ${type || 'without a content type'}`);
      }
      following = true;
      o.onState?.();
      failures = 0;
      say(null);
      let eventBytes = 0;
      const parser = createParser({
        onEvent(event) {
          eventBytes = 0;
          if (event.id) lastEventId = event.id;
          o.onEvent();
        },
        onRetry(ms) {
          retryMs = Math.min(Math.max(ms, o.minRetryMs), o.maxRetryMs);
        },
      });
      const decoder = new TextDecoder();
      const reader = res.body.getReader();
      for (;;) {
        clearTimeout(timer);
        timer = after(o.silenceMs, `silent for ${o.silenceMs} ms`);
        const { done, value } = await reader.read();
        if (done) break;
        eventBytes += value.byteLength;
        if (eventBytes > o.maxEventBytes) {
          await reader.cancel().catch(() => undefined);
          throw new Error(`an event over ${o.maxEventBytes} bytes`);
        }
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } finally {
      if (following) {
        following = false;
        o.onState?.();
      }
      clearTimeout(timer);
      stop.signal.removeEventListener('abort', abort);
    }
  }

  void (async () => {
    while (!stop.signal.aborted) {
      try {
        // The server ends a stream after a final status (or when it stops): the flow hears of it by asking again.
        await connectOnce();
      } catch (error) {
        if (stop.signal.aborted) return;
        failures += 1;
        say(`swap: booking events unavailable, following by polling (${(error as Error).message})`);
      }
      if (stop.signal.aborted) return;
      const wait = Math.min(o.maxRetryMs, retryMs * 2 ** Math.min(failures, 5));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        timer.unref();
        stop.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });
    }
  })();

  return {
    get following() {
      return following;
    },
    close: () => stop.abort(),
  };
}
