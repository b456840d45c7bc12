// The gateway's write path: the id allowlist, then per bus a rate limit (token bucket) and a bounded queue, so a flood of sends can neither reach the bus nor grow memory.
import type { CanFrame } from '../shared/can/frame';
import { allowKey, formatCanId, type SendAllowEntry } from '../shared/gateway/allowlist';

export interface SendPolicy {
  /** Ids the read-write token may send; "none" makes the gateway read-only, "any" is a developer gateway. */
  allow: readonly SendAllowEntry[] | 'any' | 'none';
  /** Frames per second per bus, sustained. */
  ratePerBus: number;
  /** Frames a bus may send at once after being idle (the bucket size). */
  burstPerBus: number;
  /** Frames that may wait per bus; one more is refused. */
  queuePerBus: number;
}

export const DEFAULT_SEND_RATE = 100;
export const DEFAULT_SEND_BURST = 10;
export const DEFAULT_SEND_QUEUE = 32;

export interface SendPathStats {
  /** Frames handed to the source. */
  sent: number;
  refusedNotAllowed: number;
  refusedQueueFull: number;
  /** Queued sends dropped because their client went away before their turn. */
  droppedForDisconnect: number;
  /** Frames waiting now, over all buses. */
  queued: number;
}

export interface SendPath {
  /** A one-line refusal when the frame's id may not be sent at all, else null. Cheap: runs before queueing. */
  refusal(frame: Pick<CanFrame, 'id' | 'extended'>): string | null;
  /** Queues the frame on its bus; resolves when the source took it, rejects with a one-line reason. */
  submit(frame: CanFrame, owner: object): Promise<void>;
  /** Drops every queued (not yet sent) frame of `owner`, e.g. a client that disconnected. */
  dropOwner(owner: object): void;
  stats(): SendPathStats;
  close(): void;
}

interface Pending {
  frame: CanFrame;
  owner: object;
  resolve(): void;
  reject(error: Error): void;
}

interface Bus {
  queue: Pending[];
  tokens: number;
  refilledAt: number;
  busy: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export function createSendPath(options: {
  policy: SendPolicy;
  /** Puts one frame on the bus (the source's send). */
  write(frame: CanFrame): Promise<void>;
  /** Monotonic milliseconds; rate limits must not follow wall-clock steps. */
  now?: () => number;
}): SendPath {
  const { policy, write } = options;
  const now = options.now ?? (() => performance.now());
  if (!(policy.ratePerBus > 0)) throw new Error(`send rate must be a positive number of frames per second, got ${policy.ratePerBus}`);
  if (!(policy.burstPerBus >= 1)) throw new Error(`send burst must be at least 1, got ${policy.burstPerBus}`);
  if (!(policy.queuePerBus >= 0)) throw new Error(`send queue must be 0 or more, got ${policy.queuePerBus}`);
  const allowed = policy.allow === 'any' || policy.allow === 'none' ? null : new Set(policy.allow.map((e) => allowKey(e.id, e.extended)));
  const buses = new Map<string, Bus>();
  const stats: SendPathStats = { sent: 0, refusedNotAllowed: 0, refusedQueueFull: 0, droppedForDisconnect: 0, queued: 0 };
  let closed = false;

  const busFor = (name: string): Bus => {
    let bus = buses.get(name);
    if (!bus) {
      bus = { queue: [], tokens: policy.burstPerBus, refilledAt: now(), busy: false, timer: undefined };
      buses.set(name, bus);
    }
    return bus;
  };

  const refill = (bus: Bus) => {
    const t = now();
    bus.tokens = Math.min(policy.burstPerBus, bus.tokens + ((t - bus.refilledAt) * policy.ratePerBus) / 1000);
    bus.refilledAt = t;
  };

  const pump = (bus: Bus) => {
    if (bus.busy || bus.timer || closed) return;
    const next = bus.queue[0];
    if (!next) return;
    refill(bus);
    if (bus.tokens < 1) {
      const waitMs = ((1 - bus.tokens) / policy.ratePerBus) * 1000;
      bus.timer = setTimeout(() => {
        bus.timer = undefined;
        pump(bus);
      }, Math.ceil(waitMs));
      return;
    }
    bus.tokens -= 1;
    bus.queue.shift();
    stats.queued--;
    bus.busy = true;
    write(next.frame).then(
      () => {
        stats.sent++;
        next.resolve();
      },
      (error: unknown) => next.reject(new Error(`send failed: ${error instanceof Error ? error.message : String(error)}`)),
    ).finally(() => {
      bus.busy = false;
      pump(bus);
    });
  };

  return {
    refusal(frame) {
      if (policy.allow === 'any') return null;
      const id = formatCanId(frame.id, frame.extended);
      if (policy.allow === 'none') {
        stats.refusedNotAllowed++;
        return `send refused: id ${id} not sent; this gateway is read-only (started without a send allowlist: --vehicle ID or --allow-ids)`;
      }
      if (allowed!.has(allowKey(frame.id, frame.extended))) return null;
      stats.refusedNotAllowed++;
      return `send refused: id ${id} is not on this gateway's send allowlist`;
    },
    submit(frame, owner) {
      if (closed) return Promise.reject(new Error('send refused: the gateway is closing'));
      const bus = busFor(frame.bus);
      // A frame that can go at once never waits; one that must wait needs a free place in the queue.
      const mustWait = bus.busy || bus.timer !== undefined || bus.queue.length > 0 || (refill(bus), bus.tokens < 1);
      if (mustWait && bus.queue.length >= policy.queuePerBus) {
        stats.refusedQueueFull++;
        return Promise.reject(
          new Error(
            `send refused: the ${frame.bus} send queue is full (${policy.queuePerBus} frames waiting at ${policy.ratePerBus} frames/s); id ${formatCanId(frame.id, frame.extended)} not sent`,
          ),
        );
      }
      return new Promise<void>((resolve, reject) => {
        bus.queue.push({ frame, owner, resolve, reject });
        stats.queued++;
        pump(bus);
      });
    },
    dropOwner(owner) {
      for (const bus of buses.values()) {
        const keep = bus.queue.filter((p) => p.owner !== owner);
        const dropped = bus.queue.length - keep.length;
        if (dropped === 0) continue;
        for (const p of bus.queue) if (p.owner === owner) p.reject(new Error('send dropped: the client disconnected before its turn'));
        bus.queue = keep;
        stats.queued -= dropped;
        stats.droppedForDisconnect += dropped;
      }
    },
    stats: () => ({ ...stats }),
    close() {
      closed = true;
      for (const bus of buses.values()) {
        if (bus.timer) clearTimeout(bus.timer);
        bus.timer = undefined;
        for (const p of bus.queue) p.reject(new Error('send dropped: the gateway is closing'));
        stats.queued -= bus.queue.length;
        bus.queue = [];
      }
    },
  };
}
