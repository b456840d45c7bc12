// Home shows live values, greys a value that stopped arriving with its age, and says so when the vehicle link is gone.
import { cleanup, render, screen } from '@testing-library/react';
import type { UnknownAction } from '@reduxjs/toolkit';
import { afterEach, describe, expect, it } from 'vitest';
import type { CabinBridge } from '../../../shared/ipc/bridge';
import { gatewayLinkChanged } from '../../../shared/state/connectionSlice';
import { snapshotApplied } from '../../../shared/state/replica';
import { rootReducer } from '../../../shared/state/rootReducer';
import { settingsChanged } from '../../../shared/state/settingsSlice';
import { hostStarted } from '../../../shared/state/uiSlice';
import { signalsUpdated, vehicleSelected } from '../../../shared/state/vehicleSlice';
import { AppProviders } from '../../app/AppProviders';
import { createReplicaStore } from '../../app/store';
import { HOME_PATHS, HomeScreen } from './HomeScreen';

const NOW = 1_750_000_000_000;
const bridge: CabinBridge = {
  transport: 'web',
  invoke: async () => ({ ok: false, error: { code: 'FAILED', message: 'not used' } }),
  onSync: () => () => undefined,
  requestSnapshot: () => undefined,
};

function renderHome(...actions: UnknownAction[]) {
  const store = createReplicaStore();
  const base: UnknownAction[] = [
    hostStarted({ version: 't', mode: 'simulation', transport: 'web' }),
    vehicleSelected({ vehicleId: 'cabin-ev', paths: Object.values(HOME_PATHS), sources: {} }),
    gatewayLinkChanged({ status: 'connected', url: 'ws://gw', since: NOW - 60_000, gateway: 'g' }),
  ];
  store.dispatch(snapshotApplied([...base, ...actions].reduce(rootReducer, rootReducer(undefined, { type: 'init' }))));
  render(
    <AppProviders store={store} bridge={bridge}>
      <HomeScreen now={NOW} />
    </AppProviders>,
  );
}

const update = (path: string, value: number | boolean, ageMs: number, staleAfterMs = 1000) =>
  signalsUpdated([{ path, value, seenAt: NOW - ageMs, staleAfterMs }]);

afterEach(cleanup);

describe('Home', () => {
  it('shows live values in the driver units, speed large enough to read at arm’s length', () => {
    renderHome(update(HOME_PATHS.speed, 88.4, 10), update(HOME_PATHS.selectedGear, 127, 10), update(HOME_PATHS.soc, 54.6, 10), update(HOME_PATHS.range, 231_000, 10), settingsChanged({ distanceUnit: 'mi' }));
    expect(screen.getByTestId('speed')).toHaveTextContent(/55\s*mph/);
    expect(screen.getByTestId('gear')).toHaveTextContent('D');
    expect(screen.getByTestId('soc')).toHaveTextContent('55%');
    expect(screen.getByTestId('range')).toHaveTextContent('Range 144 mi');
    expect(screen.getByTestId('speed')).toHaveAttribute('data-freshness', 'fresh');
  });

  it('greys a value that stopped arriving and says for how long', () => {
    renderHome(update(HOME_PATHS.speed, 50, 10), update(HOME_PATHS.batteryTemp, 31, 7_000));
    const tile = screen.getByTestId('battery-temperature');
    expect(tile).toHaveAttribute('data-freshness', 'stale');
    expect(tile).toHaveTextContent('No update for 7 s');
    expect(screen.getByTestId('speed')).toHaveAttribute('data-freshness', 'fresh');
  });

  it('says "vehicle data unavailable" instead of old values when the link is lost', () => {
    renderHome(update(HOME_PATHS.speed, 50, 10), gatewayLinkChanged({ status: 'lost', url: 'ws://gw', since: NOW, reason: 'silent' }));
    expect(screen.getByText('Vehicle data unavailable')).toBeInTheDocument();
    expect(screen.queryByTestId('speed')).toBeNull();
  });

  it('shows only what the vehicle reports: no traction battery tile for a car without one', () => {
    const store = [vehicleSelected({ vehicleId: 'hyundai-2015', paths: [HOME_PATHS.speed, HOME_PATHS.lowVoltage], sources: {} })];
    renderHome(...store, update(HOME_PATHS.speed, 30, 10), update(HOME_PATHS.lowVoltage, 14.12, 10));
    expect(screen.queryByTestId('soc')).toBeNull();
    expect(screen.getByTestId('low-voltage')).toHaveTextContent('14.1 V');
  });
});
