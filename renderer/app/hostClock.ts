// The renderer's estimate of the host's monotonic clock, so ages of vehicle values never depend on either wall clock.
import type { SyncMessage } from '../../shared/state/sync';

/** host time − this page's performance.now(); null until the first message (tests, and the instant before the snapshot). */
let offset: number | null = null;

/**
 * Both clocks run at the same rate, so the largest offset seen is the one least delayed in transit.
 * A snapshot starts again: it may come from a restarted host whose clock has a new origin.
 */
export function noteHostTime(message: SyncMessage): void {
  if (typeof message.hostTime !== 'number') return;
  const seen = message.hostTime - performance.now();
  offset = message.kind === 'snapshot' || offset === null ? seen : Math.max(offset, seen);
}

/** Now on the host's clock: compare with `seenAt` and other host times in the state. */
export function hostNow(): number {
  return offset === null ? Date.now() : performance.now() + offset;
}
