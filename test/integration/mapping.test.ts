// The shipped vehicle mappings validate, and the Hyundai drive log flows DBC → VSS through the real parser, decoder and mapping.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDbc } from '../../shared/can/dbcParser';
import { compileDbc } from '../../shared/can/dbcCompile';
import { encodeMessage } from '../../shared/can/dbcEncode';
import { outputToRecord } from '../../shared/can/decodeOutput';
import { formatDiagnostic, messageKey } from '../../shared/can/dbcModel';
import { parseCandumpLine } from '../../shared/can/candump';
import { loadMapping } from '../../shared/vehicle/mapping';
import { createDbcToVss, createVssToDbc, type VssUpdate } from '../../shared/vehicle/mappingRuntime';
import { createVssToStatus } from '../../shared/vehicle/statusEncoder';
import { createCommandDecoder } from '../../shared/vehicle/commandDecoder';
import { vssSignal } from '../../shared/vehicle/catalog';
import { isIntegerType, type VssValue } from '../../shared/vehicle/vssValue';
import type { Dbc2VssRule } from '../../shared/vehicle/mapping';
import { corpusPath, projectRoot } from '../fixtures/corpus';

const asset = (...p: string[]) => resolve(projectRoot, 'assets', 'vehicles', ...p);

function loadVehicle(dbcFile: string, mappingFile: string) {
  const parsed = parseDbc(readFileSync(dbcFile, 'utf8'), dbcFile);
  expect(parsed.errors.map(formatDiagnostic)).toEqual([]);
  const loaded = loadMapping(readFileSync(mappingFile, 'utf8'), mappingFile, parsed.db);
  return { db: parsed.db, ...loaded };
}

describe('cabin-ev mapping', () => {
  const v = loadVehicle(asset('cabin-ev', 'cabin-ev.dbc'), asset('cabin-ev', 'mapping.yaml'));

  it('validates with no errors and no warnings, covering what the Home screen needs', () => {
    expect(v.errors.map(formatDiagnostic)).toEqual([]);
    expect(v.warnings.map(formatDiagnostic)).toEqual([]);
    const paths = new Set(v.mapping.dbc2vss.map((r) => r.path));
    for (const p of [
      'Vehicle.Speed',
      'Vehicle.Powertrain.Transmission.SelectedGear',
      'Vehicle.Powertrain.TractionBattery.StateOfCharge.Current',
      'Vehicle.Powertrain.Range',
      'Vehicle.Powertrain.TractionBattery.Temperature.Average',
      'Vehicle.Private.CabinIVI.Charging.State',
      'Vehicle.Private.CabinIVI.Charging.Power',
      'Vehicle.Private.CabinIVI.Battery.InstalledPackId',
      'Vehicle.Private.CabinIVI.KeyFob.Id',
      'Vehicle.Body.Lights.Beam.Low.IsOn',
      'Vehicle.CurrentLocation.Latitude',
    ]) {
      expect(paths, p).toContain(p);
    }
    expect([...v.mapping.writable].sort()).toEqual(['HU_BodyCmd', 'HU_ClimateCmd', 'HU_DriveCmd', 'HU_MirrorCmd', 'HU_SeatCmd']);
  });

  it('every writable actuator encodes to a command frame that decodes back to the same value', () => {
    const compiled = compileDbc(v.db, { raw: true });
    const out = compiled.createOutput();
    const writer = createVssToDbc(v.mapping);
    const sample = (path: string): VssValue => {
      const s = vssSignal(path)!;
      if (s.datatype === 'boolean') return true;
      if (s.allowed) return s.allowed[1];
      return path.includes('Mirrors') ? -35 : path.includes('Recline') ? 12.5 : path.includes('Temperature') ? 22 : 3;
    };
    expect(writer.writablePaths.length).toBe(18);
    for (const path of writer.writablePaths) {
      const r = writer.encode(path, sample(path));
      expect(r.ok, `${path}: ${r.ok ? '' : r.error}`).toBe(true);
      if (!r.ok) continue;
      const payload = encodeMessage(r.value.message, r.value.signals);
      compiled.lookup(r.value.message.id, false)!.decode(payload, out);
      const back = outputToRecord(r.value.message, out);
      const rule = v.mapping.vss2dbc.get(path)!;
      expect(back[rule.signal.name], path).toBeCloseTo(r.value.signals[rule.signal.name] as number, 9);
      // Fields this request does not touch carry their "no request" code.
      for (const other of r.value.message.signals) {
        if (other.name === rule.signal.name || /Counter/.test(other.name)) continue;
        expect(other.choices?.get(Number(back[other.name])) ?? other.attributes.get('GenSigStartValue'), `${path} → ${other.name}`).toBeDefined();
      }
    }
    const status = writer.encode('Vehicle.Speed', 10);
    expect(status.ok).toBe(false);
  });

  it('the simulator side reads each command frame back as exactly the requested targets', () => {
    const compiled = compileDbc(v.db);
    const out = compiled.createOutput();
    const writer = createVssToDbc(v.mapping);
    const commands = createCommandDecoder(v.mapping);
    expect(commands.messageKeys).toHaveLength(5);
    const targets: Record<string, VssValue> = {
      'Vehicle.Cabin.Seat.Row1.DriverSide.Position': 212,
      'Vehicle.Cabin.Seat.Row1.DriverSide.Backrest.Recline': 17.25,
      'Vehicle.Body.Mirrors.PassengerSide.Pan': -60,
      'Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature': 23,
      'Vehicle.Cabin.HVAC.IsAirConditioningActive': false,
      'Vehicle.Powertrain.Transmission.PerformanceMode': 'SPORT',
      'Vehicle.Private.CabinIVI.Drive.RegenLevel': 0,
      'Vehicle.Body.Lights.Beam.Low.IsOn': true,
      'Vehicle.Powertrain.TractionBattery.Charging.ChargeLimit': 80,
    };
    const r = writer.encodeMany(targets);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toHaveLength(5);
    const got: Record<string, VssValue> = {};
    for (const w of r.value) {
      compiled.lookup(w.message.id, false)!.decode(encodeMessage(w.message, w.signals), out);
      const res = commands.onDecoded(messageKey(w.message.id, false), out);
      expect(res.rejected).toEqual([]);
      for (const t of res.targets) got[t.path] = t.target;
    }
    expect(got).toEqual(targets);
  });
});

describe('cabin-ev status frames (the simulator side) round-trip through the mapping', () => {
  const v = loadVehicle(asset('cabin-ev', 'cabin-ev.dbc'), asset('cabin-ev', 'mapping.yaml'));

  it('VSS values → status frames → decoder → dbc2vss gives the same values back', () => {
    const truth: Record<string, VssValue> = {
      'Vehicle.Speed': 87.25,
      'Vehicle.TraveledDistance': 12345.6,
      'Vehicle.CurrentLocation.Latitude': 23.1291234,
      'Vehicle.CurrentLocation.Longitude': 113.2643876,
      'Vehicle.CurrentLocation.Heading': 271.5,
      'Vehicle.Powertrain.Transmission.SelectedGear': 127,
      'Vehicle.Powertrain.Transmission.PerformanceMode': 'ECONOMY',
      'Vehicle.Private.CabinIVI.Drive.RegenLevel': 2,
      'Vehicle.Powertrain.TractionBattery.StateOfCharge.Current': 63.4,
      'Vehicle.Powertrain.Range': 281000,
      'Vehicle.Powertrain.TractionBattery.CurrentVoltage': 389.7,
      'Vehicle.Powertrain.TractionBattery.CurrentCurrent': -120.5,
      'Vehicle.Powertrain.TractionBattery.Temperature.Average': 31,
      'Vehicle.Private.CabinIVI.Battery.InstalledPackId': 26000417,
      'Vehicle.Private.CabinIVI.Battery.SwapStandard': 'GBT_40032',
      'Vehicle.Private.CabinIVI.Charging.State': 'CHARGING',
      'Vehicle.Private.CabinIVI.Charging.Power': 118.3,
      'Vehicle.Private.CabinIVI.Charging.ActiveInletType': 'GBT_DC',
      'Vehicle.Powertrain.TractionBattery.Charging.IsCharging': true,
      'Vehicle.Body.Lights.Beam.Low.IsOn': true,
      'Vehicle.Private.CabinIVI.KeyFob.Id': 3735928559,
      'Vehicle.Body.Mirrors.DriverSide.Tilt': -35,
      'Vehicle.Cabin.Seat.Row1.DriverSide.Backrest.Recline': 12.5,
      'Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature': 22,
      'Vehicle.Private.CabinIVI.LowVoltageBattery.StateOfCharge': 88,
    };
    const status = createVssToStatus(v.mapping);
    expect(status.unsupported).toEqual([]);
    expect(status.messages.some((m) => m.name.startsWith('HU_'))).toBe(false);
    const compiled = compileDbc(v.db);
    const out = compiled.createOutput();
    const rt = createDbcToVss(v.mapping);
    const updates: VssUpdate[] = [];
    for (const message of status.messages) {
      for (const frame of status.framesFor(message, (p) => truth[p])) {
        const payload = encodeMessage(frame.message, frame.signals);
        compiled.lookup(message.id, message.extended)!.decode(payload, out);
        rt.onDecoded(messageKey(message.id, message.extended), out, 0, updates);
      }
    }
    const got = Object.fromEntries(updates.map((u) => [u.path, u.value]));
    for (const [path, want] of Object.entries(truth)) {
      if (typeof want === 'number') expect(got[path], path).toBeCloseTo(want, 1);
      else expect(got[path], path).toBe(want);
    }
    expect(got['Vehicle.Powertrain.Transmission.CurrentGear']).toBe(1);
  });
});

/** A VSS value the rule can produce, drawn from the DBC side (so it is exactly representable). */
function vssValueArb(rule: Dbc2VssRule): fc.Arbitrary<VssValue> {
  const s = rule.signal;
  const t = rule.transform;
  if (t.kind === 'mapping') {
    const targets = [...t.table.values()].filter((v): v is VssValue => v !== null);
    return fc.constantFrom(...targets);
  }
  if (rule.vss.datatype === 'string') return fc.constantFrom(...rule.choices!.values());
  if (rule.vss.datatype === 'boolean') return fc.boolean();
  const lo = Math.ceil(((s.minimum ?? s.offset) - s.offset) / s.scale);
  const hi = Math.floor(((s.maximum ?? s.offset + s.scale * (2 ** Math.min(s.length, 32) - 1)) - s.offset) / s.scale);
  return fc.integer({ min: lo, max: hi }).map((raw) => {
    const physical = raw * s.scale + s.offset;
    const y = t.kind === 'math' ? t.fn(physical) : physical;
    return isIntegerType(rule.vss.datatype) ? Math.round(y) : y;
  });
}

describe('cabin-ev status frames: property round trip over every mapped path', () => {
  const v = loadVehicle(asset('cabin-ev', 'cabin-ev.dbc'), asset('cabin-ev', 'mapping.yaml'));
  const status = createVssToStatus(v.mapping);
  const compiled = compileDbc(v.db);
  const out = compiled.createOutput();
  // The rule that drives each signal (the first one in the file reading it).
  const drivers = new Map<string, Dbc2VssRule>();
  for (const rule of v.mapping.dbc2vss) {
    const key = `${rule.message.name}.${rule.signal.name}`;
    if (!drivers.has(key)) drivers.set(key, rule);
  }
  const rules = [...drivers.values()];

  it('random VSS values → framesFor → encode → decode → dbc2vss reproduces them', () => {
    fc.assert(
      fc.property(fc.tuple(...rules.map(vssValueArb)), (values) => {
        const truth = new Map(rules.map((r, i) => [r.path, values[i]]));
        const rt = createDbcToVss(v.mapping);
        const updates: VssUpdate[] = [];
        for (const message of status.messages) {
          for (const frame of status.framesFor(message, (p) => truth.get(p))) {
            compiled.lookup(message.id, message.extended)!.decode(encodeMessage(frame.message, frame.signals), out);
            rt.onDecoded(messageKey(message.id, message.extended), out, 0, updates);
          }
        }
        const got = new Map(updates.map((u) => [u.path, u.value]));
        for (const [path, want] of truth) {
          if (typeof want === 'number') expect(got.get(path) as number, path).toBeCloseTo(want, 6);
          else expect(got.get(path), path).toBe(want);
        }
      }),
      { numRuns: 200 },
    );
  });
});

const hyundaiDbc = corpusPath('dbc', 'hyundai_2015_ccan.dbc');
const hyundaiLog = corpusPath('can', 'candump', 'hyundai_2015_ccan_drive.log');

describe.skipIf(!hyundaiDbc || !hyundaiLog)('hyundai-2015 mapping on the real DBC and drive log', () => {
  it('validates against the corpus DBC with zero errors', () => {
    const v = loadVehicle(hyundaiDbc!, asset('hyundai-2015', 'mapping.yaml'));
    expect(v.errors.map(formatDiagnostic)).toEqual([]);
    expect(v.warnings.map(formatDiagnostic)).toEqual([]);
    expect(v.mapping.writable.size).toBe(0);
  });

  it('replays the drive log into VSS: speed rises to ~100 km/h and back to 0; gear and 12 V present', () => {
    const v = loadVehicle(hyundaiDbc!, asset('hyundai-2015', 'mapping.yaml'));
    const compiled = compileDbc(v.db);
    const decoded = compiled.createOutput();
    const rt = createDbcToVss(v.mapping);
    const wanted = new Set(rt.messageKeys);
    const updates: VssUpdate[] = [];
    let malformed = 0;
    let lastT = 0;
    for (const line of readFileSync(hyundaiLog!, 'utf8').split('\n')) {
      const r = parseCandumpLine(line);
      if (r === null) continue;
      if (!r.ok) {
        malformed++;
        continue;
      }
      const { frame } = r;
      const key = messageKey(frame.id, frame.extended);
      if (!wanted.has(key)) continue;
      const compiledMessage = compiled.lookup(frame.id, frame.extended);
      if (!compiledMessage) continue;
      compiledMessage.decode(frame.data, decoded);
      lastT = frame.t * 1000;
      rt.onDecoded(key, decoded, lastT, updates);
    }
    expect(malformed).toBe(0);
    expect(rt.counters).toEqual({ unmapped: 0, invalid: 0 });

    const series = (path: string) => updates.filter((u) => u.path === path).map((u) => u.value as number);
    const speed = series('Vehicle.Speed');
    expect(speed.length).toBeGreaterThan(500); // 50 ms throttle over 60 s
    expect(speed[0]).toBeLessThan(1);
    expect(Math.max(...speed)).toBeGreaterThan(95);
    expect(Math.max(...speed)).toBeLessThan(110);
    expect(speed[speed.length - 1]).toBeLessThan(1);

    const gears = series('Vehicle.Powertrain.Transmission.CurrentGear');
    expect(gears.length).toBeGreaterThan(2);
    expect(Math.max(...gears)).toBeGreaterThanOrEqual(4);
    expect(new Set(series('Vehicle.Powertrain.Transmission.SelectedGear'))).toContain(127);

    const volts = series('Vehicle.LowVoltageBattery.CurrentVoltage');
    expect(volts.length).toBeGreaterThan(0);
    expect(Math.min(...volts)).toBeGreaterThan(10);
    expect(Math.max(...volts)).toBeLessThan(16);
    const soc = series('Vehicle.Private.CabinIVI.LowVoltageBattery.StateOfCharge');
    expect(soc[0]).toBeGreaterThanOrEqual(80);
    expect(soc[soc.length - 1]).toBeLessThanOrEqual(79);
    expect(series('Vehicle.TraveledDistance').length).toBeGreaterThan(0);

    // The log ends: after the 1 s default (no GenMsgCycleTime in this DBC) speed is stale; the slow
    // messages follow after their stale_after_ms.
    expect(rt.takeNewlyStale(lastT + 500)).toEqual([]);
    expect(rt.takeNewlyStale(lastT + 1100)).toContain('Vehicle.Speed');
    const stale = rt.takeNewlyStale(lastT + 3500);
    expect(stale).toEqual(expect.arrayContaining(['Vehicle.TraveledDistance', 'Vehicle.LowVoltageBattery.CurrentVoltage']));
    expect(stale).not.toContain('Vehicle.Speed'); // reported once
    expect(stale).not.toContain('Vehicle.Body.Lights.Beam.Low.IsOn'); // never seen: unavailable, not stale
  });
});
