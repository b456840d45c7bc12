// Who may open a gateway connection: browser Origin check, slow-down of repeated bad tokens per address, and refusal logging once per address per minute.
import { timingSafeEqual } from 'node:crypto';

export interface AdmissionOptions {
  /** Origins (scheme://host[:port]) a browser page may connect from; every other Origin header is refused. */
  allowOrigins?: readonly string[];
  /** Monotonic milliseconds (performance.now); wall-clock steps must not lift a slow-down or a log window. */
  now?: () => number;
  log: (line: string) => void;
  /** One refusal line per address per this long, with a count of the rest. */
  logWindowMs?: number;
  /** Bad tokens from an address are forgotten after this long without another. */
  failureMemoryMs?: number;
  /** First delay after a repeated bad token, doubled for each further one up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export interface AdmissionStats {
  /** Refusals that waited before being answered (repeated bad tokens). */
  delayedRefusals: number;
  /** Refusal lines not written because the address had one within the window (they are counted in the next line). */
  logLinesSuppressed: number;
}

export interface Admission {
  /** Null when `origin` may connect (no Origin header: not a browser, or an allowed one), else the refusal message. */
  originRefusal(origin: string | undefined): string | null;
  /** Records a bad or missing token from `address` and returns how long to wait before refusing it. */
  badTokenDelayMs(address: string): number;
  /** Logs a refusal, or counts it when `address` already had a line within the window. */
  refused(address: string, code: string, message: string): void;
  /** Writes the summaries whose window has passed and forgets old addresses; call it periodically. */
  sweep(): void;
  stats(): AdmissionStats;
}

/** Addresses remembered at once; beyond it the least recently seen is forgotten, so a scan cannot grow memory. */
const MAX_TRACKED = 4096;

interface Failures {
  count: number;
  lastAt: number;
}

interface LogState {
  lastLineAt: number;
  /** Refusals since the last line, by code. */
  suppressed: Map<string, number>;
}

/** Normalises an Origin for comparison: lower-case, no trailing slash ("null" stays "null"). */
export function normalizeOrigin(origin: string): string {
  return origin.trim().toLowerCase().replace(/\/+$/, '');
}

export function createAdmission(options: AdmissionOptions): Admission {
  const now = options.now ?? (() => performance.now());
  const windowMs = options.logWindowMs ?? 60_000;
  const memoryMs = options.failureMemoryMs ?? 60_000;
  const baseDelayMs = options.baseDelayMs ?? 125;
  const maxDelayMs = options.maxDelayMs ?? 1000;
  const allowed = new Set((options.allowOrigins ?? []).map(normalizeOrigin));
  const failures = new Map<string, Failures>();
  const logs = new Map<string, LogState>();
  const stats: AdmissionStats = { delayedRefusals: 0, logLinesSuppressed: 0 };

  /** Re-inserts so Map order is least recently seen first, then trims. */
  const touch = <V>(map: Map<string, V>, key: string, value: V) => {
    map.delete(key);
    map.set(key, value);
    if (map.size > MAX_TRACKED) map.delete(map.keys().next().value as string);
  };

  const summary = (address: string, state: LogState, t: number): string => {
    let total = 0;
    const parts: string[] = [];
    for (const [code, n] of state.suppressed) {
      total += n;
      parts.push(`${n}× ${code}`);
    }
    return `refused ${address} ${total} more time${total === 1 ? '' : 's'} in the last ${Math.round((t - state.lastLineAt) / 1000)} s (${parts.join(', ')})`;
  };

  return {
    originRefusal(origin) {
      if (origin === undefined || allowed.has(normalizeOrigin(origin))) return null;
      return `gateway refused the connection: browser origin ${JSON.stringify(origin)} is not allowed (start the gateway with --allow-origin ${origin} to allow it)`;
    },
    badTokenDelayMs(address) {
      const t = now();
      const previous = failures.get(address);
      const count = previous && t - previous.lastAt < memoryMs ? previous.count + 1 : 1;
      touch(failures, address, { count, lastAt: t });
      // The first mistake is answered at once (a typo); each further one waits twice as long, capped
      // below the handshake timeout so the refusal still reaches the client.
      const delay = count < 2 ? 0 : Math.min(maxDelayMs, baseDelayMs * 2 ** (count - 2));
      if (delay > 0) stats.delayedRefusals++;
      return delay;
    },
    refused(address, code, message) {
      const t = now();
      const state = logs.get(address);
      if (state && t - state.lastLineAt < windowMs) {
        state.suppressed.set(code, (state.suppressed.get(code) ?? 0) + 1);
        stats.logLinesSuppressed++;
        return;
      }
      const earlier = state && state.suppressed.size > 0 ? `; before it, ${summary(address, state, t).replace(/^refused \S+ /, '')}` : '';
      options.log(`refused ${address}: ${message}${earlier}`);
      touch(logs, address, { lastLineAt: t, suppressed: new Map() });
    },
    sweep() {
      const t = now();
      for (const [address, state] of logs) {
        if (t - state.lastLineAt < windowMs) continue;
        if (state.suppressed.size === 0) {
          logs.delete(address);
          continue;
        }
        options.log(summary(address, state, t));
        state.lastLineAt = t;
        state.suppressed.clear();
      }
      for (const [address, f] of failures) if (t - f.lastAt >= memoryMs) failures.delete(address);
    },
    stats: () => ({ ...stats }),
  };
}

/** Constant-time token comparison (length differences are not hidden; the lengths are not secret). */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
