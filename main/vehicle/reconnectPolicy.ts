// When the gateway client reconnects: one backoff for every reason (refused as offline, hung up, gone silent), so there is one path, not four.
import type { MonotonicClock } from '../host/clock';

export interface ReconnectPolicyOptions {
  /** First delay and cap, ms. */
  initialMs: number;
  maxMs: number;
  /** Performs the reconnect (socket.connect, after a disconnect when one is needed). */
  reconnect(): void;
  clock: MonotonicClock;
  /** 0..1 uniformly; jitter keeps many head units from reconnecting in lockstep after a gateway restart. */
  random?: () => number;
}

export interface ReconnectPolicy {
  /** Reconnect after the next backoff delay (growing while attempts keep failing). */
  schedule(): void;
  /** A handshake succeeded: the next failure starts from the first delay again. */
  succeeded(): void;
  readonly attempts: number;
  cancel(): void;
}

export function createReconnectPolicy({ initialMs, maxMs, reconnect, random = Math.random }: ReconnectPolicyOptions): ReconnectPolicy {
  let attempts = 0;
  let timer: NodeJS.Timeout | undefined;
  return {
    schedule() {
      if (timer) return;
      const delay = Math.min(maxMs, initialMs * 2 ** attempts) * (0.7 + random() * 0.6);
      attempts += 1;
      timer = setTimeout(() => {
        timer = undefined;
        reconnect();
      }, delay);
    },
    succeeded() {
      attempts = 0;
    },
    get attempts() {
      return attempts;
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
