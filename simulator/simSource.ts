// The gateway's "sim" frame source: the simulated EV (parked, or driven by a scenario) speaking CAN, with a write path, control-panel methods and fault injection.
import { compileDbc, type CompiledDbc } from '../shared/can/dbcCompile';
import type { DbcDatabase } from '../shared/can/dbcModel';
import type { CanFrame } from '../shared/can/frame';
import type { FrameSink, FrameSource } from '../shared/gateway/source';
import type { AppliedOverride, SimOverride } from '../shared/simulation/overrides';
import type { Result } from '../shared/result';
import type { VssValue } from '../shared/vehicle/vssValue';
import type { VehicleMapping } from '../shared/vehicle/mapping';
import { AssetError, loadRoute } from './assets';
import { createCanEmitter, type CanEmitter, type VssSnapshot } from './canEmitter';
import { FaultInjector, type GatewayFaultHandler } from './faults';
import { RealtimeDriver, MAX_ACCELERATION, MIN_ACCELERATION, type RealtimeOptions } from './realtime';
import type { Route } from './route';
import { ScenarioRunner } from './runner';
import type { Scenario } from './scenario';
import { applyOverride } from './source/applyOverride';
import { createCommandPath } from './source/commandPath';
import { withDerived } from './source/derivedSignals';
import { linkScenarioFaults } from './source/scenarioFaults';
import { loadSimVehicle, parkedScenario, resolveScenario } from './source/simVehicleAssets';
import type { SimCounters, SimSourceStatus } from './source/simSourceStatus';
import { FIXED_STEP_MS } from './vehicle/physics';

export type { SimCounters, SimSourceStatus } from './source/simSourceStatus';
export { keyFobIdFor } from './source/applyOverride';

export interface SimSourceOptions {
  /** Vehicle id under assets/vehicles (default: the scenario's vehicle, else cabin-ev). */
  vehicle?: string;
  /** A bundled scenario name, a .yaml path, or an already parsed scenario; absent = parked at the demo location. */
  scenario?: string | Scenario;
  /** Overrides the scenario's seed (also seeds frame loss and garbage). */
  seed?: number;
  /** Simulated seconds per wall-clock second, 1..60 (default 1). */
  acceleration?: number;
  /** Bus the vehicle's messages go on (the cabin-ev DBC names none): default can0. */
  bus?: string;
  /** 'realtime' (default) runs on the wall clock; 'virtual' moves only when `advance()` is called (tests, benches). */
  clock?: 'realtime' | 'virtual';
  /** Start playing the scenario at start() (default true); the parked car always runs. */
  autoplay?: boolean;
  /** Cycle for mapped messages without GenMsgCycleTime (default 100 ms). */
  defaultCycleMs?: number;
  /** Where relative scenario paths are resolved. */
  cwd?: string;
  /** Gateway-level faults (disconnect, raw garbage batches) are handed here; the integrator wires them to the gateway. */
  onGatewayFault?: GatewayFaultHandler;
  /** Injected timers for the realtime clock (tests). */
  realtime?: Pick<RealtimeOptions, 'now' | 'setInterval' | 'clearInterval' | 'intervalMs'>;
}

export interface SimSource extends FrameSource {
  readonly kind: 'sim';
  readonly vehicleId: string;
  readonly bus: string;
  readonly db: DbcDatabase;
  readonly mapping: VehicleMapping;
  /** The scenario being run (a fresh runner after each seek). */
  readonly runner: ScenarioRunner;
  /** frameLoss / garbage / stuckSignal / busOff / gatewayDisconnect / rawGarbage, each fault with clear(). */
  readonly faults: FaultInjector;
  /** The write path: a command frame → actuator targets; rejects with a one-line reason. */
  send(frame: CanFrame): Promise<void>;

  play(): Result;
  pause(): Result;
  /** Re-runs the scenario from its start to `seconds` in virtual time (runs are seeded, so this is the same state). */
  seek(seconds: number): Result;
  setAcceleration(x: number): Result;
  /**
   * A control-panel override (`{ speed: 80 }`, `{ gear: 'D' }`, `{ location: { lat, lon } }`, …; see
   * `simOverrideSchema`), validated here too; refused with the field, the value and why.
   */
  override(change: SimOverride): Result;
  /** A fault from the control panel (`faultRequestSchema`); the value is its id, for clearFault. */
  injectFault(request: unknown): Result<number>;
  clearFault(id: number): Result;
  clearFaults(): Result;
  rawGarbage(bytes?: number): Result;

  status(): SimSourceStatus;
  /** Called on every control or fault change and about 4 times a second while running; returns the unsubscribe. */
  onStatus(listener: (status: SimSourceStatus) => void): () => void;
  /** Moves the frame clock by `dtMs` of bus time (simulated time while playing, wall time ×1 while paused). The realtime clock calls it; tests call it directly. */
  advance(dtMs: number): void;
  /** Every VSS value the simulated vehicle has now, as its frames carry them before faults (stuck signals not frozen here). */
  signals(): Record<string, VssValue>;
}

/** Longest seek for the parked car, which has no end of its own. */
const MAX_PARKED_SEEK_S = 3600;
const STATUS_EVERY_MS = 250;

/**
 * Builds the source; throws an AssetError (every line located) when the vehicle or scenario cannot be loaded.
 *
 * Frame timestamps are the source's frame clock in seconds since start() (epoch = start): it moves
 * with simulated time while a scenario plays and at ×1 while paused, and never goes back (not even
 * on seek), because the host's mapping runtime throttles and refreshes values by frame time.
 */
export function createSimSource(options: SimSourceOptions = {}): SimSource {
  const cwd = options.cwd ?? process.cwd();
  const chosen = resolveScenario(options.scenario, cwd);
  const vehicleId = options.vehicle ?? chosen?.vehicle ?? 'cabin-ev';
  if (chosen && options.vehicle && chosen.vehicle !== options.vehicle) {
    throw new AssetError(`scenario ${chosen.name} is written for vehicle "${chosen.vehicle}", not "${options.vehicle}"`);
  }
  const scenario = chosen ?? parkedScenario(vehicleId);
  const parked = chosen === null;
  const vehicle = loadSimVehicle(vehicleId);
  const route: Route | undefined = scenario.route ? loadRoute(scenario.route.id) : undefined;
  const seed = options.seed ?? scenario.seed;
  const bus = options.bus ?? 'can0';
  const virtual = options.clock === 'virtual';
  const compiled: CompiledDbc = compileDbc(vehicle.db);
  const emitter: CanEmitter = createCanEmitter({ mapping: vehicle.mapping, bus, defaultCycleMs: options.defaultCycleMs });
  const emitted = new Set(vehicle.mapping.dbc2vss.map((r) => r.path));
  const problems = [...vehicle.problems, ...emitter.status.unsupported.map((p) => `${vehicleId}: ${p} has a transform the simulator cannot invert; it is not emitted`)];

  let acceleration = options.acceleration ?? 1;
  if (!(acceleration >= MIN_ACCELERATION && acceleration <= MAX_ACCELERATION)) {
    throw new RangeError(`time acceleration must be from ×${MIN_ACCELERATION} to ×${MAX_ACCELERATION}, got ${acceleration}`);
  }
  let playing = parked || options.autoplay !== false;
  let ended = false;
  let busMs = 0;
  let sink: FrameSink | null = null;
  let started = false;
  let overrides: AppliedOverride[] = [];
  const listeners = new Set<(status: SimSourceStatus) => void>();
  let lastStatusAt = -Infinity;
  const out: CanFrame[] = [];

  // The VSS values frames carry: the vehicle's own, with stuck signals frozen; recomputed once per change.
  let version = 0;
  let cachedVersion = -1;
  let cached: Record<string, VssValue> = {};
  const current = (): Record<string, VssValue> => {
    if (cachedVersion !== version) {
      cached = withDerived(runner.vehicle.signals(), vehicle.definition);
      cachedVersion = version;
    }
    return cached;
  };
  const snapshot: VssSnapshot = {
    get version() {
      return version;
    },
    get(path) {
      if (faults.hasStuck) {
        const frozen = faults.stuck(path);
        if (frozen !== undefined) return frozen;
      }
      return current()[path];
    },
  };

  const faults = new FaultInjector({
    seed,
    buses: [bus],
    defaultBus: bus,
    now: () => busMs,
    valueOf: (path) => (emitted.has(path) ? current()[path] : undefined),
    onGatewayFault: options.onGatewayFault,
    onChange: () => {
      version++;
      notify(true);
    },
  });

  const commands = createCommandPath({ vehicleId, bus, db: vehicle.db, mapping: vehicle.mapping, compiled, isBusOff: (b) => faults.isBusOff(b) });
  // Scenario timeline faults drive the same injector.
  const scenarioFaults = linkScenarioFaults(faults, (problem) => sink?.error(`scenario ${scenario.name}: ${problem}`));

  const newRunner = () => new ScenarioRunner(scenario, { definition: vehicle.definition, route, seed });
  let runner = newRunner();
  let simMs = 0;
  /** Makes `fresh` the running scenario, its timeline faults in force. */
  const attach = (fresh: ScenarioRunner) => {
    runner = fresh;
    scenarioFaults.follow(fresh);
  };
  const durationMs = runner.durationMs;
  attach(runner);

  const driver = virtual
    ? null
    : new RealtimeDriver({ advance: (dt) => source.advance(dt) }, { ...options.realtime, acceleration: playing ? acceleration : 1 });

  const counters = (): SimCounters => ({
    frames: emitter.counters.frames,
    lost: faults.counters.lost,
    busOff: faults.counters.busOff,
    garbage: faults.counters.garbage,
    commands: commands.accepted,
    commandsRefused: commands.refused,
    saturated: emitter.counters.saturated,
    unencodable: emitter.counters.unencodable,
  });

  const status = (): SimSourceStatus => ({
    vehicle: vehicleId,
    scenario: parked ? null : scenario.name,
    playing,
    ended,
    simTimeS: simMs / 1000,
    durationS: parked ? null : durationMs / 1000,
    acceleration,
    bus,
    busTimeS: busMs / 1000,
    faults: faults.list(),
    overrides: overrides.map((o) => structuredClone(o)),
    counters: counters(),
  });

  function notify(force: boolean) {
    if (listeners.size === 0) return;
    const now = performance.now();
    if (!force && now - lastStatusAt < STATUS_EVERY_MS) return;
    lastStatusAt = now;
    const s = status();
    for (const l of listeners) {
      // A broken panel listener must not take the frame timer (and the process) down with it.
      try {
        l(s);
      } catch (error) {
        sink?.error(`status listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  const setPlaying = (on: boolean) => {
    playing = on;
    driver?.setAcceleration(on ? acceleration : 1);
  };

  const emit = (fromMs: number) => {
    if (out.length === 0 && !faults.hasActive) return;
    faults.apply(out, 0, fromMs, busMs);
    if (out.length > 0 && sink) sink.frames(out);
    out.length = 0;
  };

  const source: SimSource = {
    kind: 'sim',
    vehicleId,
    bus,
    db: vehicle.db,
    mapping: vehicle.mapping,
    get runner() {
      return runner;
    },
    faults,
    buses: () => [bus],

    async start(s) {
      if (started) return;
      started = true;
      sink = s;
      for (const p of problems) s.error(p);
      // The first frame of every message goes out at once, so a client sees the car within one tick.
      emitter.emitDue(busMs, true, snapshot, out);
      emit(busMs);
      driver?.start();
    },

    async stop() {
      driver?.stop();
      sink = null;
      started = false;
    },

    async send(frame) {
      commands.apply(frame, (target) => runner.vehicle.command(target), () => version++);
    },

    play() {
      if (ended) return { ok: false, error: `scenario ${scenario.name} has ended; seek to an earlier time to play it again` };
      setPlaying(true);
      notify(true);
      return { ok: true };
    },

    pause() {
      if (parked) return { ok: false, error: 'the parked car has no scenario to pause; pick a scenario first' };
      setPlaying(false);
      notify(true);
      return { ok: true };
    },

    seek(seconds) {
      const maxS = parked ? MAX_PARKED_SEEK_S : durationMs / 1000;
      if (!Number.isFinite(seconds) || seconds < 0 || seconds > maxS) {
        return { ok: false, error: `seek to ${seconds} s refused: the ${parked ? 'parked car can seek' : `scenario ${scenario.name} runs`} from 0 to ${maxS} s` };
      }
      // Re-run from the start in virtual time; only the net change in timeline faults reaches the stream.
      const fresh = newRunner();
      fresh.runUntil(seconds * 1000);
      attach(fresh);
      simMs = seconds * 1000;
      overrides = [];
      ended = !parked && simMs >= durationMs;
      if (ended) setPlaying(false);
      version++;
      notify(true);
      return { ok: true };
    },

    setAcceleration(x) {
      if (typeof x !== 'number' || !(x >= MIN_ACCELERATION && x <= MAX_ACCELERATION)) {
        return { ok: false, error: `time acceleration ${x} refused: it goes from ×${MIN_ACCELERATION} to ×${MAX_ACCELERATION}` };
      }
      acceleration = x;
      if (playing) driver?.setAcceleration(x);
      notify(true);
      return { ok: true };
    },

    override(change) {
      const result = applyOverride(runner.vehicle, change, { scenario: scenario.name, routeId: route?.id ?? null });
      if (!result.ok) return result;
      version++;
      overrides.push({ override: result.applied, atS: runner.vehicle.timeMs / 1000 });
      notify(true);
      return { ok: true };
    },

    injectFault(request) {
      const r = faults.inject(request, 'panel');
      return r.ok ? { ok: true, value: r.value.id } : r;
    },

    clearFault(id) {
      return faults.clear(id) ? { ok: true } : { ok: false, error: `no active fault ${id}` };
    },

    clearFaults() {
      faults.clearAll('panel');
      return { ok: true };
    },

    rawGarbage(bytes) {
      return faults.rawGarbage(bytes);
    },

    status,

    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    advance(dtMs) {
      if (!(dtMs > 0) || !Number.isFinite(dtMs)) return;
      const fromMs = busMs;
      let remaining = dtMs;
      while (playing && remaining > 0) {
        // The vehicle's state holds until its next physics step: frames due before it carry the current values.
        const untilStep = runner.vehicle.timeMs + FIXED_STEP_MS - simMs;
        const untilEnd = durationMs - simMs;
        const step = Math.min(remaining, untilStep, untilEnd);
        emitter.emitDue(busMs + step, false, snapshot, out);
        busMs += step;
        simMs += step;
        remaining -= step;
        if (step === untilStep) {
          runner.runUntil(simMs);
          version++;
        }
        if (simMs >= durationMs) {
          ended = true;
          setPlaying(false);
          notify(true);
        }
      }
      busMs += remaining;
      faults.expire(busMs);
      emitter.emitDue(busMs, true, snapshot, out);
      emit(fromMs);
      notify(false);
    },

    signals() {
      return { ...current() };
    },
  };
  return source;
}
