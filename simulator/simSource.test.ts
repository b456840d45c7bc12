// The sim source end to end: frames that decode to the simulated values, cycle times, the write path, overrides, seek, pause, and random input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeMessage } from '../shared/can/dbcEncode';
import type { CanFrame } from '../shared/can/frame';
import type { VssValue } from '../shared/vehicle/vssValue';
import { createVssToDbc } from '../shared/vehicle/mappingRuntime';
import { DEFAULT_CYCLE_MS } from './canEmitter';
import { decodeLatest, FrameLog, resolutionOf } from '../test/fixtures/simTestKit';
import { createSimSource, keyFobIdFor, type SimSource, type SimSourceOptions } from './simSource';

async function started(options: SimSourceOptions = {}): Promise<{ source: SimSource; log: FrameLog }> {
  const source = createSimSource({ clock: 'virtual', ...options });
  const log = new FrameLog();
  await source.start(log);
  return { source, log };
}

/** Advances bus time in steps like the realtime driver does (50 ms ticks). */
function run(source: SimSource, ms: number, tick = 50): void {
  for (let done = 0; done < ms; done += tick) source.advance(Math.min(tick, ms - done));
}

function expectDecodedMatches(source: SimSource, frames: CanFrame[]): void {
  const decoded = decodeLatest(source, frames);
  const truth = source.signals();
  const resolution = resolutionOf(source);
  // The inlet type of a car not charging is OTHER, which the DBC sends as "None": no value, by the mapping.
  const paths = [...new Set(source.mapping.dbc2vss.map((r) => r.path))].filter((p) => truth[p] !== 'OTHER');
  expect(Object.keys(decoded).sort()).toEqual(paths.sort());
  for (const path of paths) {
    const want = truth[path];
    const got = decoded[path];
    if (typeof want === 'number' && typeof got === 'number') {
      expect(Math.abs(got - want), `${path}: decoded ${got}, simulated ${want}`).toBeLessThanOrEqual(resolution.get(path)!);
    } else {
      expect(got, path).toEqual(want);
    }
  }
}

function commandFrame(source: SimSource, targets: Record<string, VssValue>): CanFrame {
  const r = createVssToDbc(source.mapping).encodeMany(targets);
  if (!r.ok) throw new Error(r.error);
  const [write] = r.value;
  return { t: 0, bus: 'can0', id: write.message.id, extended: write.message.extended, flags: 0, data: encodeMessage(write.message, write.signals) };
}

describe('createSimSource', () => {
  it('announces can0, and the parked car is on the bus from start(): gear P, speed 0, its SoC', async () => {
    const { source, log } = await started();
    expect(source.kind).toBe('sim');
    expect(source.buses()).toEqual(['can0']);
    const first = log.take();
    expect(new Set(first.map((f) => f.id)).size).toBe(15);
    expect(first.every((f) => f.t === 0 && f.bus === 'can0')).toBe(true);
    const decoded = decodeLatest(source, first);
    expect(decoded).toMatchObject({
      'Vehicle.Speed': 0,
      'Vehicle.Powertrain.Transmission.SelectedGear': 126,
      'Vehicle.Powertrain.TractionBattery.StateOfCharge.Current': 78,
    });
    expect(source.status()).toMatchObject({ scenario: null, playing: true, durationS: null, acceleration: 1, faults: [], overrides: [] });
  });

  it('emitted frames decode (compiled decoder + frame pipeline) to the simulated values within the DBC resolution', async () => {
    const { source, log } = await started();
    run(source, 2000);
    expectDecodedMatches(source, log.take());

    const drive = await started({ scenario: 'commute' });
    drive.source.seek(90);
    run(drive.source, 1000);
    expect(drive.source.signals()['Vehicle.Speed']).toBeGreaterThan(5);
    expectDecodedMatches(drive.source, drive.log.take());

    const charging = await started({ scenario: 'charging-stop' });
    charging.source.seek(600);
    run(charging.source, 1000);
    const chargingFrames = charging.log.take();
    const decoded = decodeLatest(charging.source, chargingFrames);
    expect(decoded).toMatchObject({
      'Vehicle.Powertrain.TractionBattery.Charging.IsCharging': true,
      'Vehicle.Private.CabinIVI.Charging.ActiveInletType': 'GBT_DC',
    });
    expect(decoded['Vehicle.Powertrain.TractionBattery.Charging.ChargeCurrent.DC']).toBeGreaterThan(100);
    expect(decoded['Vehicle.Powertrain.TractionBattery.Charging.TimeToComplete']).toBeGreaterThan(60);
    expectDecodedMatches(charging.source, chargingFrames);
  });

  it('runs on the wall clock: simulated time at the chosen acceleration while playing, the frame clock at ×1 while paused', async () => {
    let now = 0;
    let pump: (() => void) | null = null;
    const source = createSimSource({
      scenario: 'commute',
      acceleration: 10,
      realtime: {
        now: () => now,
        setInterval: (fn) => ((pump = fn), 1),
        clearInterval: () => (pump = null),
      },
    });
    const log = new FrameLog();
    await source.start(log);
    const tick = (ms: number) => {
      now += ms;
      pump!();
    };
    tick(100);
    expect(source.status()).toMatchObject({ simTimeS: 1, busTimeS: 1 });
    source.pause();
    tick(100);
    expect(source.status()).toMatchObject({ simTimeS: 1, busTimeS: 1.1 });
    source.play();
    tick(100);
    expect(source.status()).toMatchObject({ simTimeS: 2, busTimeS: 2.1 });
    expect(log.take().at(-1)!.t).toBeCloseTo(2.1, 9);
    await source.stop();
    expect(pump).toBeNull();
  });

  it('sends every mapped message at its DBC cycle time, in time order, on a clock that never goes back', async () => {
    const { source, log } = await started({ scenario: 'commute' });
    log.take();
    run(source, 10_000, 37);
    const frames = log.take();
    const counts = new Map<number, number>();
    for (const f of frames) counts.set(f.id, (counts.get(f.id) ?? 0) + 1);
    for (const slot of source.mapping.dbc2vss.map((r) => r.message)) {
      const cycle = slot.cycleTimeMs ?? DEFAULT_CYCLE_MS;
      // Frames at (0, 10 s]; one per cycle (every mapped page is one frame here).
      expect(counts.get(slot.id), slot.name).toBe(10_000 / cycle);
    }
    expect(counts.get(256)).toBe(500);
    for (let i = 1; i < frames.length; i++) expect(frames[i].t).toBeGreaterThanOrEqual(frames[i - 1].t);
    expect(frames.at(-1)!.t).toBeCloseTo(10, 9);
    const fd = frames.find((f) => f.id === 960)!;
    expect(fd.data.length).toBe(16);
    expect(fd.flags & 1).toBe(1);
  });

  it('the write path: a seat, mirror and climate command moves the actuators, and the read-back shows it', async () => {
    const { source, log } = await started();
    await source.send(commandFrame(source, { 'Vehicle.Cabin.Seat.Row1.DriverSide.Position': 200 }));
    await source.send(commandFrame(source, { 'Vehicle.Body.Mirrors.DriverSide.Tilt': 40 }));
    await source.send(commandFrame(source, { 'Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature': 25 }));
    log.take();
    run(source, 1000);
    const moving = decodeLatest(source, log.take());
    expect(moving['Vehicle.Cabin.Seat.Row1.DriverSide.Position']).toBeGreaterThan(120);
    expect(moving['Vehicle.Cabin.Seat.Row1.DriverSide.Position']).toBeLessThan(200);
    expect(moving['Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature']).toBe(25);
    run(source, 6000);
    const done = decodeLatest(source, log.take());
    expect(done).toMatchObject({
      'Vehicle.Cabin.Seat.Row1.DriverSide.Position': 200,
      'Vehicle.Body.Mirrors.DriverSide.Tilt': 40,
      'Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature': 25,
      // Fields left at their no-request value do not move.
      'Vehicle.Cabin.Seat.Row1.DriverSide.Height': 30,
      'Vehicle.Body.Mirrors.PassengerSide.Tilt': 0,
    });
    expect(source.status().counters).toMatchObject({ commands: 3, commandsRefused: 0 });
  });

  it('refuses frames that are not allowlisted commands, with a one-line reason', async () => {
    const { source } = await started();
    const status = { t: 0, bus: 'can0', id: 256, extended: false, flags: 0, data: new Uint8Array(8) };
    await expect(source.send(status)).rejects.toThrow(/^100: VCU_Drive is not on the writable allowlist \(HU_SeatCmd, /);
    await expect(source.send({ ...status, id: 0x7ff })).rejects.toThrow("7FF: id is not in cabin-ev's DBC");
    await expect(source.send({ ...status, bus: 'can1' })).rejects.toThrow('no bus "can1"');
    const seat = commandFrame(source, { 'Vehicle.Cabin.Seat.Row1.DriverSide.Position': 200 });
    await expect(source.send({ ...seat, data: seat.data.subarray(0, 3) })).rejects.toThrow('HU_SeatCmd needs 8 bytes, the frame has 3');
    // A value the seat cannot reach: the vehicle says why.
    const tooFar = { ...seat, data: encodeMessage(source.db.messages.find((m) => m.name === 'HU_SeatCmd')!, { SeatPositionReq: 900, SeatHeightReq: 255, SeatReclineReq: 63.75 }) };
    await expect(source.send(tooFar)).rejects.toThrow(/HU_SeatCmd: .*900 is outside 0\.\.260/);
    expect(source.status().counters.commandsRefused).toBe(5);
    expect(source.signals()['Vehicle.Cabin.Seat.Row1.DriverSide.Position']).toBe(120);
  });

  it('validates overrides and applies the valid ones', async () => {
    const { source, log } = await started();
    expect(source.override({ soc: 140 })).toEqual({ ok: false, error: expect.stringMatching(/^soc 140 refused: .*100/) });
    expect(source.override({ speed: -5 })).toEqual({ ok: false, error: expect.stringMatching(/^speed -5 refused/) });
    expect(source.override({ location: { lat: 95, lon: 10 } })).toEqual({ ok: false, error: expect.stringMatching(/^location\.lat 95 refused/) });
    expect(source.override({ gear: 'X' as never })).toEqual({ ok: false, error: expect.stringMatching(/^gear "X" refused/) });
    expect(source.override({ lights: 'dim' as never }).ok).toBe(false);
    expect(source.override({ driver: { id: '' } })).toEqual({ ok: false, error: expect.stringMatching(/^driver\.id "" refused/) });
    expect(source.override({ speed: 50 })).toEqual({ ok: false, error: 'speed 50 km/h refused: the car is in P; select D or R first' });
    expect(source.setAcceleration(61)).toEqual({ ok: false, error: expect.stringContaining('×1 to ×60') });
    expect(source.status().overrides).toEqual([]);

    expect(source.override({ soc: 40 })).toEqual({ ok: true });
    expect(source.override({ location: { lat: 31.2304, lon: 121.4737 } })).toEqual({ ok: true });
    expect(source.override({ lights: 'on' })).toEqual({ ok: true });
    expect(source.override({ driver: { id: 'driver-wang' } })).toEqual({ ok: true });
    expect(source.override({ gear: 'D' })).toEqual({ ok: true });
    expect(source.override({ speed: 30 })).toEqual({ ok: true });
    expect(source.setAcceleration(10)).toEqual({ ok: true });
    log.take();
    run(source, 5000);
    const decoded = decodeLatest(source, log.take());
    expect(decoded['Vehicle.Powertrain.TractionBattery.StateOfCharge.Current']).toBeCloseTo(40, 0);
    expect(decoded['Vehicle.Body.Lights.Beam.Low.IsOn']).toBe(true);
    expect(decoded['Vehicle.Private.CabinIVI.KeyFob.Id']).toBe(keyFobIdFor('driver-wang'));
    expect(decoded['Vehicle.Powertrain.Transmission.SelectedGear']).toBe(127);
    expect(decoded['Vehicle.Speed']).toBeGreaterThan(10);
    expect(decoded['Vehicle.CurrentLocation.Latitude']).not.toBeCloseTo(23.135, 2);
    const status = source.status();
    expect(status.overrides.map((o) => o.override)).toEqual([
      { soc: 40 },
      { location: { lat: 31.2304, lon: 121.4737 } },
      { lights: 'on' },
      { driver: { id: 'driver-wang', keyFob: keyFobIdFor('driver-wang') } },
      { gear: 'D' },
      { speed: 30 },
    ]);
    expect(status.acceleration).toBe(10);
    expect(JSON.parse(JSON.stringify(status))).toEqual(status);
  });

  it('refuses a location override on a route', async () => {
    const { source } = await started({ scenario: 'commute' });
    expect(source.override({ location: { lat: 23.1, lon: 113.3 } })).toEqual({ ok: false, error: expect.stringContaining('follows route guangzhou-tianhe-zhujiang') });
  });

  it('seek re-runs deterministically: the same state as running there, forwards and backwards', async () => {
    const a = await started({ scenario: 'highway-low-battery' });
    run(a.source, 150_000, 50);
    const b = await started({ scenario: 'highway-low-battery' });
    expect(b.source.seek(150)).toEqual({ ok: true });
    expect(b.source.signals()).toEqual(a.source.signals());
    expect(b.source.status().simTimeS).toBe(150);
    expect(a.source.seek(150)).toEqual({ ok: true });
    expect(a.source.signals()).toEqual(b.source.signals());
    expect(b.source.seek(20)).toEqual({ ok: true });
    const c = await started({ scenario: 'highway-low-battery' });
    run(c.source, 20_000, 50);
    expect(b.source.signals()).toEqual(c.source.signals());
    expect(b.source.seek(-1).ok).toBe(false);
    expect(b.source.seek(1e9)).toEqual({ ok: false, error: expect.stringContaining('from 0 to') });
  });

  it('pause stands the car still while frames keep flowing with a rising clock; the end of a scenario pauses it', async () => {
    const { source, log } = await started({ scenario: 'commute' });
    run(source, 30_000);
    expect(source.pause()).toEqual({ ok: true });
    const before = source.signals();
    const t0 = source.status().simTimeS;
    log.take();
    run(source, 2000);
    const frames = log.take();
    expect(frames.length).toBeGreaterThan(300);
    expect(frames.at(-1)!.t - frames[0].t).toBeGreaterThan(1.9);
    expect(source.status()).toMatchObject({ playing: false, simTimeS: t0 });
    expect(source.signals()).toEqual(before);
    expect(source.play()).toEqual({ ok: true });
    const duration = source.status().durationS!;
    expect(source.seek(duration - 1)).toEqual({ ok: true });
    run(source, 3000);
    expect(source.status()).toMatchObject({ playing: false, ended: true, simTimeS: duration });
    expect(source.play().ok).toBe(false);
    expect(source.seek(0)).toEqual({ ok: true });
    expect(source.play()).toEqual({ ok: true });
  });

  it('tells status listeners about changes, and stop() ends the emission', async () => {
    const { source, log } = await started({ scenario: 'commute', autoplay: false });
    expect(source.status().playing).toBe(false);
    const seen: boolean[] = [];
    const off = source.onStatus((s) => seen.push(s.playing));
    source.play();
    source.pause();
    off();
    source.play();
    expect(seen).toEqual([true, false]);
    await source.stop();
    log.take();
    run(source, 1000);
    expect(log.take()).toEqual([]);
  });

  it('refuses a vehicle or scenario it cannot load, with the location', () => {
    expect(() => createSimSource({ scenario: 'no-such-scenario' })).toThrow(/no scenario "no-such-scenario"/);
    expect(() => createSimSource({ vehicle: 'hyundai-2015' })).toThrow(/hyundai-2015\/vehicle\.json: battery: /);
    expect(() => createSimSource({ acceleration: 0 })).toThrow(/×1 to ×60/);
  });

  it('random frames on the write path and random control input never crash it; the car keeps talking', async () => {
    const { source, log } = await started({ scenario: 'commute', onGatewayFault: () => undefined });
    const ids = [...source.db.messages.map((m) => m.id), 0, 0x7ff, 0x1fffffff];
    const frame = fc.record({
      t: fc.double({ noNaN: true }),
      bus: fc.constantFrom('can0', 'can1', ''),
      id: fc.oneof(fc.constantFrom(...ids), fc.integer({ min: 0, max: 0x1fffffff })),
      extended: fc.boolean(),
      flags: fc.integer({ min: 0, max: 31 }),
      data: fc.uint8Array({ minLength: 0, maxLength: 64 }),
    });
    const anything = fc.oneof(fc.double(), fc.integer(), fc.string(), fc.constant(undefined), fc.constant(null), fc.boolean());
    await fc.assert(
      fc.asyncProperty(frame, anything, anything, fc.nat(9), async (f, a, b, which) => {
        await source.send(f).catch((error: unknown) => {
          expect(error).toBeInstanceOf(Error);
          expect((error as Error).message).not.toContain('\n');
        });
        const controls = [
          () => source.override({ speed: a } as never),
          () => source.override({ gear: a } as never),
          () => source.override({ soc: a, location: b } as never),
          () => source.override({ location: { lat: a, lon: b } } as never),
          () => source.override(a as never),
          () => source.override({ driver: { id: a, keyFob: b } } as never),
          () => source.setAcceleration(a as number),
          () => source.seek(typeof a === 'number' ? Math.abs(a) % 60 : (a as unknown as number)),
          () => source.injectFault({ kind: 'frame-loss', percent: a, bus: b }),
          () => source.injectFault(a),
        ];
        const r = controls[which]();
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.error).not.toContain('\n');
        source.clearFaults();
        source.advance(20);
      }),
      { numRuns: 300, seed: 11 },
    );
    source.clearFaults();
    log.take();
    run(source, 1000);
    expect(new Set(log.take().map((f) => f.id)).size).toBe(15);
  });
});
