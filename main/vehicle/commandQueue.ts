// The bounded queue in front of each command message: at most one pending send, newer targets replace older ones, late ones are dropped.
import type { MonotonicClock } from '../host/clock';

/** What one request for one message becomes. */
export type PartOutcome = { kind: 'sent' } | { kind: 'superseded' } | { kind: 'dropped'; reason: string } | { kind: 'failed'; error: string };

interface Request {
  client: string;
  signals: Record<string, number>;
  deadline: number;
  settle: (outcome: PartOutcome) => void;
}

interface Slot {
  pending: Request[];
  inFlight: boolean;
  nextAllowedAt: number;
  timer: NodeJS.Timeout | null;
}

export interface CommandQueueOptions<M> {
  /** Sends one merged command; resolves with an error string, or null once the gateway put it on the bus. */
  send(message: M, signals: Record<string, number>, features: string): Promise<string | null>;
  /** The fields of `message` no request touched. */
  idle(message: M): Readonly<Record<string, number>>;
  /** No message goes out more often than this: an ECU flooded with requests may ignore all of them. */
  minIntervalMs: number;
  clock: MonotonicClock;
}

export interface CommandQueue<M> {
  /** Queues the signals a request sets in one message; resolves when they went out, were replaced, or were dropped. */
  enqueue(message: M, signals: Record<string, number>, meta: { client: string; feature: string; deadlineMs: number }): Promise<PartOutcome>;
  /** Drops everything a client left pending (its page went away); returns how many requests. */
  dropClient(client: string): number;
  /** Requests waiting (not in flight), over all messages: at most one per message and signal. */
  readonly pendingCount: number;
  close(): void;
}

export function createCommandQueue<M>({ send, idle, minIntervalMs, clock }: CommandQueueOptions<M>): CommandQueue<M> {
  const slots = new Map<M, Slot>();
  const features = new WeakMap<Request, string>();
  let closed = false;

  const slotOf = (message: M): Slot => {
    let slot = slots.get(message);
    if (!slot) slots.set(message, (slot = { pending: [], inFlight: false, nextAllowedAt: -Infinity, timer: null }));
    return slot;
  };

  const pump = (message: M, slot: Slot) => {
    if (closed || slot.inFlight || slot.pending.length === 0 || slot.timer) return;
    const now = clock();
    const wait = slot.nextAllowedAt - now;
    if (wait > 0) {
      slot.timer = setTimeout(() => {
        slot.timer = null;
        pump(message, slot);
      }, wait);
      return;
    }
    // A command that missed its deadline would move the car later than the driver asked: drop it, never send late.
    const due = slot.pending.splice(0);
    const live = due.filter((r) => {
      if (r.deadline >= now) return true;
      r.settle({ kind: 'dropped', reason: `not sent within its deadline (${Math.round(now - r.deadline)} ms late)` });
      return false;
    });
    if (live.length === 0) return;
    const signals: Record<string, number> = { ...idle(message) };
    for (const r of live) Object.assign(signals, r.signals);
    const asked = [...new Set(live.map((r) => features.get(r) ?? ''))].join(',');
    slot.inFlight = true;
    slot.nextAllowedAt = now + minIntervalMs;
    send(message, signals, asked)
      .then(
        (error) => live.forEach((r) => r.settle(error === null ? { kind: 'sent' } : { kind: 'failed', error })),
        (error: Error) => live.forEach((r) => r.settle({ kind: 'failed', error: error.message })),
      )
      .finally(() => {
        slot.inFlight = false;
        pump(message, slot);
      });
  };

  return {
    enqueue(message, signals, { client, feature, deadlineMs }) {
      if (closed) return Promise.resolve({ kind: 'dropped', reason: 'the vehicle link is closing' });
      return new Promise<PartOutcome>((settle) => {
        const slot = slotOf(message);
        const request: Request = { client, signals, deadline: clock() + deadlineMs, settle };
        features.set(request, feature);
        // A newer target replaces older unsent ones it fully covers: 300 mirror nudges leave one pending, not 300.
        slot.pending = slot.pending.filter((older) => {
          const covered = Object.keys(older.signals).every((name) => name in signals);
          if (covered) older.settle({ kind: 'superseded' });
          return !covered;
        });
        slot.pending.push(request);
        pump(message, slot);
      });
    },
    dropClient(client) {
      let dropped = 0;
      for (const slot of slots.values()) {
        slot.pending = slot.pending.filter((r) => {
          if (r.client !== client) return true;
          dropped += 1;
          r.settle({ kind: 'dropped', reason: 'the page that asked for it went away' });
          return false;
        });
      }
      return dropped;
    },
    get pendingCount() {
      let n = 0;
      for (const slot of slots.values()) n += slot.pending.length;
      return n;
    },
    close() {
      closed = true;
      for (const slot of slots.values()) {
        if (slot.timer) clearTimeout(slot.timer);
        slot.timer = null;
        for (const r of slot.pending.splice(0)) r.settle({ kind: 'dropped', reason: 'the vehicle link closed' });
      }
    },
  };
}
