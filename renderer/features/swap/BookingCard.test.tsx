// The swap booking card in each state (on the way with countdown and ETA, swapping, done with the car's reading, refused) and when Home shows it rather than the map or the low-battery options.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { UnknownAction } from '@reduxjs/toolkit';
import { afterEach, describe, expect, it } from 'vitest';
import type { CabinBridge } from '../../../shared/ipc/bridge';
import { snapshotApplied } from '../../../shared/state/replica';
import { rootReducer, type RootState } from '../../../shared/state/rootReducer';
import { swapActiveChanged, type ActiveSwap, type SwapBookingView } from '../../../shared/state/swapSlice';
import { hostStarted } from '../../../shared/state/uiSlice';
import { AppProviders } from '../../app/AppProviders';
import { pickHomePanel } from '../../app/homePanel';
import { HOME_PANELS } from '../../app/homePanels';
import { createReplicaStore } from '../../app/store';
import { BookingCard } from './BookingCard';

const NOW = Date.UTC(2026, 11, 2, 9, 10);
const sent: string[] = [];
const bridge: CabinBridge = {
  transport: 'web',
  invoke: (async (name: string) => {
    sent.push(name);
    return { ok: true, value: { dismissed: true } };
  }) as CabinBridge['invoke'],
  onSync: () => () => undefined,
  requestSnapshot: () => undefined,
};

const booking = (over: Partial<SwapBookingView> = {}): SwapBookingView => ({
  networkId: 'voltswap',
  networkName: 'VoltSwap',
  id: 'bk_1',
  status: 'CONFIRMED',
  stationId: 'vs-1',
  stationName: 'VoltSwap Century Avenue',
  stationLat: 31.22,
  stationLon: 121.53,
  packStandard: 'GBT_40032',
  createdAt: NOW - 60_000,
  arrivalAt: NOW + 6 * 60_000,
  cancelUntil: NOW + 9 * 60_000,
  expiresAt: NOW + 21 * 60_000 + 5000,
  priceEstimate: { amountMinor: 8430, currency: 'CNY' },
  charge: { amountMinor: 0, currency: 'CNY', reason: null },
  terms: { currency: 'CNY', swapFeeMinor: 1500, energyPriceMinorPerKwh: 120, cancelUntilMinutes: 10, lateCancelFeeMinor: 1000, noshowTimeoutMinutes: 15, noshowFeeMinor: 2000 },
  statusReason: null,
  queuePosition: null,
  bay: null,
  newPackId: null,
  newPackSocPercent: null,
  swapStartedAt: null,
  swapExpectedEndAt: null,
  completedAt: null,
  ...over,
});

function renderCard(active: Exclude<ActiveSwap, { status: 'none' }>, language: 'en' | 'zh-CN' = 'en') {
  const store = createReplicaStore();
  const state = [hostStarted({ version: 't', mode: 'simulation', transport: 'web' }) as UnknownAction].reduce(rootReducer, rootReducer(undefined, { type: 'init' }));
  store.dispatch(snapshotApplied({ ...state, settings: { ...state.settings, language } }));
  render(
    <AppProviders store={store} bridge={bridge}>
      <BookingCard active={active} now={0} wall={NOW} />
    </AppProviders>,
  );
}

afterEach(() => {
  cleanup();
  sent.length = 0;
});

describe('swap booking card', () => {
  it('on the way: the hold counting down, the ETA, free cancellation until its time, Check in and Cancel', () => {
    renderCard({ status: 'booked', booking: booking(), link: { state: 'live', seenAt: 0 }, updates: 'events', route: { distanceM: 4200, etaMinutes: 6 }, checkIn: { state: 'away' }, confirmation: null });
    expect(screen.getByTestId('swap-card')).toHaveAttribute('data-status', 'CONFIRMED');
    expect(screen.getByTestId('swap-countdown')).toHaveTextContent('21:05');
    expect(screen.getByTestId('swap-eta')).toHaveTextContent(/^6 min · 4\.2 km$/);
    expect(screen.getByText(/free until/)).toBeInTheDocument();
    fireEvent.click(screen.getByTestId('swap-cancel'));
    expect(sent).toEqual(['swap.cancel']);
  });

  it('past the free window, Cancel says what it costs; an unreachable operator is said plainly', () => {
    renderCard({
      status: 'booked',
      booking: booking({ cancelUntil: NOW - 1 }),
      link: { state: 'unreachable', since: 0, problem: { key: 'swap.problems.unreachable', message: 'x' } },
      updates: 'polling',
      route: null,
      checkIn: { state: 'away' },
      confirmation: null,
    });
    expect(screen.getByTestId('swap-cancel')).toHaveTextContent('Cancel (CN¥10.00)');
    expect(screen.getByTestId('swap-link')).toHaveTextContent('VoltSwap cannot be reached: this is the last status it gave.');
    expect(screen.getByTestId('swap-card')).toHaveAttribute('data-tone', 'warning');
  });

  it('done: the pack and SoC the car reads, what was charged, Done — in Chinese too', () => {
    const done = booking({ status: 'COMPLETED', newPackId: '30000004', newPackSocPercent: 95, completedAt: NOW, charge: { amountMinor: 8565, currency: 'CNY', reason: 'SWAP' } });
    const confirmation = { state: 'confirmed' as const, packIdBefore: '26000417', socBefore: 17, packId: '30000004', socPercent: 95 };
    renderCard({ status: 'finished', booking: done, confirmation });
    expect(screen.getByTestId('swap-confirmation')).toHaveTextContent('Pack 30000004 at 95%: the swap is confirmed');
    expect(screen.getByTestId('swap-charge')).toHaveTextContent('CN¥85.65');
    cleanup();
    renderCard({ status: 'finished', booking: done, confirmation }, 'zh-CN');
    expect(screen.getByTestId('swap-confirmation')).toHaveTextContent('电池 30000004，电量 95%：换电已确认');
    expect(screen.getByTestId('swap-charge')).toHaveTextContent('¥85.65');
  });

  it('refused: nothing booked, with the reason', () => {
    renderCard({ status: 'refused', networkName: 'VoltSwap', stationName: 'VoltSwap Tianhe', problem: { key: 'swap.problems.refused.NO_PACK_AVAILABLE', params: { network: 'VoltSwap' }, message: 'x' } });
    expect(screen.getByTestId('swap-problem')).toHaveTextContent('VoltSwap: no charged pack is left at this station right now. Nothing was booked.');
    // The network's name is data: a page translator leaves it as it is.
    expect(screen.getByTestId('swap-problem').querySelector('[translate="no"]')).toHaveTextContent(/^VoltSwap$/);
    fireEvent.click(screen.getByTestId('swap-dismiss'));
    expect(sent).toEqual(['swap.dismiss']);
  });
});

describe('Home shows the booking', () => {
  const state = (...actions: UnknownAction[]): RootState => actions.reduce(rootReducer, rootReducer(undefined, { type: 'init' }));
  it('over the map while it is live, and until the driver puts a finished one away', () => {
    expect(pickHomePanel(HOME_PANELS, state()).id).not.toBe('swap-booking');
    const live = swapActiveChanged({ status: 'booked', booking: booking(), link: { state: 'live', seenAt: 0 }, updates: 'events', route: null, checkIn: { state: 'away' }, confirmation: null });
    expect(pickHomePanel(HOME_PANELS, state(live)).id).toBe('swap-booking');
    expect(pickHomePanel(HOME_PANELS, state(swapActiveChanged({ status: 'finished', booking: booking({ status: 'CANCELLED' }), confirmation: null }))).id).toBe('swap-booking');
    expect(pickHomePanel(HOME_PANELS, state(swapActiveChanged({ status: 'none' }))).id).not.toBe('swap-booking');
  });
});
