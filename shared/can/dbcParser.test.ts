import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusDbcFiles, dbcDir, loadCorpusDbc, readVectorFile, vectorDir } from '../../bench/canCorpus';
import { formatDiagnostic } from './dbcModel';
import { parseDbc } from './dbcParser';
import { decodeDbcBytes, decodeDbcBytes as decodeDbcBytesWith } from './dbcText';

/** Messages and signals per file, from ../shared/dbc/README.md (as cantools counts them). */
const CORPUS_COUNTS: Record<string, [number, number]> = {
  'acura_ilx_2016_nidec.dbc': [36, 69],
  'tesla_can.dbc': [44, 572],
  'tesla_model3_vehicle.dbc': [11, 209],
  'toyota_prius_2010_pt.dbc': [26, 78],
  'toyota_nodsu_pt_generated.dbc': [60, 380],
  'hyundai_2015_ccan.dbc': [113, 1154],
  'hyundai_canfd_generated.dbc': [88, 761],
  'vw_mqb.dbc': [113, 1348],
  'vw_mlb.dbc': [145, 1442],
  'gm_global_a_high_voltage_management.dbc': [12, 125],
  'nissan_leaf_2018_generated.dbc': [20, 134],
  'ford_lincoln_base_pt.dbc': [331, 2150],
  'cantools_floating_point.dbc': [2, 3],
  'cantools_signed.dbc': [11, 18],
  'cantools_multiplex_2.dbc': [4, 19],
};

describe.skipIf(!dbcDir)('parseDbc on the real DBC corpus', () => {
  it('finds all 15 files', () => {
    expect(corpusDbcFiles).toEqual(Object.keys(CORPUS_COUNTS).sort());
  });

  it.each(Object.keys(CORPUS_COUNTS))('%s parses without errors, with the README counts', (file) => {
    const { db, errors } = loadCorpusDbc(file);
    expect(errors.map(formatDiagnostic)).toEqual([]);
    const [messages, signals] = CORPUS_COUNTS[file];
    expect(db.messages.length).toBe(messages);
    expect(db.messages.reduce((n, m) => n + m.signals.length, 0)).toBe(signals);
  });

  it.each([
    ['toyota_nodsu_pt_generated.dbc', 'PCS_HUD'],
    ['hyundai_canfd_generated.dbc', 'SCC_CONTROL'],
    ['vw_mqb.dbc', 'PLA_01'],
  ])('%s: overlapping signals in %s are a located warning', (file, message) => {
    const { warnings } = loadCorpusDbc(file);
    const overlap = warnings.find((w) => w.message.includes('overlap') && w.message.includes(message));
    expect(overlap).toBeDefined();
    expect(overlap!.file).toBe(file);
    expect(overlap!.line).toBeGreaterThan(1);
  });

  it('reads the CAN FD format, 64-byte frames and extended ids of ford_lincoln_base_pt', () => {
    const { db } = loadCorpusDbc('ford_lincoln_base_pt.dbc');
    expect(db.messages.every((m) => m.fd)).toBe(true);
    expect(db.messages.filter((m) => m.extended).length).toBe(49);
    expect(Math.max(...db.messages.map((m) => m.length))).toBe(64);
    expect(db.messages.some((m) => m.cycleTimeMs !== null)).toBe(true);
    expect(db.messages.flatMap((m) => m.signals).filter((s) => s.length > 52).length).toBe(46);
  });
});

interface DefsSignal {
  name: string;
  start: number;
  length: number;
  byte_order: string;
  signed: boolean;
  float: boolean;
  scale: number;
  offset: number;
  minimum: number | null;
  maximum: number | null;
  unit: string | null;
  receivers: string[];
  multiplexer: boolean;
  mux_signal: string | null;
  mux_ids: number[] | null;
  choices: Record<string, string> | null;
  comment: string | null;
}
interface DefsMessage {
  id: number;
  extended: boolean;
  name: string;
  length: number;
  is_fd: boolean;
  senders: string[];
  cycle_time: number | null;
  comment: string | null;
  signals: DefsSignal[];
}

const defsFiles = [
  'cantools_floating_point',
  'cantools_multiplex_2',
  'gm_global_a_high_voltage_management',
  'hyundai_2015_ccan',
  'hyundai_canfd_generated',
  'tesla_can',
  'toyota_prius_2010_pt',
  'vw_mqb',
];

// cantools reads DBC files as cp1252, so its non-ASCII texts of these UTF-8 files are mojibake: compare ASCII texts only.
const ascii = (s: string | null) => s === null || [...s].every((c) => c.charCodeAt(0) < 128);
const sameText = (ours: string | null, theirs: string | null) => !ascii(theirs) || ours === theirs;

describe.skipIf(!vectorDir || !dbcDir)('parseDbc against what cantools parsed (<name>.defs.json)', () => {
  it.each(defsFiles)('%s', (name) => {
    const defs = readVectorFile<{ messages: DefsMessage[] }>(`${name}.defs.json`);
    const { db } = loadCorpusDbc(`${name}.dbc`);
    expect(db.messages.length).toBe(defs.messages.length);
    const problems: string[] = [];
    for (const dm of defs.messages) {
      const m = db.messages.find((x) => x.id === dm.id && x.extended === dm.extended);
      if (!m) {
        problems.push(`missing message ${dm.name}`);
        continue;
      }
      const check = (what: string, ok: boolean) => ok || problems.push(`${dm.name}: ${what}`);
      check('name', m.name === dm.name);
      check('length', m.length === dm.length);
      // cantools only looks at VFrameFormat; Cabin also calls > 8-byte messages FD (hyundai_canfd has no VFrameFormat).
      check('fd', (m.frameFormat !== null && /_FD$/.test(m.frameFormat)) === dm.is_fd);
      check('senders', JSON.stringify(m.senders) === JSON.stringify(dm.senders));
      check('cycle time', m.cycleTimeMs === dm.cycle_time);
      check('comment', sameText(m.comment, dm.comment));
      check('signal count', m.signals.length === dm.signals.length);
      for (const ds of dm.signals) {
        const s = m.signals.find((x) => x.name === ds.name);
        if (!s) {
          problems.push(`${dm.name}: missing signal ${ds.name}`);
          continue;
        }
        const c = (what: string, ok: boolean) => ok || problems.push(`${dm.name}.${ds.name}: ${what}`);
        c('start', s.start === ds.start);
        c('length', s.length === ds.length);
        c('byte order', s.byteOrder === ds.byte_order);
        c('signed', s.signed === ds.signed);
        c('float', (s.valueType !== 'integer') === ds.float);
        c('scale', s.scale === ds.scale);
        c('offset', s.offset === ds.offset);
        // Cabin reads [0|0] as "unspecified" however it is spelled; cantools only when written "0|0".
        const unspecified = ds.minimum === 0 && ds.maximum === 0;
        c('minimum', unspecified ? s.minimum === null : s.minimum === ds.minimum);
        c('maximum', unspecified ? s.maximum === null : s.maximum === ds.maximum);
        c('unit', sameText(s.unit === '' ? null : s.unit, ds.unit));
        c('receivers', JSON.stringify(s.receivers) === JSON.stringify(ds.receivers));
        c('multiplexer', s.isMultiplexer === ds.multiplexer);
        c('mux signal', s.multiplexerSignal === ds.mux_signal);
        c('mux ids', JSON.stringify(s.multiplexerIds) === JSON.stringify(ds.mux_ids));
        const choices = s.choices ? Object.fromEntries([...s.choices].map(([k, v]) => [String(k), v])) : null;
        c('choices', ds.choices === null ? choices === null : Object.values(ds.choices).every(ascii) ? JSON.stringify(choices) === JSON.stringify(ds.choices) : JSON.stringify(Object.keys(choices ?? {})) === JSON.stringify(Object.keys(ds.choices)));
        c('comment', sameText(s.comment, ds.comment));
      }
    }
    expect(problems).toEqual([]);
  });
});

const HEADER = 'VERSION ""\r\n\r\nNS_ :\r\n\tCM_\r\n\tBA_DEF_\r\n\r\nBS_:\r\n\r\nBU_: ECU GW\r\n\r\n';

describe('parseDbc on hand-written files', () => {
  it('reads CRLF files, extended ids, attributes, value tables, float types and extended multiplexing', () => {
    const text =
      HEADER +
      'VAL_TABLE_ Gears 0 "P" 1 "R" 2 "N" 3 "D" ;\r\n' +
      'BO_ 2147484672 Ext: 12 ECU\r\n' +
      ' SG_ Sel M : 0|8@1+ (1,0) [0|255] "" GW\r\n' +
      ' SG_ Sub m1M : 8|8@1+ (1,0) [0|0] "" GW\r\n' +
      ' SG_ Deep m0 : 16|16@1- (0.5,-3) [-100|100] "km/h" GW,ECU\r\n' +
      ' SG_ F : 32|32@1- (1,0) [0|0] "" GW\r\n' +
      ' SG_ Gear : 71|4@0+ (1,0) [0|3] "" GW\r\n' +
      '\r\n' +
      'CM_ BO_ 2147484672 "multi\r\nline \\"quoted\\"";\r\n' +
      'CM_ SG_ 2147484672 Deep "deep one";\r\n' +
      'BA_DEF_ BO_ "GenMsgCycleTime" INT 0 10000;\r\n' +
      'BA_DEF_ BO_ "VFrameFormat" ENUM "StandardCAN","ExtendedCAN","StandardCAN_FD","ExtendedCAN_FD";\r\n' +
      'BA_DEF_DEF_ "GenMsgCycleTime" 0;\r\n' +
      'BA_DEF_DEF_ "VFrameFormat" "ExtendedCAN";\r\n' +
      'BA_ "GenMsgCycleTime" BO_ 2147484672 100;\r\n' +
      'BA_ "VFrameFormat" BO_ 2147484672 3;\r\n' +
      'VAL_ 2147484672 Gear Gears ;\r\n' +
      'VAL_ 2147484672 Sel 1 "one" 2 "two" ;\r\n' +
      'SIG_VALTYPE_ 2147484672 F : 1;\r\n' +
      'SG_MUL_VAL_ 2147484672 Sub Sel 1-1, 3-4;\r\n' +
      'SG_MUL_VAL_ 2147484672 Deep Sub 0-0;\r\n';
    const { db, errors, warnings } = parseDbc(text, 'ext.dbc');
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(db.nodes.map((n) => n.name)).toEqual(['ECU', 'GW']);
    const [m] = db.messages;
    expect(m).toMatchObject({ id: 0x400, extended: true, name: 'Ext', length: 12, fd: true, cycleTimeMs: 100, frameFormat: 'ExtendedCAN_FD', senders: ['ECU'] });
    expect(m.comment).toBe('multi\r\nline "quoted"');
    const byName = Object.fromEntries(m.signals.map((s) => [s.name, s]));
    expect(byName.Sub).toMatchObject({ isMultiplexer: true, multiplexerSignal: 'Sel', multiplexerIds: [1, 3, 4] });
    expect(byName.Deep).toMatchObject({ multiplexerSignal: 'Sub', multiplexerIds: [0], scale: 0.5, offset: -3, signed: true, unit: 'km/h', receivers: ['GW', 'ECU'], comment: 'deep one', exactInteger: false });
    expect(byName.F.valueType).toBe('float32');
    expect(byName.Gear).toMatchObject({ byteOrder: 'big_endian', start: 71 });
    expect([...byName.Gear.choices!]).toEqual([[0, 'P'], [1, 'R'], [2, 'N'], [3, 'D']]);
    expect(byName.Sel.choices!.get(2)).toBe('two');
    expect(db.messagesByKey.get(0x80000400)).toBe(m);
  });

  it('names file:line:column for a malformed signal and keeps the rest', () => {
    const text = `${HEADER}BO_ 100 A: 8 ECU\n SG_ Good : 0|8@1+ (1,0) [0|0] "" GW\n SG_ Bad : 8|8@2+ (1,0) [0|0] "" GW\n SG_ Next : 16|8@1+ (1,0) [0|0] "" GW\n`;
    const { db, errors } = parseDbc(text, 'bad.dbc');
    expect(errors.map(formatDiagnostic)).toEqual(['bad.dbc:13:16: expected byte order 0 (Motorola) or 1 (Intel), found "2+"']);
    expect(db.messages[0].signals.map((s) => s.name)).toEqual(['Good', 'Next']);
  });

  it('reports SG_ outside a message, unknown statements and unterminated strings with locations', () => {
    const text = 'VERSION ""\n SG_ Lost : 0|8@1+ (1,0) [0|0] "" X\nWHATEVER 1 2 3;\nBO_ 1 A: 8 X\nCM_ "never closed;\n';
    const { errors } = parseDbc(text, 'x.dbc');
    expect(errors.map(formatDiagnostic)).toEqual([
      'x.dbc:2:2: SG_ outside a message: it must follow a BO_ line',
      'x.dbc:3:1: unknown statement "WHATEVER"',
      'x.dbc:5:5: unterminated string',
    ]);
  });

  it('accepts an NS_ block whose keywords are not indented', () => {
    const { db, errors } = parseDbc('VERSION ""\nNS_ :\nNS_DESC_\nCM_\nBA_DEF_\n\nBS_:\nBU_: A\nBO_ 1 M: 1 A\n SG_ S : 0|8@1+ (1,0) [0|0] "" A\n', 'ns.dbc');
    expect(errors).toEqual([]);
    expect(db.messages[0].signals[0].name).toBe('S');
  });

  it('rejects a file with no DBC statement at all, and binary garbage, without throwing', () => {
    expect(parseDbc('', 'empty.dbc').errors[0]).toMatchObject({ line: 1, column: 1, message: expect.stringContaining('no DBC statement') });
    const garbage = decodeDbcBytes(new Uint8Array([0, 159, 146, 150, 255, 10, 1, 2, 3]));
    const { errors } = parseDbc(garbage, 'garbage.bin');
    expect(errors.some((e) => e.message.includes('no DBC statement'))).toBe(true);
  });

  it('rejects impossible layouts: bit length 0 or > 64, signals beyond 64 bytes, FD length > 64, bad SIG_VALTYPE_', () => {
    const text = `BO_ 1 A: 8 X\n SG_ Z : 0|0@1+ (1,0) [0|0] "" X\n SG_ W : 0|65@1+ (1,0) [0|0] "" X\n SG_ Far : 600|8@1+ (1,0) [0|0] "" X\n SG_ I : 0|16@1+ (1,0) [0|0] "" X\nBO_ 2 B: 65 X\nSIG_VALTYPE_ 1 I : 1;\n`;
    const { errors } = parseDbc(text, 'l.dbc');
    expect(errors.map((e) => `${e.line}:${e.column}`)).toEqual(['2:10', '3:10', '4:12', '6:1', '7:1']);
  });

  it.each([
    ['TextDecoder', undefined],
    ['portable', null],
  ] as const)('decodes UTF-8 and falls back to Latin-1 for invalid UTF-8 (%s)', (_name, decoder) => {
    const decodeDbcBytes = (bytes: Uint8Array) => decodeDbcBytesWith(bytes, decoder);
    const utf8 = new Uint8Array([...'CM_ "'].map((c) => c.charCodeAt(0)).concat([0xc3, 0xbc, 0x22, 0x3b]));
    expect(decodeDbcBytes(utf8)).toBe('CM_ "ü";');
    const latin1 = new Uint8Array([...'CM_ "'].map((c) => c.charCodeAt(0)).concat([0xfc, 0x22, 0x3b]));
    expect(decodeDbcBytes(latin1)).toBe('CM_ "ü";');
    expect(decodeDbcBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe('A');
    expect(decodeDbcBytes(new Uint8Array([0xf0, 0x9f, 0x9a, 0x97]))).toBe('🚗');
    expect(decodeDbcBytes(new Uint8Array([0xed, 0xa0, 0x80]))).toBe('\u00ed\u00a0\u0080'); // a UTF-16 surrogate is not UTF-8
    expect(decodeDbcBytes(new Uint8Array([0xc0, 0x80]))).toBe('\u00c0\u0080'); // overlong
  });
});

describe('parseDbc never crashes and never hangs (fuzz)', () => {
  const seed =
    dbcDir === null
      ? `${HEADER}BO_ 100 A: 8 ECU\n SG_ S M : 0|8@1+ (1,0) [0|0] "" GW\n SG_ T m1 : 8|8@0- (0.1,2) [0|0] "u" GW\nVAL_ 100 S 1 "x";\n`
      : readFileSync(join(dbcDir, 'cantools_multiplex_2.dbc'), 'latin1');
  const tokens = ['BO_', 'SG_', ' ', '\n', '"', ':', '|', '@', '(', ')', '[', ']', ';', ',', '-', '+', 'M', 'm1M', '0', '4294967295', '1e999', 'VAL_', 'SG_MUL_VAL_', 'BA_', 'CM_', '\\'];

  it('long malformed lines fail in linear time (no regex backtracking blow-up)', () => {
    const n = 100_000;
    const inputs = [
      `BA_ "x" ${' '.repeat(n)}!`,
      `BA_ "x" BO_ 1${' '.repeat(n)}!`,
      `BA_ "x" BO_ 1 ${'1'.repeat(n)}!`,
      `BO_ 1 A: 8 X\n SG_ S : 0|8@1+ (${'1'.repeat(n)}x`,
      `BO_ 1 A: 8 X\n SG_ S :${' '.repeat(n)}x`,
      `BO_ 1 A: 8 X\n SG_ S : 0|8@1+ (1,0) [0|0] ""${' a'.repeat(n)};`,
      `VAL_ 1 S ${'1 "a" '.repeat(n / 10)}${'1'.repeat(n)}x`,
      `SG_MUL_VAL_ 1 A B ${'1-1, '.repeat(n / 10)}!`,
    ];
    for (const text of inputs) expect(parseDbc(text, 'long.dbc').errors.length).toBeGreaterThan(0);
    expect(parseDbc(`NS_ :\n${'A\n'.repeat(n)}`, 'ns.dbc').errors).toEqual([]);
  });

  it('bounds the multiplexer values a file may expand to', () => {
    let text = 'BO_ 1 M: 8 X\n SG_ Sel M : 0|16@1+ (1,0) [0|0] "" X\n';
    for (let i = 0; i < 17; i++) text += ` SG_ S${i} m0 : ${16 + i}|1@1+ (1,0) [0|0] "" X\n`;
    for (let i = 0; i < 17; i++) text += `SG_MUL_VAL_ 1 S${i} Sel 0-65535;\n`;
    const { errors } = parseDbc(text, 'mux.dbc');
    expect(errors.map(formatDiagnostic)).toEqual(['mux.dbc:36:22: SG_MUL_VAL_ ranges of this file list more than 1048576 values in all']);
  });

  it('random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const r = parseDbc(text, 'f.dbc');
        expect(Array.isArray(r.errors)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('random token soup', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...tokens), { maxLength: 120 }), (parts) => {
        parseDbc(parts.join(''), 'f.dbc');
      }),
      { numRuns: 300 },
    );
  });

  it('mutations of a real file (insert, delete, replace)', () => {
    const mutation = fc.record({
      at: fc.nat({ max: seed.length }),
      cut: fc.nat({ max: 40 }),
      insert: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...tokens)),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => {
        let text = seed;
        for (const m of mutations) text = text.slice(0, m.at) + m.insert + text.slice(m.at + m.cut);
        const r = parseDbc(text, 'm.dbc');
        for (const d of [...r.errors, ...r.warnings]) {
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 200 },
    );
  });
});
