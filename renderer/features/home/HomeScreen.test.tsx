// Home, driver first: live values in the strip, stale values kept greyed with their age when the link drops, colour-coded battery warnings, the climate bar and the details one tap away.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { UnknownAction } from '@reduxjs/toolkit';
import { afterEach, describe, expect, it } from 'vitest';
import type { CabinBridge } from '../../../shared/ipc/bridge';
import type { IntentResult } from '../../../shared/ipc/intents';
import { gatewayLinkChanged } from '../../../shared/state/connectionSlice';
import { snapshotApplied } from '../../../shared/state/replica';
import { rootReducer, type RootState } from '../../../shared/state/rootReducer';
import { settingsChanged } from '../../../shared/state/settingsSlice';
import { hostStarted } from '../../../shared/state/uiSlice';
import { restrictionsChanged } from '../../../shared/state/uxSlice';
import { signalsUpdated, vehicleSelected } from '../../../shared/state/vehicleSlice';
import { UNKNOWN_RESTRICTIONS, type UxRestrictions } from '../../../shared/ux/restrictions';
import { AppProviders } from '../../app/AppProviders';
import { HOME_PANEL_PRIORITY, pickHomePanel, type HomePanel } from '../../app/homePanel';
import { createReplicaStore } from '../../app/store';
import { DEFAULT_BATTERY_THRESHOLDS, batteryLevel, selectBatteryThresholds } from './batteryLevel';
import { HOME_PATHS, HomeScreen } from './HomeScreen';

const NOW = 1_750_000_000_000;
const sent: Array<{ name: string; request: unknown }> = [];
let answer: IntentResult<unknown> = { ok: true, value: { frames: 1, superseded: 0 } };
const bridge: CabinBridge = {
  transport: 'web',
  invoke: (async (name: string, request: unknown) => {
    sent.push({ name, request });
    return answer;
  }) as CabinBridge['invoke'],
  onSync: () => () => undefined,
  requestSnapshot: () => undefined,
};

const EV_PATHS = Object.values(HOME_PATHS);

function stateWith(...actions: UnknownAction[]): RootState {
  const base: UnknownAction[] = [
    hostStarted({ version: 't', mode: 'simulation', transport: 'web' }),
    vehicleSelected({ vehicleId: 'cabin-ev', paths: EV_PATHS, sources: {} }),
    gatewayLinkChanged({ status: 'connected', url: 'ws://gw', since: NOW - 60_000, gateway: 'g' }),
  ];
  return [...base, ...actions].reduce(rootReducer, rootReducer(undefined, { type: 'init' }));
}

function renderHome(...actions: UnknownAction[]) {
  const store = createReplicaStore();
  store.dispatch(snapshotApplied(stateWith(...actions)));
  render(
    <AppProviders store={store} bridge={bridge}>
      <HomeScreen now={NOW} />
    </AppProviders>,
  );
}

const update = (path: string, value: number | boolean | string, ageMs: number, staleAfterMs = 1000) =>
  signalsUpdated([{ path, value, seenAt: NOW - ageMs, staleAfterMs }]);

const live = (values: Record<string, number | boolean | string>) => Object.entries(values).map(([path, value]) => update(path, value, 10));

afterEach(() => {
  cleanup();
  sent.length = 0;
  answer = { ok: true, value: { frames: 1, superseded: 0 } };
});

describe('Home', () => {
  it('has the page heading and shows speed, gear, drive mode, SoC and range in the driver units', () => {
    renderHome(
      ...live({ [HOME_PATHS.speed]: 88.4, [HOME_PATHS.selectedGear]: 127, [HOME_PATHS.driveMode]: 'SPORT', [HOME_PATHS.soc]: 54.6, [HOME_PATHS.range]: 231_000 }),
      settingsChanged({ distanceUnit: 'mi' }),
    );
    expect(screen.getByRole('heading', { level: 1, name: 'Home' })).toBeInTheDocument();
    expect(screen.getByTestId('speed')).toHaveTextContent(/55\s*mph/);
    expect(screen.getByTestId('speed')).toHaveAttribute('data-freshness', 'fresh');
    expect(screen.getByTestId('gear')).toHaveTextContent('D');
    expect(screen.getByTestId('drive-mode')).toHaveTextContent('Sport');
    expect(screen.getByTestId('soc')).toHaveTextContent('55%');
    expect(screen.getByTestId('soc')).toHaveAttribute('data-level', 'normal');
    expect(screen.getByTestId('range')).toHaveTextContent('Range 144 mi');
    expect(screen.queryByTestId('battery-warning')).toBeNull();
  });

  it('keeps a value that stopped arriving, greyed, with its age', () => {
    renderHome(update(HOME_PATHS.speed, 50, 7_000), ...live({ [HOME_PATHS.soc]: 60 }));
    const speed = screen.getByTestId('speed');
    expect(speed).toHaveAttribute('data-freshness', 'stale');
    expect(speed).toHaveTextContent(/50\s*km\/h\s*7 s ago/);
    expect(screen.getByTestId('soc')).toHaveAttribute('data-freshness', 'fresh');
  });

  it('when the vehicle link is lost, the last values stay with their age and the strip says why', () => {
    renderHome(
      update(HOME_PATHS.speed, 50, 12_000),
      update(HOME_PATHS.soc, 42, 95_000),
      gatewayLinkChanged({ status: 'lost', url: 'ws://gw', since: NOW - 12_000, reason: 'silent' }),
    );
    expect(screen.getByTestId('speed')).toHaveTextContent(/50.*12 s ago/);
    expect(screen.getByTestId('soc')).toHaveTextContent(/42%.*1 min ago/);
    expect(screen.getByText('Vehicle link lost: last known values')).toBeInTheDocument();
    expect(screen.queryByText('Vehicle data unavailable')).toBeNull();
  });

  it('shows "No data" for a value that never arrived', () => {
    renderHome(...live({ [HOME_PATHS.soc]: 60 }));
    expect(screen.getByTestId('speed')).toHaveAttribute('data-freshness', 'missing');
    expect(screen.getByTestId('speed')).toHaveTextContent('No data');
  });

  it('colours the battery amber at or below 20 % and red at or below 10 %, with a warning', () => {
    renderHome(...live({ [HOME_PATHS.soc]: 20, [HOME_PATHS.speed]: 90 }));
    expect(screen.getByTestId('soc')).toHaveAttribute('data-level', 'low');
    expect(screen.getByTestId('battery-warning')).toHaveTextContent('Battery low (20%): plan a charge');
    cleanup();
    renderHome(...live({ [HOME_PATHS.soc]: 9.6 }));
    expect(screen.getByTestId('soc')).toHaveAttribute('data-level', 'critical');
    expect(screen.getByRole('alert')).toHaveTextContent('Battery critically low (10%): charge now');
  });

  it('at 11 %, 47 km and 90 km/h the warning is red: on the road the range left decides too', () => {
    const moving = restrictionsChanged({ ...UNKNOWN_RESTRICTIONS, drivingState: 'moving', cause: 'speed' } as UxRestrictions);
    renderHome(moving, ...live({ [HOME_PATHS.soc]: 11, [HOME_PATHS.range]: 47_000, [HOME_PATHS.speed]: 90, [HOME_PATHS.selectedGear]: 127 }));
    expect(screen.getByTestId('soc')).toHaveAttribute('data-level', 'critical');
    expect(screen.getByTestId('battery-warning')).toHaveAttribute('data-level', 'critical');
    expect(screen.getByRole('alert')).toHaveTextContent('Battery critically low (11%): charge now');
    cleanup();
    // Parked with the same charge: amber, there is time to plan.
    renderHome(restrictionsChanged({ ...UNKNOWN_RESTRICTIONS, drivingState: 'parked', cause: 'gearPark' } as UxRestrictions), ...live({ [HOME_PATHS.soc]: 11, [HOME_PATHS.range]: 47_000 }));
    expect(screen.getByTestId('soc')).toHaveAttribute('data-level', 'low');
  });

  it('the climate bar sends the setpoint and fan through vehicle.command, and says why a change was refused', async () => {
    renderHome(...live({ [HOME_PATHS.setpoint]: 21, [HOME_PATHS.fan]: 30 }));
    expect(screen.getByTestId('setpoint')).toHaveTextContent('21°C');
    fireEvent.click(screen.getByRole('button', { name: 'Warmer' }));
    expect(sent).toEqual([{ name: 'vehicle.command', request: { targets: { [HOME_PATHS.setpoint]: 22 }, feature: 'climate' } }]);
    answer = { ok: false, error: { code: 'NOT_ALLOWED', message: 'no', reason: { key: 'ux.refused.parkedOnly' } } };
    fireEvent.click(screen.getByRole('button', { name: 'More fan' }));
    expect(sent[1]).toEqual({ name: 'vehicle.command', request: { targets: { [HOME_PATHS.fan]: 40 }, feature: 'climate' } });
    expect(await screen.findByText(/Available when parked/)).toBeInTheDocument();
  });

  it('opens the details in one tap: 12 V, battery temperature, charging in V and kW', () => {
    renderHome(
      ...live({ [HOME_PATHS.lowVoltage]: 14.12, [HOME_PATHS.batteryTemp]: 31.4, [HOME_PATHS.isCharging]: true, [HOME_PATHS.chargePowerKw]: 48.6 }),
    );
    expect(screen.queryByTestId('details')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Details' }));
    const details = screen.getByRole('dialog', { name: 'Vehicle details' });
    expect(within(details).getByTestId('low-voltage')).toHaveTextContent('14.1 V');
    expect(within(details).getByTestId('battery-temperature')).toHaveTextContent('31.4°C');
    expect(within(details).getByTestId('charging')).toHaveTextContent(/^ChargingCharging at 49 kW$/);
    fireEvent.click(within(details).getByRole('button', { name: 'Close details' }));
    expect(screen.queryByTestId('details')).toBeNull();
  });

  it('shows only what the vehicle reports: no battery for a car without a traction battery', () => {
    renderHome(vehicleSelected({ vehicleId: 'hyundai-2015', paths: [HOME_PATHS.speed, HOME_PATHS.lowVoltage], sources: {} }), ...live({ [HOME_PATHS.speed]: 30, [HOME_PATHS.lowVoltage]: 14.12 }));
    expect(screen.queryByTestId('soc')).toBeNull();
    expect(screen.queryByTestId('setpoint')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Details' }));
    expect(screen.getByTestId('low-voltage')).toHaveTextContent('14.1 V');
  });

  it('Chinese: the charging state, V and kW, two-digit figures', () => {
    renderHome(settingsChanged({ language: 'zh-CN' }), ...live({ [HOME_PATHS.isCharging]: false, [HOME_PATHS.lowVoltage]: 12.6 }));
    fireEvent.click(screen.getByRole('button', { name: '详情' }));
    expect(screen.getByTestId('charging')).toHaveTextContent('充电状态未在充电');
    expect(screen.getByTestId('low-voltage')).toHaveTextContent('12.6 V');
  });
});

describe('battery thresholds', () => {
  it('are 20 % and 10 % by default, and the active profile\'s when it sets them', () => {
    expect(selectBatteryThresholds(stateWith())).toEqual(DEFAULT_BATTERY_THRESHOLDS);
    const withProfile = { ...stateWith(), profiles: { activeId: 'p1', profiles: [{ id: 'p1', batteryWarnings: { lowPercent: 30, criticalPercent: 15 } }] } } as unknown as RootState;
    expect(selectBatteryThresholds(withProfile)).toEqual({ lowPercent: 30, criticalPercent: 15, criticalRangeKm: 50 });
    const inverted = { ...stateWith(), profiles: { activeId: 'p1', profiles: [{ id: 'p1', batteryWarnings: { lowPercent: 5, criticalPercent: 15 } }] } } as unknown as RootState;
    expect(selectBatteryThresholds(inverted)).toEqual({ lowPercent: 15, criticalPercent: 15, criticalRangeKm: 50 });
    expect(batteryLevel(10, DEFAULT_BATTERY_THRESHOLDS)).toBe('critical');
    expect(batteryLevel(10.5, DEFAULT_BATTERY_THRESHOLDS)).toBe('low');
    expect(batteryLevel(20.5, DEFAULT_BATTERY_THRESHOLDS)).toBe('normal');
    expect(batteryLevel(null, DEFAULT_BATTERY_THRESHOLDS)).toBe('normal');
  });
});

describe('Home panels', () => {
  const panel = (id: string, priority: number | null): HomePanel => ({ id, priority: () => priority, render: () => null });
  it('the highest priority wins, ties go to the first listed, the default always answers', () => {
    const state = stateWith();
    expect(pickHomePanel([panel('car', HOME_PANEL_PRIORITY.default), panel('booking', null)], state).id).toBe('car');
    expect(pickHomePanel([panel('car', 0), panel('booking', 20), panel('low', 30)], state).id).toBe('low');
    expect(pickHomePanel([panel('car', 0), panel('a', 10), panel('b', 10)], state).id).toBe('a');
    expect(() => pickHomePanel([panel('x', null)], state)).toThrow(/default panel/);
  });
});
