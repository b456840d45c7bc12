import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { formatDiagnostic } from '../can/dbcModel';
import { loadMapping, DEFAULT_STALE_MS } from './mapping';
import { positionOf, testDb } from '../../test/fixtures/testDbc';

const db = testDb();
const load = (text: string) => loadMapping(text, 'm.yaml', db);

const VALID = `version: 1
vehicle: test
writable: [SEAT_CMD]
signals:
  Vehicle.Speed:
    dbc2vss:
      signal: Speed
      interval_ms: 100
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
    dbc2vss: { signal: Temp, transform: { math: "floor(x * 2) / 2" } }
  Vehicle.Body.Lights.Beam.Low.IsOn:
    dbc2vss: { signal: Flag }
  Vehicle.Cabin.Seat.Row1.DriverSide.Position:
    dbc2vss: { signal: SEAT_STATUS.SeatPos }
    vss2dbc: { signal: SeatPosReq }
  Vehicle.Powertrain.Transmission.PerformanceMode:
    vss2dbc: { signal: ModeReq }
`;

/** Loads `text`, expects exactly one error, and that it is at the `nth` occurrence of `needle` (+shift). */
function expectOneErrorAt(text: string, needle: string, message: RegExp, nth = 0, shift = 0) {
  const r = load(text);
  expect(r.errors.map(formatDiagnostic)).toHaveLength(1);
  const e = r.errors[0];
  expect(e.message).toMatch(message);
  expect({ line: e.line, column: e.column }).toEqual(positionOf(text, needle, nth, shift));
  expect(formatDiagnostic(e)).toMatch(/^m\.yaml:\d+:\d+: /);
  return r;
}

describe('loadMapping', () => {
  it('accepts a valid mapping with zero errors and compiles every rule', () => {
    const r = load(VALID);
    expect(r.errors).toEqual([]);
    expect(r.mapping.vehicle).toBe('test');
    expect(r.mapping.dbc2vss.map((x) => x.path)).toEqual([
      'Vehicle.Speed',
      'Vehicle.Powertrain.Transmission.SelectedGear',
      'Vehicle.Exterior.AirTemperature',
      'Vehicle.Body.Lights.Beam.Low.IsOn',
      'Vehicle.Cabin.Seat.Row1.DriverSide.Position',
    ]);
    expect([...r.mapping.vss2dbc.keys()]).toEqual([
      'Vehicle.Cabin.Seat.Row1.DriverSide.Position',
      'Vehicle.Powertrain.Transmission.PerformanceMode',
    ]);
    const speed = r.mapping.dbc2vss[0];
    expect(speed.intervalMs).toBe(100);
    expect(speed.staleAfterMs).toBe(500); // 3 × 100 ms, raised to the 500 ms floor
    expect(r.mapping.dbc2vss[4].staleAfterMs).toBe(DEFAULT_STALE_MS); // SEAT_STATUS has no cycle time
    // ModeReq has no VAL_ for SNOW/RAIN: writable, but those values will be refused.
    expect(r.warnings.map((w) => w.message).join('\n')).toMatch(/SNOW, RAIN/);
  });

  it('locates an unknown DBC signal at its name', () => {
    const text = VALID.replace('signal: Speed', 'signal: Sped');
    expectOneErrorAt(text, 'Sped', /unknown DBC signal "Sped"/);
  });

  it('locates an unknown message or signal in MESSAGE.SIGNAL form', () => {
    expectOneErrorAt(VALID.replace('SEAT_STATUS.SeatPos', 'SEAT_STAT.SeatPos'), 'SEAT_STAT.', /unknown DBC message "SEAT_STAT"/);
    expectOneErrorAt(VALID.replace('SEAT_STATUS.SeatPos', 'SEAT_STATUS.SeatPoz'), 'SEAT_STATUS.SeatPoz', /unknown DBC signal "SeatPoz" in message SEAT_STATUS/);
  });

  it('refuses an ambiguous bare signal name', () => {
    const text = VALID.replace('signal: Speed', 'signal: Counter');
    expectOneErrorAt(text, 'Counter', /ambiguous: it is in VCU_Status, VCU_Other/);
  });

  it('locates an unknown VSS path at its key', () => {
    const text = VALID.replace('  Vehicle.Speed:', '  Vehicle.Sped:');
    const r = expectOneErrorAt(text, 'Vehicle.Sped', /unknown VSS path "Vehicle.Sped"/);
    expect(r.mapping.dbc2vss).toHaveLength(4); // the valid rest still loads
  });

  it('reports a type mismatch: string path from a numeric signal without VAL_', () => {
    const text = `${VALID}  Vehicle.Private.CabinIVI.Charging.State:\n    dbc2vss: { signal: VCU_Other.Level }\n`;
    expectOneErrorAt(text, 'VCU_Other.Level', /type mismatch: .*VSS string .* no VAL_/);
  });

  it('reports a type mismatch: boolean from a multi-bit signal, and a mapping target of the wrong type', () => {
    const text1 = VALID.replace('dbc2vss: { signal: Flag }', 'dbc2vss: { signal: Temp }');
    expectOneErrorAt(text1, 'signal: Temp }', /type mismatch: .*boolean.*8 bits/, 0, 8);
    const text2 = VALID.replace('{ from: R, to: -1 }', '{ from: R, to: "reverse" }');
    expectOneErrorAt(text2, '"reverse"', /type mismatch: .*SelectedGear is int8/);
  });

  it('reports unmapped enum values: VAL_ text not allowed, VAL_ not covered, unknown VAL_ text', () => {
    const text1 = `${VALID}  Vehicle.Powertrain.Transmission.PerformanceMode:\n    dbc2vss: { signal: Mode }\n`;
    const r1 = load(text1);
    // The duplicate key is a YAML error; use a fresh file for the enum check instead.
    expect(r1.errors[0].message).toMatch(/unique/);
    const text2 = VALID.replace(
      '  Vehicle.Powertrain.Transmission.PerformanceMode:\n    vss2dbc: { signal: ModeReq }\n',
      '  Vehicle.Powertrain.Transmission.PerformanceMode:\n    dbc2vss: { signal: Mode }\n',
    );
    expectOneErrorAt(text2, 'signal: Mode }', /unmapped enum value: VAL_ 2 "ECO" .* not an allowed value/, 0, 8);
    const text3 = VALID.replace('          - { from: SNA, to: null }\n', '');
    expectOneErrorAt(text3, '- { from: P', /unmapped enum value: VAL_ 7 "SNA" .* no entry/, 0, 0);
    const text4 = VALID.replace('{ from: D, to: 127 }', '{ from: DRIVE, to: 127 }');
    expectOneErrorAt(text4, 'DRIVE', /"DRIVE" is not a VAL_ text of DBC signal Gear/);
  });

  it('locates a math syntax error inside the expression', () => {
    const text = VALID.replace('"floor(x * 2) / 2"', '"floor(x * ) / 2"');
    // offset 10 in the expression is the ")"; +1 for the opening quote
    expectOneErrorAt(text, '"floor(x * ) / 2"', /syntax error in math transform: expected a number/, 0, 11);
    const plain = VALID.replace('{ math: "floor(x * 2) / 2" }', '{ math: floor(x * 2) $ 2 }');
    expectOneErrorAt(plain, '$', /unexpected character "\$"/);
  });

  it('locates shape errors (zod) at the offending node or key', () => {
    expectOneErrorAt(VALID.replace('interval_ms: 100', 'interval_ms: fast'), 'fast', /interval_ms/);
    expectOneErrorAt(VALID.replace('interval_ms: 100', 'intervall_ms: 100'), 'intervall_ms', /unknown key "intervall_ms"/);
    expectOneErrorAt(VALID.replace('version: 1', 'version: 2'), '2', /version/);
    expectOneErrorAt(
      VALID.replace('{ math: "floor(x * 2) / 2" }', '{ math: "x", mapping: [{ from: 1, to: 2 }] }'),
      '{ math: "x"',
      /exactly one of "mapping" or "math"/,
    );
  });

  it('refuses writes to sensors and to messages not on the writable list', () => {
    const sensor = `${VALID}  Vehicle.Powertrain.TractionBattery.StateOfCharge.Current:\n    vss2dbc: { signal: SeatHeightReq }\n`;
    expectOneErrorAt(sensor, 'vss2dbc: { signal: SeatHeightReq', /is a VSS sensor: only actuators/);
    const notWritable = VALID.replace('writable: [SEAT_CMD]', 'writable: []');
    const r = load(notWritable);
    expect(r.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/SeatPosReq is in message SEAT_CMD, which is not in the writable list/),
      expect.stringMatching(/ModeReq is in message SEAT_CMD, which is not in the writable list/),
    ]);
    expectOneErrorAt(VALID.replace('writable: [SEAT_CMD]', 'writable: [SEAT_CMD, NOPE]'), 'NOPE', /unknown DBC message "NOPE"/);
  });

  it('reports YAML syntax errors with their position and never throws', () => {
    const r = load('version: 1\nsignals:\n  Vehicle.Speed: [\n');
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors[0].file).toBe('m.yaml');
    for (const junk of ['', '---', '- 1\n- 2', 'signals: 3', '\t\u0000', 'version: 1\nsignals:\n  Vehicle.Speed: 5\n']) {
      const res = load(junk);
      expect(res.errors.length).toBeGreaterThan(0);
      expect(res.mapping.dbc2vss).toEqual([]);
    }
  });
});

describe('loadMapping fuzz', () => {
  it('never throws on mutated mapping files, and every error is located inside the file', () => {
    const lines = VALID.split('\n').length;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(VALID.length), fc.nat(6), fc.string({ maxLength: 4 })), { minLength: 1, maxLength: 4 }),
        (edits) => {
          let text = VALID;
          for (const [at, del, ins] of edits) text = text.slice(0, at) + ins + text.slice(at + del);
          const r = load(text);
          for (const e of [...r.errors, ...r.warnings]) {
            expect(e.line).toBeGreaterThanOrEqual(1);
            expect(e.line).toBeLessThanOrEqual(lines + 4);
            expect(e.column).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses an alias bomb without expanding it', () => {
    const bomb = ['version: 1', 'a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`);
    bomb.push('signals: {}');
    const r = load(bomb.join('\n'));
    expect(r.errors.length).toBeGreaterThan(0);
  });
});
