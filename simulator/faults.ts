// Fault injection at the simulated source: frame loss, garbage frames, a stuck signal and bus-off applied to the frame stream; gateway-level faults handed to the integrator.
import type { z } from 'zod';
import { FrameFlag, MAX_CLASSIC_PAYLOAD, MAX_FD_PAYLOAD, type CanFrame } from '../shared/can/frame';
import { faultRequestSchema, type ActiveFault, type FaultOrigin, type FaultRequest } from '../shared/simulation/faults';
import type { Result } from '../shared/result';
import type { VssValue } from '../shared/vehicle/vssValue';
import { SeededRandom } from './random';
import type { ScenarioFault } from './scenario';

/** Faults only the gateway itself can produce; the integrator maps them to `RunningGateway.setOffline` / `injectRawBatch`. */
export type GatewayFault = { kind: 'gateway-disconnect' } | { kind: 'raw-garbage'; bytes: Uint8Array };
export type GatewayFaultHandler = (fault: GatewayFault, active: boolean) => void;

export interface FaultHandle {
  readonly id: number;
  /** Ends the fault; idempotent. */
  clear(): void;
}

export interface FaultCounters {
  /** Frames dropped by frame-loss faults. */
  lost: number;
  /** Frames silenced by bus-off. */
  busOff: number;
  /** Garbage frames added. */
  garbage: number;
}

export interface FaultInjectorOptions {
  seed: number;
  /** Buses the source has; faults naming another bus are refused. */
  buses: readonly string[];
  /** The bus garbage goes to when the fault names none. */
  defaultBus: string;
  /** Bus time now, ms. */
  now: () => number;
  /** The value a stuck signal freezes at (the one being emitted now); undefined = the path is not emitted. */
  valueOf: (path: string) => VssValue | undefined;
  onGatewayFault?: GatewayFaultHandler;
  /** Told whenever the set of active faults changes. */
  onChange?: () => void;
}

interface Active {
  info: ActiveFault;
  untilMs: number | null;
  /** Garbage: frames owed but not yet sent (fractional). */
  credit: number;
  stuckValue?: VssValue;
}

/** zod issues as one line: `path: message; …`. */
function describeZod(error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const path = i.path.filter((p): p is string | number => typeof p !== 'symbol').join('.');
      return path ? `${path}: ${i.message}` : i.message;
    })
    .join('; ');
}

export class FaultInjector {
  readonly counters: FaultCounters = { lost: 0, busOff: 0, garbage: 0 };
  private readonly rng: SeededRandom;
  private readonly active = new Map<number, Active>();
  private nextId = 1;

  constructor(private readonly options: FaultInjectorOptions) {
    this.rng = new SeededRandom(options.seed ^ 0x5eed_fa17);
  }

  /** Validates and starts a fault; refused with a one-line reason, never thrown. */
  inject(request: unknown, origin: FaultOrigin = 'panel'): Result<FaultHandle> {
    const parsed = faultRequestSchema.safeParse(request);
    if (!parsed.success) return { ok: false, error: `fault refused: ${describeZod(parsed.error)}` };
    const r = parsed.data;
    const bus = 'bus' in r ? r.bus : undefined;
    if (bus !== undefined && !this.options.buses.includes(bus)) {
      return { ok: false, error: `fault refused: no bus "${bus}" on the simulated vehicle (it has ${this.options.buses.join(', ')})` };
    }
    let stuckValue: VssValue | undefined;
    if (r.kind === 'stuck-signal') {
      stuckValue = this.options.valueOf(r.signal);
      if (stuckValue === undefined) return { ok: false, error: `fault refused: ${r.signal} is not a signal the simulated vehicle emits` };
    }
    if (r.kind === 'gateway-disconnect' && !this.options.onGatewayFault) {
      return { ok: false, error: 'fault refused: a gateway disconnect needs the gateway, and this source was started without onGatewayFault' };
    }
    const now = this.options.now();
    const untilMs = r.durationS === undefined ? null : now + r.durationS * 1000;
    const id = this.nextId++;
    // Plain JSON for status(): optional fields left out rather than undefined.
    const given = Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as FaultRequest;
    const info: ActiveFault = { ...given, id, origin, sinceS: now / 1000, untilS: untilMs === null ? null : untilMs / 1000 };
    if (r.kind === 'gateway-disconnect') {
      const failed = this.tellGateway({ kind: 'gateway-disconnect' }, true);
      if (failed) return { ok: false, error: `fault refused: the gateway could not go offline (${failed})` };
    }
    this.active.set(id, { info, untilMs, credit: 0, stuckValue });
    this.options.onChange?.();
    return { ok: true, value: { id, clear: () => this.clear(id) } };
  }

  frameLoss(percent: number, bus?: string): Result<FaultHandle> {
    return this.inject({ kind: 'frame-loss', percent, bus });
  }

  garbage(framesPerSecond: number, bus?: string): Result<FaultHandle> {
    return this.inject({ kind: 'garbage', framesPerSecond, bus });
  }

  stuckSignal(path: string): Result<FaultHandle> {
    return this.inject({ kind: 'stuck-signal', signal: path });
  }

  busOff(bus: string): Result<FaultHandle> {
    return this.inject({ kind: 'bus-off', bus });
  }

  gatewayDisconnect(): Result<FaultHandle> {
    return this.inject({ kind: 'gateway-disconnect' });
  }

  /** One batch of random bytes straight onto the gateway's wire (the host must count it as malformed and go on). */
  rawGarbage(bytes = 64): Result {
    if (!Number.isInteger(bytes) || bytes < 1 || bytes > 65_536) return { ok: false, error: `raw garbage: ${bytes} bytes is outside 1..65536` };
    if (!this.options.onGatewayFault) return { ok: false, error: 'raw garbage needs the gateway, and this source was started without onGatewayFault' };
    const data = new Uint8Array(bytes);
    for (let i = 0; i < bytes; i++) data[i] = this.rng.int(0, 255);
    const failed = this.tellGateway({ kind: 'raw-garbage', bytes: data }, true);
    return failed ? { ok: false, error: `raw garbage: the gateway refused it (${failed})` } : { ok: true };
  }

  /** Ends one fault; false when no fault has that id (already cleared). */
  clear(id: number): boolean {
    const entry = this.active.get(id);
    if (!entry) return false;
    this.active.delete(id);
    if (entry.info.kind === 'gateway-disconnect') this.tellGateway({ kind: 'gateway-disconnect' }, false);
    this.options.onChange?.();
    return true;
  }

  clearAll(origin?: FaultOrigin): void {
    for (const [id, entry] of [...this.active]) if (origin === undefined || entry.info.origin === origin) this.clear(id);
  }

  list(): ActiveFault[] {
    return [...this.active.values()].map((a) => ({ ...a.info }));
  }

  /** Ends faults whose duration has passed. */
  expire(nowMs: number): void {
    for (const [id, entry] of [...this.active]) if (entry.untilMs !== null && entry.untilMs <= nowMs) this.clear(id);
  }

  /** The frozen value of `path` while a stuck-signal fault holds it. */
  stuck(path: string): VssValue | undefined {
    for (const a of this.active.values()) if (a.info.kind === 'stuck-signal' && a.info.signal === path) return a.stuckValue;
    return undefined;
  }

  get hasActive(): boolean {
    return this.active.size > 0;
  }

  get hasStuck(): boolean {
    for (const a of this.active.values()) if (a.info.kind === 'stuck-signal') return true;
    return false;
  }

  isBusOff(bus: string): boolean {
    for (const a of this.active.values()) if (a.info.kind === 'bus-off' && a.info.bus === bus) return true;
    return false;
  }

  /**
   * Applies the stream faults to out[from..] in place: adds garbage for the bus-time interval
   * (fromMs, toMs], then drops frames on buses in bus-off and frames lost to frame-loss faults.
   */
  apply(out: CanFrame[], from: number, fromMs: number, toMs: number): void {
    if (this.active.size === 0) return;
    let garbageAdded = false;
    for (const a of this.active.values()) {
      if (a.info.kind !== 'garbage' || toMs <= fromMs) continue;
      a.credit += (a.info.framesPerSecond * (toMs - fromMs)) / 1000;
      const n = Math.floor(a.credit);
      a.credit -= n;
      const bus = a.info.bus ?? this.options.defaultBus;
      for (let i = 0; i < n; i++) out.push(this.garbageFrame(bus, fromMs + ((i + 1) * (toMs - fromMs)) / (n + 1)));
      this.counters.garbage += n;
      if (n > 0) garbageAdded = true;
    }
    let w = from;
    for (let r = from; r < out.length; r++) {
      const f = out[r];
      if (this.isBusOff(f.bus)) {
        this.counters.busOff++;
        continue;
      }
      if (this.lost(f.bus)) {
        this.counters.lost++;
        continue;
      }
      out[w++] = f;
    }
    out.length = w;
    if (garbageAdded) {
      const tail = out.splice(from).sort((a, b) => a.t - b.t);
      for (const f of tail) out.push(f);
    }
  }

  /** Hands a fault to the integrator's handler; returns why it failed, or null. A throwing handler never escapes into a frame timer. */
  private tellGateway(fault: GatewayFault, active: boolean): string | null {
    try {
      this.options.onGatewayFault?.(fault, active);
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  private lost(bus: string): boolean {
    for (const a of this.active.values()) {
      if (a.info.kind !== 'frame-loss' || (a.info.bus !== undefined && a.info.bus !== bus)) continue;
      if (this.rng.next() * 100 < a.info.percent) return true;
    }
    return false;
  }

  /** Random id (standard or extended, mostly not in any DBC), random length 0..64 and payload. */
  private garbageFrame(bus: string, tMs: number): CanFrame {
    const extended = this.rng.next() < 0.5;
    const id = extended ? this.rng.int(0, 0x1fff_ffff) : this.rng.int(0, 0x7ff);
    const length = this.rng.int(0, MAX_FD_PAYLOAD);
    const data = new Uint8Array(length);
    for (let i = 0; i < length; i++) data[i] = this.rng.int(0, 255);
    return { t: tMs / 1000, bus, id, extended, flags: length > MAX_CLASSIC_PAYLOAD ? FrameFlag.FD : 0, data };
  }
}

/** A scenario timeline fault as the injector's request (the runner owns its duration). */
export function requestOfScenarioFault(fault: ScenarioFault): FaultRequest {
  const { duration: _duration, ...request } = fault;
  return request;
}
