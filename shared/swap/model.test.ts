// The in-car swap model: only stations that fit the car's pack, freshness on one clock, protocol → model conversion, opening hours.
import { describe, expect, it } from 'vitest';
import { bookingFromProtocol, clockOffsetMs, compatibleStations, estimatedWaitMinutes, isStationFresh, packKwh, stationFromProtocol, type SwapStation } from './model';
import { isOpenAt } from './openingHours';
import { packStandardForCar, stationAcceptsCar } from './packStandards';
import { bookingSchema, stationSchema, type ProtocolStation } from './protocol';
import { DEFAULT_TERMS } from './terms';

const t0 = Date.UTC(2026, 11, 2, 1, 0, 0); // 09:00 in Shanghai, a Wednesday
const protocolStation = (id: string, standards: string[]): ProtocolStation =>
  stationSchema.parse({
    id,
    name: id,
    lat: 31.2,
    lon: 121.5,
    opening_times: { twentyfourseven: true },
    open_now: true,
    pack_standards: standards,
    bays: 2,
    bays_busy: 0,
    queue_length: 0,
    wait_minutes: 0,
    typical_swap_minutes: 5,
    ready_packs: Object.fromEntries(standards.map((s) => [s, 2])),
    charging_packs: {},
    terms: DEFAULT_TERMS,
    last_updated: new Date(t0).toISOString(),
  });

describe('compatibility', () => {
  const cabinEv = { swapStandard: 'GBT_40032', usableKwh: 75 };
  const nio100 = { swapStandard: 'NIO_PSS', usableKwh: 98 };

  it('maps a car to the standard it books', () => {
    expect(packStandardForCar(cabinEv)).toBe('GBT_40032');
    expect(packStandardForCar(nio100)).toBe('NIO_100');
    expect(packStandardForCar({ swapStandard: 'NIO_PSS', usableKwh: 70 })).toBe('NIO_75');
    expect(packStandardForCar({ swapStandard: 'NONE', usableKwh: 75 })).toBeNull();
    expect(packStandardForCar({ swapStandard: 'OTHER', usableKwh: 75 })).toBeNull();
  });

  it('offers only stations that accept the car’s pack', () => {
    const stations = [
      stationFromProtocol('volt', protocolStation('a', ['GBT_40032', 'CATL_CHOCO_20']), t0),
      stationFromProtocol('nova', protocolStation('b', ['NIO_75', 'NIO_100']), t0),
    ];
    expect(compatibleStations(stations, cabinEv).map((c) => [c.station.id, c.packStandard])).toEqual([['a', 'GBT_40032']]);
    expect(compatibleStations(stations, nio100).map((c) => [c.station.id, c.packStandard])).toEqual([['b', 'NIO_100']]);
    expect(compatibleStations(stations, { swapStandard: 'NONE', usableKwh: 75 })).toEqual([]);
    expect(stationAcceptsCar(['NIO_75'], cabinEv)).toBe(false);
  });

  it('knows pack capacities, the station’s own figure first', () => {
    expect(packKwh('GBT_40032')).toBe(75);
    expect(packKwh('GBT_40032', { GBT_40032: 80 })).toBe(80);
    expect(packKwh('ACME_9')).toBeNull();
  });
});

describe('freshness and clock skew', () => {
  it('judges freshness on the car’s clock after removing the operator’s offset', () => {
    // The operator's clock runs 10 minutes ahead; its "now" is fresh for the car, not 10 minutes in the future.
    const skew = 10 * 60_000;
    const s: SwapStation = stationFromProtocol('volt', { ...protocolStation('a', ['GBT_40032']), last_updated: new Date(t0 + skew).toISOString() }, t0, skew);
    expect(s.updatedAt).toBe(t0);
    expect(isStationFresh(s, t0 + 119_000)).toBe(true);
    expect(isStationFresh(s, t0 + 121_000)).toBe(false);
    expect(clockOffsetMs(new Date(t0 + skew).toISOString(), t0 - 100, t0 + 100)).toBe(skew);
  });

  it('converts a protocol booking to epoch ms on the car’s clock', () => {
    const iso = (ms: number) => new Date(ms).toISOString();
    const b = bookingSchema.parse({
      id: 'bk1',
      status: 'CONFIRMED',
      station_id: 'a',
      pack_standard: 'GBT_40032',
      vehicle_id: 'car',
      created_at: iso(t0),
      updated_at: iso(t0),
      arrival_at: iso(t0 + 600_000),
      cancel_until: iso(t0 + 300_000),
      expires_at: iso(t0 + 1_500_000),
      terms: DEFAULT_TERMS,
      price_estimate: { amount_minor: 8000, currency: 'CNY' },
      charge: { amount_minor: 0, currency: 'CNY', reason: null },
      no_show: false,
      status_reason: null,
      queue_position: null,
      bay: null,
      swap: { started_at: null, expected_end_at: null, completed_at: null, new_pack_id: null, new_pack_soc_percent: null, returned_pack_id: null, returned_pack_soc_percent: null },
      event_seq: 1,
      server_time: iso(t0),
      future_field: 'ignored',
    });
    const m = bookingFromProtocol('volt', b, 1000);
    expect(m).toMatchObject({ id: 'bk1', status: 'CONFIRMED', arrivalAt: t0 + 599_000, expiresAt: t0 + 1_499_000, swapStartedAt: null, priceEstimateMinor: 8000 });
  });
});

describe('opening hours', () => {
  const hours = (begin: string, end: string, weekday = 3) => ({ twentyfourseven: false, regular_hours: [{ weekday, period_begin: begin, period_end: end }] });

  it('evaluates periods in the station’s time zone', () => {
    expect(isOpenAt(hours('08:00', '10:00'), 'Asia/Shanghai', t0)).toBe(true);
    expect(isOpenAt(hours('08:00', '10:00'), 'Europe/Oslo', t0)).toBe(false); // 02:00 there
    expect(isOpenAt(hours('09:00', '09:01'), 'Asia/Shanghai', t0)).toBe(true);
    expect(isOpenAt(hours('08:00', '09:00'), 'Asia/Shanghai', t0)).toBe(false); // the end is exclusive
    expect(isOpenAt({ twentyfourseven: true }, null, t0)).toBe(true);
  });

  it('runs a period past midnight into the next day', () => {
    // Tuesday 22:00 → Wednesday 10:00 covers Wednesday 09:00.
    expect(isOpenAt(hours('22:00', '10:00', 2), 'Asia/Shanghai', t0)).toBe(true);
    expect(isOpenAt(hours('22:00', '08:00', 2), 'Asia/Shanghai', t0)).toBe(false);
    // Sunday night into Monday wraps the week.
    const mondayEarly = Date.UTC(2026, 11, 6, 17, 30); // Monday 01:30 in Shanghai
    expect(isOpenAt(hours('22:00', '02:00', 7), 'Asia/Shanghai', mondayEarly)).toBe(true);
  });
});

describe('estimatedWaitMinutes', () => {
  it('is zero while a bay is free, then one swap time per full round of bays ahead', () => {
    expect(estimatedWaitMinutes(2, 0, 0, 5)).toBe(0);
    expect(estimatedWaitMinutes(2, 1, 0, 5)).toBe(0);
    expect(estimatedWaitMinutes(2, 2, 0, 5)).toBe(5);
    expect(estimatedWaitMinutes(2, 2, 1, 5)).toBe(5);
    expect(estimatedWaitMinutes(2, 2, 2, 5)).toBe(10);
    expect(estimatedWaitMinutes(1, 1, 3, 4)).toBe(16);
  });
});
