// Charge or swap: the best stop of each kind in total minutes and money, and the verdict with its reasons.
import { describe, expect, it } from 'vitest';
import type { StationListItem } from '../../../shared/state/stationsSlice';
import type { SwapStationView } from '../../../shared/state/swapSlice';
import { bestCharge, bestSwap, BUSY_CHARGER_WAIT_MINUTES, compareChargeOrSwap, minorDigits } from './chargeOrSwap';

const swapStation = (over: Partial<SwapStationView> = {}): SwapStationView => ({
  networkId: 'voltswap',
  networkName: 'VoltSwap',
  id: 'vs-1',
  name: 'Century Avenue',
  lat: 31.22,
  lon: 121.53,
  distanceM: 4000,
  etaMinutes: 6,
  arrivalSoc: 15,
  packStandard: 'GBT_40032',
  readyPacks: 3,
  chargingPacks: 0,
  waitMinutes: 0,
  queueLength: 0,
  typicalSwapMinutes: 4,
  openNow: true,
  priceEstimate: { amountMinor: 8400, currency: 'CNY' },
  updatedSeenAt: 0,
  ...over,
});

const charger = (over: Partial<StationListItem> = {}): StationListItem => ({
  key: 'CN*TLD/1',
  name: 'TELD Pudong',
  lat: 31.2,
  lon: 121.5,
  distance_m: 3000,
  arrival_soc: 16,
  reachable: true,
  drive_minutes: 4.5,
  charge_minutes: 32,
  best: { standard: 'GBT_DC', power_type: 'DC', max_electric_power: 120_000, status: 'AVAILABLE', statusSeenAt: 0 },
  available: 2,
  evses: 4,
  reservable: true,
  price: { currency: 'CNY', per_kwh: 1.2, cost: 58.2 },
  open_now: true,
  favourite: false,
  source: 'live:sim-cpo',
  ...over,
});

const compare = (swap: SwapStationView[], charge: StationListItem[], preference: 'charge' | 'swap' | 'either' = 'either') =>
  compareChargeOrSwap({ swap: bestSwap(swap), charge: bestCharge(charge, 80), swapStationsWithoutPack: swap.filter((s) => s.readyPacks < 1).length, preference, seenAt: 1 });

describe('charge or swap', () => {
  it('counts drive + wait + stop for each, in minor units of the same currency', () => {
    const swap = bestSwap([swapStation()])!;
    expect(swap.totalMinutes).toBeCloseTo(6 + 0 + 4, 0);
    const charge = bestCharge([charger()], 80)!;
    expect(charge.totalMinutes).toBeCloseTo(4.5 + 32, 5);
    expect(charge.cost).toEqual({ amountMinor: 5820, currency: 'CNY' });
    expect(charge.leaveSoc).toBe(80);
    // All connectors busy: the charger's expected wait is added; out of order: not an option.
    expect(bestCharge([charger({ available: 0, best: { ...charger().best, status: 'CHARGING' } })], 80)!.waitMinutes).toBe(BUSY_CHARGER_WAIT_MINUTES);
    expect(bestCharge([charger({ available: 0, best: { ...charger().best, status: 'OUTOFORDER' } })], 80)).toBeNull();
    expect(bestCharge([charger({ reachable: false })], 80)).toBeNull();
  });

  it('picks the faster stop when they differ by five minutes or more, and says what the other costs', () => {
    const verdict = compare([swapStation()], [charger()]);
    expect(verdict.verdict).toBe('swap');
    expect(verdict.reasons).toEqual([
      { code: 'swapFaster', minutes: 27 },
      { code: 'chargeCheaper', amount: { amountMinor: 2580, currency: 'CNY' } },
    ]);
    const slowSwap = compare([swapStation({ waitMinutes: 40 })], [charger()]);
    expect(slowSwap.verdict).toBe('charge');
    expect(slowSwap.reasons[0]).toEqual({ code: 'chargeFaster', minutes: 13 });
  });

  it('about the same time: the cheaper one, else the driver’s preference, else either', () => {
    const same = { charge_minutes: 7, drive_minutes: 4 };
    expect(compare([swapStation()], [charger(same)]).verdict).toBe('charge');
    const equalCost = charger({ ...same, price: { currency: 'CNY', per_kwh: 1, cost: 84 } });
    expect(compare([swapStation()], [equalCost]).verdict).toBe('either');
    expect(compare([swapStation()], [equalCost], 'swap')).toMatchObject({ verdict: 'swap', reasons: [{ code: 'aboutSameTime' }, { code: 'preference', prefers: 'swap' }] });
    const otherCurrency = charger({ ...same, price: { currency: 'NOK', per_kwh: 4, cost: 300 } });
    expect(compare([swapStation()], [otherCurrency]).reasons).toContainEqual({ code: 'costsNotComparable' });
  });

  it('with only one kind nearby says why the other is missing', () => {
    expect(compare([], [charger()])).toMatchObject({ verdict: 'charge', reasons: [{ code: 'noSwap' }] });
    expect(compare([swapStation({ readyPacks: 0 })], [charger()])).toMatchObject({ verdict: 'charge', reasons: [{ code: 'swapNoPack' }] });
    expect(compare([swapStation()], [])).toMatchObject({ verdict: 'swap', reasons: [{ code: 'noCharger' }] });
    expect(compare([], []).verdict).toBe('none');
  });

  it('says no stop is needed once the car holds the driver’s target', () => {
    const full = compareChargeOrSwap({ swap: bestSwap([swapStation()]), charge: bestCharge([charger()], 80), swapStationsWithoutPack: 0, preference: 'either', seenAt: 1, socPercent: 95, targetSoc: 80 });
    expect(full).toMatchObject({ verdict: 'none', reasons: [{ code: 'notNeeded' }] });
  });

  it('knows the minor units of a currency', () => {
    expect(minorDigits('CNY')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('???')).toBe(2);
  });
});
