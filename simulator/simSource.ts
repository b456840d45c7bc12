// The gateway's "sim" frame source: the simulated EV (parked, or driven by a scenario) speaking CAN, with a write path, control-panel methods and fault injection.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compileDbc, type CompiledDbc } from '../shared/can/dbcCompile';
import { formatDiagnostic, messageKey, type DbcDatabase } from '../shared/can/dbcModel';
import { decodeDbcBytes } from '../shared/can/dbcText';
import { FrameFlag, type CanFrame } from '../shared/can/frame';
import type { FrameSink, FrameSource } from '../shared/gateway/source';
import type { VssValue } from '../shared/vehicle/catalog';
import { createCommandDecoder, type CommandDecoder } from '../shared/vehicle/commandDecoder';
import { loadVehicle } from '../shared/vehicle/framePipeline';
import type { VehicleMapping } from '../shared/vehicle/mapping';
import { applyAction } from './actions';
import { AssetError, ASSETS_DIR, loadRoute, loadScenario, loadVehicleDefinition } from './assets';
import { createCanEmitter, type CanEmitter, type VssSnapshot } from './canEmitter';
import { FaultInjector, requestOfScenarioFault, type FaultHandle, type FaultInfo, type GatewayFaultHandler } from './faults';
import { RealtimeDriver, MAX_ACCELERATION, MIN_ACCELERATION, type RealtimeOptions } from './realtime';
import type { Route } from './route';
import { ScenarioRunner } from './runner';
import { actionSchema, formatScenarioIssue, type Fault, type Scenario, type ScenarioAction } from './scenario';
import { FIXED_STEP_MS, type GearLetter } from './vehicle';
import type { VehicleDefinition } from '../shared/vehicle/vehicleDefinition';

export type ControlResult = { ok: true } | { ok: false; error: string };

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

export type OverrideKind = 'speed' | 'gear' | 'soc' | 'location' | 'headlights' | 'keyFob';

export interface OverrideInfo {
  kind: OverrideKind;
  value: string | number | { lat: number; lon: number } | { driver: string; keyFob: number };
  /** Scenario time it was applied, s. */
  atS: number;
}

export interface SimStatus {
  vehicle: string;
  /** Scenario name; null when parked. */
  scenario: string | null;
  playing: boolean;
  /** The scenario reached its end (the car stays where it is; seek or pick another). */
  ended: boolean;
  /** Scenario (simulated) time since its start, s. */
  simTimeS: number;
  /** null for the parked car, which has no end. */
  durationS: number | null;
  acceleration: number;
  bus: string;
  /** The frame clock (frame timestamps), s since start(). */
  busTimeS: number;
  faults: FaultInfo[];
  /** Control-panel overrides since the scenario (re)started, oldest first. */
  overrides: OverrideInfo[];
  counters: SimCounters;
}

export interface SimCounters {
  /** Status frames encoded (before faults). */
  frames: number;
  lost: number;
  busOff: number;
  garbage: number;
  /** Command frames accepted / refused on the write path. */
  commands: number;
  commandsRefused: number;
  /** Status values outside their signal's range (sent saturated) or not encodable. */
  saturated: number;
  unencodable: number;
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

  play(): ControlResult;
  pause(): ControlResult;
  /** Re-runs the scenario from its start to `seconds` in virtual time (runs are seeded, so this is the same state). */
  seek(seconds: number): ControlResult;
  setAcceleration(x: number): ControlResult;
  /** Target speed the simulated driver eases toward (km/h); needs gear D or R. */
  setSpeed(kmh: number): ControlResult;
  setGear(gear: GearLetter): ControlResult;
  setSoc(percent: number): ControlResult;
  /** Teleports a car that has no route. */
  setLocation(lat: number, lon: number): ControlResult;
  setHeadlights(mode: 'on' | 'off' | 'auto'): ControlResult;
  /** A driver's key fob in the car; the fob id defaults to `keyFobIdFor(driverId)`. */
  setKeyFob(driverId: string, keyFob?: number): ControlResult;
  /** A fault from the control panel (`faultRequestSchema`); refused with a reason. */
  injectFault(request: unknown): { ok: true; id: number } | { ok: false; error: string };
  clearFault(id: number): ControlResult;
  clearFaults(): ControlResult;
  rawGarbage(bytes?: number): ControlResult;

  status(): SimStatus;
  /** Called on every control or fault change and about 4 times a second while running; returns the unsubscribe. */
  onStatus(listener: (status: SimStatus) => void): () => void;
  /** Moves the frame clock by `dtMs` of bus time (simulated time while playing, wall time ×1 while paused). The realtime clock calls it; tests call it directly. */
  advance(dtMs: number): void;
  /** Every VSS value the simulated vehicle has now, as its frames carry them before faults (stuck signals not frozen here). */
  signals(): Record<string, VssValue>;
}

/** Longest seek for the parked car, which has no end of its own. */
const MAX_PARKED_SEEK_S = 3600;
const STATUS_EVERY_MS = 250;

const parkedScenario = (vehicle: string): Scenario => ({
  name: 'parked',
  description: 'Parked in P at the demo location.',
  vehicle,
  seed: 1,
  duration: Infinity,
  initial: {},
  timeline: [],
  expect: [],
});

/** A stable key-fob id for a driver id: "guest" has none (0), a decimal id is its own number, others hash (FNV-1a, never 0). */
export function keyFobIdFor(driverId: string): number {
  if (driverId === 'guest') return 0;
  if (/^\d{1,10}$/.test(driverId) && Number(driverId) <= 0xffff_ffff) return Number(driverId);
  let h = 0x811c9dc5;
  for (let i = 0; i < driverId.length; i++) h = Math.imul(h ^ driverId.charCodeAt(i), 0x01000193) >>> 0;
  return h === 0 ? 1 : h;
}

interface LoadedSimVehicle {
  db: DbcDatabase;
  mapping: VehicleMapping;
  definition: VehicleDefinition;
  /** Located, non-fatal problems in the DBC or mapping; reported to the sink at start. */
  problems: string[];
}

function loadSimVehicle(id: string): LoadedSimVehicle {
  const definition = loadVehicleDefinition(id);
  const dir = resolve(ASSETS_DIR, 'vehicles', id);
  const dbcFile = resolve(dir, `${id}.dbc`);
  const mappingFile = resolve(dir, 'mapping.yaml');
  let dbcBytes: Uint8Array;
  let mappingText: string;
  try {
    dbcBytes = readFileSync(dbcFile);
    mappingText = readFileSync(mappingFile, 'utf8');
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new AssetError(`vehicle "${id}" cannot be simulated: ${e.path ?? dir}: ${e.code === 'ENOENT' ? 'no such file' : (e.code ?? e.message)}`);
  }
  const loaded = loadVehicle(decodeDbcBytes(dbcBytes), dbcFile, mappingText, mappingFile);
  if (loaded.db.messages.length === 0 || loaded.mapping.dbc2vss.length === 0) {
    const first = loaded.errors[0];
    throw new AssetError(first ? formatDiagnostic(first) : `${dbcFile}: vehicle "${id}" has no mapped status message to simulate`);
  }
  return { db: loaded.db, mapping: loaded.mapping, definition, problems: loaded.errors.map(formatDiagnostic) };
}

const BATTERY = 'Vehicle.Powertrain.TractionBattery.';

/**
 * Status values the physics does not model but the DBC carries, so the bus never shows a raw 0
 * (−40 °C) for them: a ±1.5 °C cell spread around the pack average, DC charge voltage/current
 * while DC charging, and the time to the charge limit at the present power.
 */
function withDerived(signals: Record<string, VssValue>, def: VehicleDefinition): Record<string, VssValue> {
  const avg = signals[`${BATTERY}Temperature.Average`];
  if (typeof avg === 'number') {
    signals[`${BATTERY}Temperature.Min`] ??= Math.round((avg - 1.5) * 10) / 10;
    signals[`${BATTERY}Temperature.Max`] ??= Math.round((avg + 1.5) * 10) / 10;
  }
  const charging = signals[`${BATTERY}Charging.IsCharging`] === true;
  const dc = charging && signals['Vehicle.Private.CabinIVI.Charging.ActiveInletType'] === def.charging.dcInlet;
  signals[`${BATTERY}Charging.ChargeVoltage.DC`] ??= dc ? (signals[`${BATTERY}CurrentVoltage`] as number) : 0;
  signals[`${BATTERY}Charging.ChargeCurrent.DC`] ??= dc ? Math.max(0, signals[`${BATTERY}CurrentCurrent`] as number) : 0;
  const powerKw = signals['Vehicle.Private.CabinIVI.Charging.Power'];
  const soc = signals[`${BATTERY}StateOfCharge.Current`];
  const limit = signals[`${BATTERY}Charging.ChargeLimit`];
  let seconds = 0;
  if (charging && typeof powerKw === 'number' && powerKw > 0 && typeof soc === 'number' && typeof limit === 'number') {
    seconds = Math.round((Math.max(0, limit - soc) / 100) * def.battery.usableKwh / powerKw * 3600);
  }
  signals[`${BATTERY}Charging.TimeToComplete`] ??= seconds;
  return signals;
}

function resolveScenario(spec: string | Scenario | undefined, cwd: string): Scenario | null {
  if (spec === undefined) return null;
  if (typeof spec !== 'string') return spec;
  const loaded = loadScenario(spec, cwd);
  if (!loaded.ok) throw new AssetError(loaded.errors.map(formatScenarioIssue).join('\n'));
  return loaded.scenario;
}

function describeIssue(action: Record<string, unknown>, error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  const key = String(issue.path[0] ?? Object.keys(action)[0]);
  const path = issue.path.map(String).join('.') || key;
  const value = issue.path.reduce<unknown>((v, p) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[p] : undefined), action);
  return `${path} ${JSON.stringify(value ?? action[key])} refused: ${issue.message}`;
}

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
  const decoded = compiled.createOutput();
  const commands: CommandDecoder = createCommandDecoder(vehicle.mapping);
  const emitter: CanEmitter = createCanEmitter({ mapping: vehicle.mapping, bus, defaultCycleMs: options.defaultCycleMs });
  const emitted = new Set(vehicle.mapping.dbc2vss.map((r) => r.path));
  const writableKeys = new Set(
    vehicle.db.messages.filter((m) => vehicle.mapping.writable.has(m.name)).map((m) => messageKey(m.id, m.extended)),
  );
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
  let overrides: OverrideInfo[] = [];
  let commandCount = 0;
  let commandsRefused = 0;
  const listeners = new Set<(status: SimStatus) => void>();
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

  // Scenario timeline faults drive the same injector; each Fault object maps to the handle it started.
  const scenarioFaults = new Map<Fault, FaultHandle>();
  const onScenarioFault = ({ fault, active }: { fault: Fault; active: boolean }) => {
    if (active) {
      const r = faults.inject(requestOfScenarioFault(fault), 'scenario');
      if (r.ok) scenarioFaults.set(fault, r.fault);
      else sink?.error(`scenario ${scenario.name}: ${r.error}`);
    } else {
      scenarioFaults.get(fault)?.clear();
      scenarioFaults.delete(fault);
    }
  };

  const newRunner = () => new ScenarioRunner(scenario, { definition: vehicle.definition, route, seed });
  let runner = newRunner();
  let simMs = 0;
  /** Makes `fresh` the running scenario; its timeline faults active now (steps at 0 s fire in its constructor) replace the old ones. */
  const attach = (fresh: ScenarioRunner) => {
    const stillActive = new Set(fresh.activeFaults().map((a) => a.fault));
    for (const [fault, handle] of [...scenarioFaults]) {
      if (!stillActive.has(fault)) {
        handle.clear();
        scenarioFaults.delete(fault);
      }
    }
    runner = fresh;
    runner.onFault(onScenarioFault);
    for (const fault of stillActive) if (!scenarioFaults.has(fault)) onScenarioFault({ fault, active: true });
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
    commands: commandCount,
    commandsRefused,
    saturated: emitter.counters.saturated,
    unencodable: emitter.counters.unencodable,
  });

  const status = (): SimStatus => ({
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
    overrides: overrides.map((o) => ({ ...o })),
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

  /** Runs an override through C's action schema, then the vehicle; bumps the snapshot and logs it. */
  const override = (kind: OverrideKind, action: Record<string, unknown>, value: OverrideInfo['value'], apply?: (a: ScenarioAction) => ControlResult): ControlResult => {
    const parsed = actionSchema.safeParse(action);
    if (!parsed.success) return { ok: false, error: describeIssue(action, parsed.error) };
    const result = apply ? apply(parsed.data) : applyAction(runner.vehicle, parsed.data);
    if (!result.ok) return result;
    version++;
    overrides.push({ kind, value, atS: runner.vehicle.timeMs / 1000 });
    notify(true);
    return { ok: true };
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
      const where = `${frame.extended ? frame.id.toString(16).padStart(8, '0') : frame.id.toString(16).padStart(3, '0')}`.toUpperCase();
      const refuse = (reason: string): never => {
        commandsRefused++;
        throw new Error(`${where}: ${reason}`);
      };
      if (frame.bus !== bus) refuse(`no bus "${frame.bus}" on the simulated vehicle (it has ${bus})`);
      if (faults.isBusOff(frame.bus)) refuse(`${frame.bus} is bus-off (fault injection): the frame cannot be sent`);
      if (frame.flags & (FrameFlag.ERROR | FrameFlag.RTR)) refuse('error and remote frames carry no command');
      const compiledMessage = compiled.lookup(frame.id, frame.extended);
      if (!compiledMessage) return refuse(`id is not in ${vehicleId}'s DBC`);
      const message = compiledMessage.message;
      const key = messageKey(frame.id, frame.extended);
      if (!writableKeys.has(key)) return refuse(`${message.name} is not on the writable allowlist (${[...vehicle.mapping.writable].join(', ')})`);
      if (frame.data.length < message.length) return refuse(`${message.name} needs ${message.length} bytes, the frame has ${frame.data.length}`);
      compiledMessage.decode(frame.data, decoded);
      const { targets, rejected } = commands.onDecoded(key, decoded);
      const refusals = [...rejected];
      for (const t of targets) {
        const r = runner.vehicle.command(t);
        if (!r.ok) refusals.push(r.error);
      }
      if (targets.length > 0) version++;
      if (refusals.length > 0) refuse(`${message.name}: ${refusals[0]}${refusals.length > 1 ? ` (and ${refusals.length - 1} more)` : ''}`);
      commandCount++;
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

    setSpeed(kmh) {
      return override('speed', { speed: kmh }, kmh, (a) => {
        const gear = runner.vehicle.gear;
        if (gear !== 'D' && gear !== 'R') return { ok: false, error: `speed ${kmh} km/h refused: the car is in ${gear}; select D or R first` };
        return applyAction(runner.vehicle, a);
      });
    },

    setGear(gear) {
      return override('gear', { gear }, gear);
    },

    setSoc(percent) {
      return override('soc', { soc: percent }, percent);
    },

    setLocation(lat, lon) {
      if (route) return { ok: false, error: `location refused: scenario ${scenario.name} follows route ${route.id}; location overrides only work without a route` };
      return override('location', { location: { lat, lon } }, { lat, lon }, (a) => runner.vehicle.setLocation(a.location!.lat, a.location!.lon));
    },

    setHeadlights(mode) {
      return override('headlights', { lights: mode }, mode);
    },

    setKeyFob(driverId, keyFob) {
      const fob = keyFob ?? keyFobIdFor(String(driverId));
      return override('keyFob', { driver: { id: driverId, keyFob: fob } }, { driver: driverId, keyFob: fob });
    },

    injectFault(request) {
      const r = faults.inject(request, 'panel');
      return r.ok ? { ok: true, id: r.fault.id } : r;
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
