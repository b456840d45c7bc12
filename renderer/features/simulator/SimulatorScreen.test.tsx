// The control panel against a real replica store fed by a snapshot, with a fake bridge (the process boundary) recording intents.
import { act, cleanup, configure, fireEvent, render, screen, within } from '@testing-library/react';
import type { UnknownAction } from '@reduxjs/toolkit';
import type { ReactNode } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CabinBridge } from '../../../shared/ipc/bridge';
import type { IntentName, IntentResult } from '../../../shared/ipc/intents';
import { rootReducer, type RootState } from '../../../shared/state/rootReducer';
import { settingsChanged } from '../../../shared/state/settingsSlice';
import { simulationAttached, simulationStatusChanged, type SimulationStatus } from '../../../shared/state/simulationSlice';
import type { ActiveFault } from '../../../shared/simulation/faults';
import type { SyncMessage } from '../../../shared/state/sync';
import { hostStarted, type RunMode } from '../../../shared/state/uiSlice';
import { restrictionsChanged } from '../../../shared/state/uxSlice';
import { evaluateRestrictions, type UxRestrictions } from '../../../shared/ux/restrictions';
import { signalsUpdated, vehicleSelected, type SignalUpdate } from '../../../shared/state/vehicleSlice';
import { App } from '../../app/App';
import { AppProviders } from '../../app/AppProviders';
import { connectReplica, createReplicaStore } from '../../app/store';
import { SimulatorScreen } from './SimulatorScreen';
import type * as signalFormat from './signalFormat';
import { formatSignalValue } from './signalFormat';

// Counts row renders: every row with a value formats it exactly once per render.
vi.mock('./signalFormat', async (importOriginal) => {
  const actual = await importOriginal<typeof signalFormat>();
  return { ...actual, formatSignalValue: vi.fn(actual.formatSignalValue) };
});

const SPEED = 'Vehicle.Speed';
const SOC = 'Vehicle.Powertrain.TractionBattery.StateOfCharge.Current';
const BATTERY_TEMP = 'Vehicle.Powertrain.TractionBattery.Temperature.Average';
const LOW_BEAM = 'Vehicle.Body.Lights.Beam.Low.IsOn';
const LATITUDE = 'Vehicle.CurrentLocation.Latitude';
const PATHS = [SPEED, SOC, BATTERY_TEMP, LOW_BEAM, LATITUDE];
const SOURCES = {
  [SPEED]: 'VCU_Status.VehicleSpeed',
  [SOC]: 'BMS_Status.SOC',
  [BATTERY_TEMP]: 'BMS_Temps.AvgTemp',
  [LOW_BEAM]: 'BCM_Lights.LowBeam',
};

const STATUS: SimulationStatus = {
  scenario: 'commute',
  playing: false,
  simTimeS: 120,
  durationS: 1200,
  acceleration: 1,
  faults: [],
  overrides: [],
};

const PARKED: UxRestrictions = evaluateRestrictions({ gear: { value: 126, fresh: true }, speed: { value: 0, fresh: true } });
const MOVING: UxRestrictions = evaluateRestrictions({ gear: { value: 127, fresh: true }, speed: { value: 90, fresh: true } });

/** A CabinBridge that records intents and answers them as the test says; sync messages are pushed by the test. */
function fakeBridge() {
  const invocations: { name: IntentName; request: unknown }[] = [];
  let answer: (name: IntentName) => IntentResult<unknown> = () => ({ ok: true, value: { applied: true } });
  let listener: ((message: SyncMessage) => void) | null = null;
  const bridge: CabinBridge = {
    transport: 'web',
    invoke: ((name: IntentName, request: unknown) => {
      invocations.push({ name, request });
      return Promise.resolve(answer(name));
    }) as CabinBridge['invoke'],
    onSync(l) {
      listener = l;
      return () => {
        listener = null;
      };
    },
    requestSnapshot() {},
  };
  return {
    bridge,
    invocations,
    answerWith(fn: typeof answer) {
      answer = fn;
    },
    push(message: SyncMessage) {
      act(() => listener?.(message));
    },
  };
}

interface Setup {
  mode?: RunMode;
  simulation?: boolean;
  status?: SimulationStatus;
  language?: 'en' | 'zh-CN';
  signals?: SignalUpdate[];
  /** What the host's restriction engine says (parked unless a test drives). */
  restrictions?: UxRestrictions;
}

/** The host's state as its snapshot would carry it, built with the same reducers the host runs. */
function hostState({ mode = 'simulation', simulation = true, status = STATUS, language = 'en', signals = [], restrictions = PARKED }: Setup): RootState {
  const actions: UnknownAction[] = [
    hostStarted({ version: '1.0.0', mode, transport: 'web' }),
    settingsChanged({ language }),
    vehicleSelected({ vehicleId: 'cabin-ev', paths: PATHS, sources: SOURCES }),
    signalsUpdated(signals),
    restrictionsChanged(restrictions),
  ];
  if (simulation) actions.push(simulationAttached({ buses: ['powertrain', 'body'], status }));
  return actions.reduce((state, action) => rootReducer(state, action), rootReducer(undefined, { type: '@@test/init' }));
}

function mount(setup: Setup = {}, ui: ReactNode = <SimulatorScreen />) {
  const fake = fakeBridge();
  const store = createReplicaStore();
  connectReplica(store, fake.bridge);
  fake.push({ kind: 'snapshot', seq: 0, hostTime: Date.now(), state: hostState(setup) });
  render(
    <AppProviders store={store} bridge={fake.bridge}>
      {ui}
    </AppProviders>,
  );
  let seq = 0;
  return {
    ...fake,
    store,
    batch(...actions: UnknownAction[]) {
      seq += 1;
      fake.push({ kind: 'batch', seq, hostTime: Date.now(), actions });
    },
  };
}

/** One panel of the screen, so a query looks at a few controls instead of the whole screen (role queries cost per element). */
const panel = (titleId: 'sim-playback-title' | 'sim-overrides-title' | 'sim-faults-title') =>
  within(document.querySelector<HTMLElement>(`section[aria-labelledby="${titleId}"]`)!);
const playback = () => panel('sim-playback-title');
const overrides = () => panel('sim-overrides-title');
const faults = () => panel('sim-faults-title');
const click = (where: ReturnType<typeof panel>, name: string | RegExp) => fireEvent.click(where.getByRole('button', { name }));
const choose = (where: ReturnType<typeof panel>, group: string, name: string) =>
  fireEvent.click(within(where.getByRole('radiogroup', { name: group })).getByRole('radio', { name }));
const type = (label: string | RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
/** Lets the bridge's answers (already resolved promises) reach React. */
const settle = () => act(async () => {});

// Every wait ends on what the DOM shows, never on time. These limits only bound a hang: rendering the
// whole panel is CPU work, which a loaded 2-core machine may stretch well past the 5 s default.
vi.setConfig({ testTimeout: 60_000 });
beforeAll(() => {
  configure({ asyncUtilTimeout: 20_000 });
});

afterEach(cleanup);

const row = (path: string) => document.querySelector<HTMLTableRowElement>(`tr[data-path="${path}"]`);
const cells = (path: string) => [...row(path)!.cells].map((cell) => cell.textContent);

describe('playback', () => {
  it('shows the scenario and simulated time, and sends play, pause, seeks and acceleration', async () => {
    const host = mount();
    expect(screen.getByTestId('sim-scenario')).toHaveTextContent('commute');
    expect(screen.getByTestId('sim-time')).toHaveTextContent('02:00 of 20:00');

    click(playback(), 'Play');
    await settle();
    host.batch(simulationStatusChanged({ ...STATUS, playing: true, simTimeS: 1170 }));
    // The button follows the host's status: Pause once it says the scenario plays.
    click(playback(), 'Pause');
    click(playback(), '−60 s');
    click(playback(), '+60 s');
    click(playback(), 'Restart');
    choose(playback(), 'Time acceleration', '×30');
    await settle();

    expect(host.invocations).toEqual([
      { name: 'sim.control', request: { action: 'play' } },
      { name: 'sim.control', request: { action: 'pause' } },
      // Steps, not targets: the host adds them to the simulated time it has when each arrives.
      { name: 'sim.control', request: { action: 'skip', seconds: -60 } },
      { name: 'sim.control', request: { action: 'skip', seconds: 60 } },
      { name: 'sim.control', request: { action: 'seek', seconds: 0 } },
      { name: 'sim.control', request: { action: 'acceleration', value: 30 } },
    ]);
    expect(screen.getByTestId('sim-time')).toHaveTextContent('19:30 of 20:00');
    // Acceleration too is what the host says, not what was tapped.
    expect(playback().getByRole('radio', { name: '×1' })).toHaveAttribute('aria-checked', 'true');
  });

  it('cannot step back from the start', () => {
    mount({ status: { ...STATUS, simTimeS: 0 } });
    expect(playback().getByRole('button', { name: '−60 s' })).toBeDisabled();
  });

  it('a parked car has nothing to play', () => {
    mount({ status: { ...STATUS, scenario: null, durationS: null, simTimeS: 0 } });
    expect(screen.getByTestId('sim-scenario')).toHaveTextContent('Parked');
    expect(playback().getByRole('button', { name: 'Play' })).toBeDisabled();
    expect(playback().getByRole('button', { name: '+60 s' })).toBeDisabled();
    expect(screen.getByTestId('sim-time')).toHaveTextContent('00:00');
  });
});

describe('overrides', () => {
  it('refuses SoC 140 % with a specific message and sends nothing', async () => {
    const host = mount();
    type('State of charge (%)', '140');
    click(overrides(), 'Apply State of charge (%)');
    expect(await overrides().findByRole('alert')).toHaveTextContent('State of charge must be between 0 and 100 %');
    type('Speed (km/h)', '-5');
    click(overrides(), 'Apply Speed (km/h)');
    expect(await overrides().findByRole('alert')).toHaveTextContent('Speed must be between 0 and 250 km/h');
    type('Speed (km/h)', '');
    click(overrides(), 'Apply Speed (km/h)');
    expect(await overrides().findByRole('alert')).toHaveTextContent('Speed must be between 0 and 250 km/h');
    type('Latitude', '23.1');
    type('Longitude', '200');
    click(overrides(), 'Apply Location');
    expect(await overrides().findByRole('alert')).toHaveTextContent('Longitude must be between -180 and 180 degrees');
    type('Key fob id', '   ');
    click(overrides(), 'Apply Key fob id');
    expect(await overrides().findByRole('alert')).toHaveTextContent('Key fob id must be 1 to 32 characters');
    expect(host.invocations).toEqual([]);
  });

  it('sends valid overrides as structured data, clears the message, and shows what the host says is in force', async () => {
    const host = mount();
    type('State of charge (%)', '140');
    click(overrides(), 'Apply State of charge (%)');
    await overrides().findByRole('alert');
    type('State of charge (%)', '55.5');
    fireEvent.submit(screen.getByLabelText('State of charge (%)'));
    await settle();
    expect(overrides().queryByRole('alert')).toBeNull();
    type('Speed (km/h)', '80');
    click(overrides(), 'Apply Speed (km/h)');
    type('Latitude', '23.129');
    type('Longitude', '113.264');
    click(overrides(), 'Apply Location');
    type('Key fob id', 'fob-2');
    click(overrides(), 'Apply Key fob id');
    choose(overrides(), 'Gear', 'D');
    choose(overrides(), 'Headlights', 'Auto');
    click(overrides(), 'Stop: 0 km/h');
    await settle();
    expect(host.invocations.map((i) => i.request)).toEqual([
      { soc: 55.5 },
      { speed: 80 },
      { location: { lat: 23.129, lon: 113.264 } },
      { driver: { id: 'fob-2' } },
      { gear: 'D' },
      { lights: 'auto' },
      { speed: 0 },
    ]);
    expect(host.invocations.every((i) => i.name === 'sim.override')).toBe(true);
    // The panel keeps no copy: a choice shows as selected once the host's status says it is in force.
    const gearD = () => within(overrides().getByRole('radiogroup', { name: 'Gear' })).getByRole('radio', { name: 'D' });
    expect(gearD()).toHaveAttribute('aria-checked', 'false');

    const inForce = [{ soc: 55.5 }, { gear: 'D' as const }, { driver: { id: 'fob-2', keyFob: 7 } }];
    host.batch(simulationStatusChanged({ ...STATUS, overrides: inForce.map((override, i) => ({ override, atS: 120 + i })) }));
    expect(gearD()).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByTestId('sim-overrides')).toHaveTextContent('Overrides in force: State of charge 55.5 %, Gear D, Key fob of fob-2');
  });

  it("shows the host's refusal", async () => {
    const host = mount();
    host.answerWith(() => ({ ok: false, error: { code: 'NOT_ALLOWED', message: 'sim.override: no simulation attached' } }));
    choose(overrides(), 'Gear', 'R');
    expect(await overrides().findByRole('alert')).toHaveTextContent('The simulation refused: sim.override: no simulation attached');
    expect(within(overrides().getByRole('radiogroup', { name: 'Gear' })).getByRole('radio', { name: 'R' })).toHaveAttribute('aria-checked', 'false');
  });
});

describe('faults', () => {
  it('injects each fault with its parameter and refuses impossible ones', async () => {
    const host = mount();
    click(faults(), 'Inject Gateway disconnect');
    type('Frame loss (%)', '150');
    click(faults(), 'Inject Frame loss (%)');
    expect(await faults().findByRole('alert')).toHaveTextContent('Frame loss must be between 0 and 100 %');
    type('Frame loss (%)', '35');
    click(faults(), 'Inject Frame loss (%)');
    type('Garbage frames per second', '200');
    click(faults(), 'Inject Garbage frames per second');
    click(faults(), 'Inject Stuck signal');
    expect(await faults().findByRole('alert')).toHaveTextContent('Choose a signal to hold stuck first');
    fireEvent.change(screen.getByLabelText('Stuck signal'), { target: { value: SOC } });
    click(faults(), 'Inject Stuck signal');
    fireEvent.change(screen.getByLabelText('Bus-off'), { target: { value: 'body' } });
    click(faults(), 'Inject Bus-off');
    await settle();
    expect(host.invocations).toEqual([
      { name: 'sim.fault', request: { action: 'inject', fault: { kind: 'gateway-disconnect' } } },
      { name: 'sim.fault', request: { action: 'inject', fault: { kind: 'frame-loss', percent: 35 } } },
      { name: 'sim.fault', request: { action: 'inject', fault: { kind: 'garbage', framesPerSecond: 200 } } },
      { name: 'sim.fault', request: { action: 'inject', fault: { kind: 'stuck-signal', signal: SOC } } },
      { name: 'sim.fault', request: { action: 'inject', fault: { kind: 'bus-off', bus: 'body' } } },
    ]);
  });

  it('shows the active faults from the store and clears one', async () => {
    const host = mount();
    expect(screen.getByTestId('sim-active-faults')).toHaveTextContent('No faults injected');
    const since = { origin: 'panel' as const, sinceS: 10, untilS: null };
    const active: ActiveFault[] = [
      { kind: 'gateway-disconnect', id: 1, ...since },
      { kind: 'frame-loss', percent: 35, id: 2, ...since },
      { kind: 'stuck-signal', signal: SOC, id: 3, ...since },
      { kind: 'bus-off', bus: 'body', id: 4, ...since, origin: 'scenario' },
    ];
    host.batch(simulationStatusChanged({ ...STATUS, faults: active }));
    expect(within(screen.getByTestId('sim-active-faults')).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Gateway disconnected',
      'Frame loss 35 %',
      `Stuck signal: ${SOC}`,
      'Bus-off on body',
    ]);
    const clear = faults().getByRole('button', { name: 'Clear Frame loss (%)' });
    expect(clear).toHaveAttribute('aria-pressed', 'true');
    expect(faults().getByRole('button', { name: 'Inject Garbage frames per second' })).toHaveAttribute('aria-pressed', 'false');
    fireEvent.click(clear);
    click(faults(), 'Clear Gateway disconnect');
    // Enter in an active fault's field changes its rate in place.
    type('Frame loss (%)', '60');
    fireEvent.submit(screen.getByLabelText('Frame loss (%)'));
    await settle();
    expect(host.invocations).toEqual([
      { name: 'sim.fault', request: { action: 'clear', kind: 'frame-loss' } },
      { name: 'sim.fault', request: { action: 'clear', kind: 'gateway-disconnect' } },
      { name: 'sim.fault', request: { action: 'inject', fault: { kind: 'frame-loss', percent: 60 } } },
    ]);
  });
});

describe('while the car is moving', () => {
  const TYPED = ['Speed (km/h)', 'State of charge (%)', 'Latitude', 'Longitude', 'Key fob id', 'Frame loss (%)', 'Garbage frames per second'];

  it('the typed fields are unavailable and say why; choices, toggles and playback still work, so the car can be stopped', async () => {
    const host = mount({ restrictions: MOVING, status: { ...STATUS, playing: true } });
    for (const label of TYPED) expect(screen.getByLabelText(label), label).toBeDisabled();
    expect(screen.getByTestId('sim-overrides-restricted')).toHaveTextContent('Typing is not available while driving');
    expect(screen.getByTestId('sim-faults-restricted')).toHaveTextContent('Typing is not available while driving');
    expect(screen.getByLabelText('State of charge (%)')).toHaveAccessibleDescription('Typing is not available while driving');
    expect(overrides().getByRole('button', { name: 'Apply State of charge (%)' })).toBeDisabled();

    click(overrides(), 'Stop: 0 km/h');
    choose(overrides(), 'Gear', 'N');
    choose(overrides(), 'Headlights', 'On');
    click(faults(), 'Inject Frame loss (%)');
    fireEvent.change(screen.getByLabelText('Stuck signal'), { target: { value: SPEED } });
    click(faults(), 'Inject Stuck signal');
    click(playback(), 'Pause');
    choose(playback(), 'Time acceleration', '×10');
    await settle();
    expect(host.invocations.map((i) => i.request)).toEqual([
      { speed: 0 },
      { gear: 'N' },
      { lights: 'on' },
      // The toggle injects with the last value typed while parked (here the default).
      { action: 'inject', fault: { kind: 'frame-loss', percent: 20 } },
      { action: 'inject', fault: { kind: 'stuck-signal', signal: SPEED } },
      { action: 'pause' },
      { action: 'acceleration', value: 10 },
    ]);

    // Parked again: typing is back, the notices are gone.
    host.batch(restrictionsChanged(PARKED));
    for (const label of TYPED) expect(screen.getByLabelText(label), label).toBeEnabled();
    expect(screen.queryByTestId('sim-overrides-restricted')).toBeNull();
    expect(screen.queryByTestId('sim-faults-restricted')).toBeNull();
  });

  it('says why in Chinese too', () => {
    mount({ restrictions: MOVING, language: 'zh-CN' });
    expect(screen.getByLabelText('电量（%）')).toBeDisabled();
    expect(screen.getByTestId('sim-overrides-restricted')).toHaveTextContent('行驶中不可输入文字');
    expect(screen.getByTestId('sim-faults-restricted')).toHaveTextContent('行驶中不可输入文字');
  });
});

describe('signal inspector', () => {
  const now = Date.now();
  const signals: SignalUpdate[] = [
    { path: SPEED, value: 63.456, seenAt: now, staleAfterMs: 60_000 },
    { path: SOC, value: 81.25, seenAt: now, staleAfterMs: 60_000 },
    // Seen long ago: stale.
    { path: BATTERY_TEMP, value: 31.5, seenAt: now - 600_000, staleAfterMs: 1000 },
    { path: LOW_BEAM, value: true, seenAt: now, staleAfterMs: 60_000 },
  ];
  it('lists every signal with value, unit, freshness and DBC source', () => {
    mount({ signals });
    expect(screen.getByTestId('sim-inspector-count')).toHaveTextContent('5 of 5 signals');
    const speed = cells(SPEED);
    expect(speed[0]).toBe(SPEED);
    expect(speed[1]).toBe('63.46');
    expect(speed[2]).toBe('km/h');
    expect(speed[3]).toMatch(/^\d+\.\d s$/);
    expect(speed[4]).toBe('Live');
    expect(speed[5]).toBe('VCU_Status.VehicleSpeed');
    expect(cells(LOW_BEAM).slice(1, 3)).toEqual(['true', '']);
    expect(cells(SOC)[2]).toBe('%');
    expect(row(BATTERY_TEMP)).toHaveAttribute('data-freshness', 'stale');
    expect(cells(BATTERY_TEMP)[4]).toBe('Stale');
    expect(Number(cells(BATTERY_TEMP)[3]!.replace(/[ s,]/g, ''))).toBeGreaterThanOrEqual(600);
    // Mapped but never received.
    expect(cells(LATITUDE)).toEqual([LATITUDE, '–', '°', '–', 'No data', '–']);
    expect(row(SPEED)!.className).not.toBe(row(BATTERY_TEMP)!.className);
  });

  it('filters by path substring, case-insensitively', () => {
    mount({ signals });
    type('Filter by path', 'TRACTIONbattery');
    expect(screen.getByTestId('sim-inspector-count')).toHaveTextContent('2 of 5 signals');
    expect(row(SOC)).not.toBeNull();
    expect(row(BATTERY_TEMP)).not.toBeNull();
    expect(row(SPEED)).toBeNull();
    type('Filter by path', 'no such signal');
    expect(screen.getByText('No signal matches this filter')).toBeInTheDocument();
    type('Filter by path', '');
    expect(screen.getByTestId('sim-inspector-count')).toHaveTextContent('5 of 5 signals');
  });

  it('updates a row when its value arrives, fresh again', () => {
    const host = mount({ signals });
    host.batch(signalsUpdated([{ path: SPEED, value: 100, seenAt: Date.now(), staleAfterMs: 60_000 }]));
    expect(cells(SPEED)[1]).toBe('100');
    host.batch(signalsUpdated([{ path: BATTERY_TEMP, value: 32.25, seenAt: Date.now(), staleAfterMs: 60_000 }]));
    expect(cells(BATTERY_TEMP).slice(1, 3)).toEqual(['32.25', '°C']);
    expect(cells(BATTERY_TEMP)[3]).toMatch(/^\d+\.\d s$/);
    expect(cells(BATTERY_TEMP)[4]).toBe('Live');
    expect(row(BATTERY_TEMP)).toHaveAttribute('data-freshness', 'fresh');
  });
});

describe('inspector rendering cost', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a new value re-renders its own row only, not the table', () => {
    // The age clock is held still so only the value change can cause renders.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const seenAt = Date.now();
    const many = Array.from({ length: 80 }, (_, i) => `Vehicle.Private.Test.Signal${String(i).padStart(2, '0')}`);
    const host = mount({ signals: many.map((path, i) => ({ path, value: i + 0.5, seenAt, staleAfterMs: 60_000 })) });
    expect(screen.getByTestId('sim-inspector-count')).toHaveTextContent('85 of 85 signals');
    const format = vi.mocked(formatSignalValue);
    format.mockClear();
    for (let n = 1; n <= 10; n++) host.batch(signalsUpdated([{ path: many[7]!, value: 1000 + n, seenAt, staleAfterMs: 60_000 }]));
    expect(cells(many[7]!)[1]).toBe('1,010');
    expect(format.mock.calls.every(([value]) => typeof value === 'number' && value > 1000)).toBe(true);
    expect(format).toHaveBeenCalledTimes(10);
  });
});

describe('Simplified Chinese', () => {
  it('renders the panel and its messages in Chinese', async () => {
    const host = mount({ language: 'zh-CN' });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('模拟器');
    expect(playback().getByRole('button', { name: '播放' })).toBeInTheDocument();
    expect(screen.getByTestId('sim-time')).toHaveTextContent('02:00 / 共 20:00');
    expect(playback().getByRole('radio', { name: '30 倍速' })).toBeInTheDocument();
    expect(screen.getByText('信号检查器')).toBeInTheDocument();
    type('电量（%）', '140');
    click(overrides(), '应用电量（%）');
    expect(await overrides().findByRole('alert')).toHaveTextContent('电量必须在 0% 到 100% 之间');
    expect(host.invocations).toEqual([]);
  });
});

describe('dock', () => {
  const dockEntry = () => within(screen.getByRole('navigation')).queryByRole('button', { name: 'Simulator' });

  it('offers the Simulator in simulation with a simulated vehicle, and opens it', () => {
    mount({}, <App />);
    fireEvent.click(dockEntry()!);
    expect(screen.getByRole('heading', { level: 1, name: 'Simulator' })).toBeInTheDocument();
    expect(dockEntry()).toHaveAttribute('aria-current', 'page');
  });

  it('never in head-unit mode', () => {
    mount({ mode: 'head-unit' }, <App />);
    expect(within(screen.getByRole('navigation')).getByRole('button', { name: 'Settings' })).toBeInTheDocument();
    expect(dockEntry()).toBeNull();
  });

  it('not before a simulated vehicle is attached, and it goes away when the simulation does', () => {
    const host = mount({ simulation: false }, <App />);
    expect(dockEntry()).toBeNull();
    host.batch(simulationAttached({ buses: ['powertrain'], status: STATUS }));
    fireEvent.click(dockEntry()!);
    expect(screen.getByRole('heading', { level: 1, name: 'Simulator' })).toBeInTheDocument();
    host.batch(hostStarted({ version: '1.0.0', mode: 'head-unit', transport: 'web' }));
    expect(dockEntry()).toBeNull();
    expect(screen.queryByRole('heading', { level: 1, name: 'Simulator' })).toBeNull();
  });
});
