// What happened in the simulated vehicle (gear changes, charging, swaps, refusals…): a bounded, timestamped event log with one listener.
import type { Result } from '../../shared/result';

export const SIM_EVENT_KINDS = [
  'gear-changed',
  'charge-started',
  'charge-completed',
  'charge-stopped',
  'unplugged',
  'swap-started',
  'swap-completed',
  'driver-changed',
  'lights-on',
  'lights-off',
  'tunnel-entered',
  'tunnel-left',
  'route-end',
  'battery-empty',
  'fault',
  'fault-cleared',
  'rejected',
] as const;

export type SimEventKind = (typeof SIM_EVENT_KINDS)[number];

export interface SimEvent {
  /** Simulated time since the start, ms. */
  tMs: number;
  kind: SimEventKind;
  detail: string;
}

const MAX_EVENTS = 1000;

export class EventLog {
  /** The newest events, oldest first (at most 1000). */
  readonly events: SimEvent[] = [];
  private listener: ((event: SimEvent) => void) | null = null;

  /** `clock` gives the simulated time now, ms. */
  constructor(private readonly clock: () => number) {}

  /** Called for every event as it happens (the runner forwards them; the control panel shows them). */
  onEvent(listener: ((event: SimEvent) => void) | null): void {
    this.listener = listener;
  }

  emit(kind: SimEventKind, detail: string): void {
    const event = { tMs: this.clock(), kind, detail };
    if (this.events.length >= MAX_EVENTS) this.events.shift();
    this.events.push(event);
    this.listener?.(event);
  }

  /** Refuses a command: logged as a `rejected` event, returned with its reason. */
  reject(error: string): Result {
    this.emit('rejected', error);
    return { ok: false, error };
  }
}
