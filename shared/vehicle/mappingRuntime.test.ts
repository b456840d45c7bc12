import { describe, it, expect } from 'vitest';
import { messageKey } from '../can/dbcModel';
import { compileDbc } from '../can/dbcCompile';
import { encodeMessage } from '../can/dbcEncode';
import { loadMapping } from './mapping';
import { createDbcToVss, createVssToDbc, type VssUpdate } from './mappingRuntime';
import { testDb } from '../../test/fixtures/testDbc';

const db = testDb();
const STATUS = messageKey(256, false);
const SEAT_STATUS = messageKey(513, false);

const MAPPING = `version: 1
writable: [SEAT_CMD]
signals:
  Vehicle.Speed:
    dbc2vss: { signal: Speed, interval_ms: 100 }
  Vehicle.Powertrain.Transmission.SelectedGear:
    dbc2vss:
      signal: Gear
      on_change: true
      transform:
        mapping:
          - { from: P, to: 126 }
          - { from: R, to: -1 }
          - { from: N, to: 0 }
          - { from: D, to: 127 }
          - { from: SNA, to: null }
  Vehicle.Exterior.AirTemperature:
    dbc2vss: { signal: Temp, transform: { math: "floor(x)" } }
  Vehicle.Body.Lights.Beam.Low.IsOn:
    dbc2vss: { signal: Flag, on_change: true }
  Vehicle.Private.CabinIVI.Drive.RegenLevel:
    dbc2vss: { signal: VCU_Status.Counter }
  Vehicle.Cabin.Seat.Row1.DriverSide.Position:
    dbc2vss: { signal: SEAT_STATUS.SeatPos, stale_after_ms: 2000 }
    vss2dbc: { signal: SeatPosReq }
  Vehicle.Cabin.Seat.Row1.DriverSide.Height:
    vss2dbc: { signal: SeatHeightReq, transform: { math: "x / 10" } }
  Vehicle.Powertrain.Transmission.PerformanceMode:
    vss2dbc: { signal: ModeReq }
`;

function setup() {
  const r = loadMapping(MAPPING, 'm.yaml', db);
  expect(r.errors).toEqual([]);
  return r.mapping;
}

const frame = (values: Record<string, number>) => ({ Speed: 0, Gear: 0, Mode: 0, Flag: 0, Temp: 20, Counter: 1, ...values });

describe('createDbcToVss', () => {
  it('turns decoded values into VSS updates through the transforms', () => {
    const rt = createDbcToVss(setup());
    expect(new Set(rt.messageKeys)).toEqual(new Set([STATUS, SEAT_STATUS]));
    const out: VssUpdate[] = [];
    expect(rt.onMessage(STATUS, frame({ Speed: 42.5, Gear: 3, Flag: 1, Temp: 21.5, Counter: 2 }), 1000, out)).toBe(5);
    expect(Object.fromEntries(out.map((u) => [u.path, u.value]))).toEqual({
      'Vehicle.Speed': 42.5,
      'Vehicle.Powertrain.Transmission.SelectedGear': 127,
      'Vehicle.Exterior.AirTemperature': 21,
      'Vehicle.Body.Lights.Beam.Low.IsOn': true,
      'Vehicle.Private.CabinIVI.Drive.RegenLevel': 2,
    });
    expect(out.every((u) => u.t === 1000)).toBe(true);
    expect(rt.sourceOf('Vehicle.Speed')).toBe('VCU_Status.Speed');
    expect(rt.onMessage(messageKey(999, false), frame({}), 1000, out)).toBe(0);
  });

  it('skips signals absent from the frame, SNA codes mapped to null, and counts unmapped or invalid values', () => {
    const rt = createDbcToVss(setup());
    const out: VssUpdate[] = [];
    rt.onMessage(STATUS, { Gear: 7 }, 0, out); // SNA → null: known, nothing emitted
    rt.onMessage(STATUS, { Gear: 5 }, 10, out); // no VAL_ and no mapping entry
    rt.onMessage(STATUS, { Counter: 300 }, 20, out); // RegenLevel is uint8: out of range
    expect(out).toEqual([]);
    expect(rt.counters).toEqual({ unmapped: 1, invalid: 1 });
    rt.onMessage(STATUS, { Counter: 10n } as never, 30, out); // BigInt from wide signals
    expect(out).toEqual([{ path: 'Vehicle.Private.CabinIVI.Drive.RegenLevel', value: 10, t: 30, staleAfterMs: 500 }]);
  });

  it('reads the compiled decoder output, complete and truncated frames alike', () => {
    const rt = createDbcToVss(setup());
    const compiled = compileDbc(db);
    const decoded = compiled.createOutput();
    const message = db.messages.find((m) => m.name === 'VCU_Status')!;
    const payload = encodeMessage(message, { Speed: 55.5, Gear: 'D', Mode: 0, Flag: 1, Temp: 30.5, Counter: 3 });
    const out: VssUpdate[] = [];
    compiled.lookup(256, false)!.decode(payload, decoded);
    expect(rt.onDecoded(STATUS, decoded, 0, out)).toBe(5);
    expect(out.map((u) => u.value)).toEqual([55.5, 127, 30, true, 3]);
    out.length = 0;
    // Three bytes: Speed, Gear, Mode and Flag are whole; Temp and Counter are missing.
    compiled.lookup(256, false)!.decode(payload.subarray(0, 3), decoded);
    expect(decoded.truncated).toBe(true);
    rt.onDecoded(STATUS, decoded, 100, out);
    expect(out.map((u) => u.path)).toEqual(['Vehicle.Speed']); // gear and flag unchanged (on_change)
    expect(rt.isStale('Vehicle.Exterior.AirTemperature', 600)).toBe(true);
    expect(rt.isStale('Vehicle.Speed', 600)).toBe(false);
  });

  it('throttles to interval_ms and keeps the latest value', () => {
    const rt = createDbcToVss(setup());
    const out: VssUpdate[] = [];
    for (let t = 0; t <= 300; t += 10) rt.onMessage(STATUS, { Speed: t }, t, out);
    expect(out.map((u) => [u.t, u.value])).toEqual([
      [0, 0],
      [100, 100],
      [200, 200],
      [300, 300],
    ]);
  });

  it('suppresses unchanged values when on_change is set', () => {
    const rt = createDbcToVss(setup());
    const out: VssUpdate[] = [];
    const gears = [0, 0, 0, 3, 3, 1, 1, 0];
    gears.forEach((g, i) => rt.onMessage(STATUS, { Gear: g, Flag: i >= 5 ? 1 : 0 }, i * 10, out));
    expect(out.filter((u) => u.path.endsWith('SelectedGear')).map((u) => u.value)).toEqual([126, 127, -1, 126]);
    expect(out.filter((u) => u.path.endsWith('IsOn')).map((u) => [u.t, u.value])).toEqual([
      [0, false],
      [50, true],
    ]);
  });

  it('re-sends an unchanged on_change value every half timeout, so the store never sees it as stale', () => {
    const rt = createDbcToVss(setup());
    const out: VssUpdate[] = [];
    for (let t = 0; t <= 1000; t += 10) rt.onMessage(STATUS, { Gear: 0 }, t, out);
    expect(out.map((u) => u.t)).toEqual([0, 250, 500, 750, 1000]);
    expect(out.every((u) => u.staleAfterMs === 500 && u.value === 126)).toBe(true);
  });

  it('reports paths stale after 3 cycles (floor 500 ms), 1 s without a cycle time, or stale_after_ms; once per outage', () => {
    const rt = createDbcToVss(setup());
    const out: VssUpdate[] = [];
    expect(rt.staleAfterMs('Vehicle.Speed')).toBe(500);
    expect(rt.staleAfterMs('Vehicle.Cabin.Seat.Row1.DriverSide.Position')).toBe(2000);
    expect(rt.isStale('Vehicle.Speed', 0)).toBe(true); // never seen
    rt.onMessage(STATUS, { Speed: 10, Gear: 0 }, 0, out);
    rt.onMessage(SEAT_STATUS, { SeatPos: 120 }, 0, out);
    expect(rt.takeNewlyStale(500)).toEqual([]);
    expect(rt.isStale('Vehicle.Speed', 500)).toBe(false);
    expect(rt.takeNewlyStale(501)).toEqual(['Vehicle.Speed', 'Vehicle.Powertrain.Transmission.SelectedGear']);
    expect(rt.takeNewlyStale(900)).toEqual([]); // reported once
    expect(rt.takeNewlyStale(2001)).toEqual(['Vehicle.Cabin.Seat.Row1.DriverSide.Position']);

    // Recovery re-emits even an unchanged on_change value, so the store learns it is live again.
    out.length = 0;
    rt.onMessage(STATUS, { Gear: 0 }, 3000, out);
    expect(out).toEqual([{ path: 'Vehicle.Powertrain.Transmission.SelectedGear', value: 126, t: 3000, staleAfterMs: 500 }]);
    expect(rt.isStale('Vehicle.Powertrain.Transmission.SelectedGear', 3000)).toBe(false);
  });
});

describe('createVssToDbc', () => {
  it('encodes an actuator target into its command message, leaving other fields idle', () => {
    const w = createVssToDbc(setup());
    expect(w.writablePaths).toEqual([
      'Vehicle.Cabin.Seat.Row1.DriverSide.Position',
      'Vehicle.Cabin.Seat.Row1.DriverSide.Height',
      'Vehicle.Powertrain.Transmission.PerformanceMode',
    ]);
    const r = w.encode('Vehicle.Cabin.Seat.Row1.DriverSide.Position', 250);
    expect(r).toMatchObject({ ok: true, value: { message: { name: 'SEAT_CMD' } } });
    if (!r.ok) return;
    // ModeReq idles at its "NoRequest" VAL_, SeatHeightReq at raw 0.
    expect(r.value.signals).toEqual({ SeatPosReq: 250, SeatHeightReq: 0, ModeReq: 7 });
    const m = w.encode('Vehicle.Powertrain.Transmission.PerformanceMode', 'SPORT');
    expect(m.ok && m.value.signals).toEqual({ SeatPosReq: 1023, SeatHeightReq: 0, ModeReq: 1 }); // GenSigStartValue
    const many = w.encodeMany({
      'Vehicle.Cabin.Seat.Row1.DriverSide.Position': 100,
      'Vehicle.Cabin.Seat.Row1.DriverSide.Height': 400,
    });
    expect(many.ok && many.value.map((x) => x.signals)).toEqual([{ SeatPosReq: 100, SeatHeightReq: 40, ModeReq: 7 }]);
  });

  it('refuses bad targets with a reason', () => {
    const w = createVssToDbc(setup());
    const err = (path: string, v: unknown) => {
      const r = w.encode(path, v);
      expect(r.ok).toBe(false);
      return r.ok ? '' : r.error;
    };
    expect(err('Vehicle.Speed', 10)).toMatch(/not writable on this vehicle/);
    expect(err('Vehicle.Cabin.Seat.Row1.DriverSide.Position', 1001)).toMatch(/outside \[0\|1000\] of SEAT_CMD.SeatPosReq/);
    expect(err('Vehicle.Cabin.Seat.Row1.DriverSide.Position', -5)).toMatch(/outside uint16 range/);
    expect(err('Vehicle.Cabin.Seat.Row1.DriverSide.Position', 'far')).toMatch(/is uint16/);
    expect(err('Vehicle.Powertrain.Transmission.PerformanceMode', 'SNOW')).toMatch(/no VAL_ text "SNOW"/);
    expect(err('Vehicle.Powertrain.Transmission.PerformanceMode', 'TURBO')).toMatch(/not an allowed value/);
  });

  it('refuses messages that are not on the writable allowlist', () => {
    const w = createVssToDbc(setup(), { writable: [] });
    expect(w.writablePaths).toEqual([]);
    const r = w.encode('Vehicle.Cabin.Seat.Row1.DriverSide.Position', 250);
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/message SEAT_CMD is not on the writable allowlist/) });
  });
});
