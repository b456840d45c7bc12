import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { main } from '../../main/cli/main';
import { MAX_MUX_DEPTH } from '../../shared/can/dbcCompile';
import { corpusPath, projectRoot } from '../fixtures/corpus';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cabin(args: string[], stdin = ''): Promise<Run> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
  stdout.on('data', (c: Buffer) => chunks.out.push(c));
  stderr.on('data', (c: Buffer) => chunks.err.push(c));
  const code = await main(args, { stdout, stderr, stdin: Readable.from([stdin]), cwd: dir });
  return { code, stdout: Buffer.concat(chunks.out).toString('utf8'), stderr: Buffer.concat(chunks.err).toString('utf8') };
}

let dir = '';
const DBC = `VERSION ""
BO_ 100 Drive: 8 ECU
 SG_ Gear : 0|4@1+ (1,0) [0|3] "" X
 SG_ Speed : 8|16@1+ (0.01,0) [0|300] "km/h" X
 SG_ Temp : 24|8@1- (1,-40) [0|0] "C" X
VAL_ 100 Gear 0 "P" 1 "R" 2 "N" 3 "D" ;
BO_ 2147483848 Fd: 24 ECU
 SG_ Wide : 64|64@1+ (1,0) [0|0] "" X
 SG_ F : 0|32@1- (1,0) [0|0] "" X
SIG_VALTYPE_ 2147483848 F : 1;
`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cabin-can-cli-'));
  writeFileSync(join(dir, 'car.dbc'), DBC);
  writeFileSync(join(dir, 'broken.dbc'), 'VERSION ""\nBO_ 1 A: 8 X\n SG_ S : 0|8@7+ (1,0) [0|0] "" X\n');
  writeFileSync(
    join(dir, 'mixed.log'),
    [
      '(1718000000.002900) can0 064#031027D8',
      'this is not a candump line',
      '',
      '(1718000000.003000) can0 7FF#00',
      '(1718000000.004000) can1 000000C8##1' + '0000807F' + '00000000' + 'FF'.repeat(8) + '00'.repeat(8),
      '(1718000000.005000) can0 064#03',
      '(1718000000.006000) can0 064#XYZ',
      '(1718000000.007000) can0 064#0100000000000000 R',
    ].join('\n') + '\n',
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lines = (text: string) => text.split('\n').filter((l) => l !== '');

describe('cabin can decode', () => {
  it('writes one JSON object per decoded frame, in the documented shape, and reports malformed lines by number', async () => {
    const r = await cabin(['can', 'decode', '--dbc', 'car.dbc', 'mixed.log']);
    expect(r.code).toBe(1);
    const out = lines(r.stdout).map((l) => JSON.parse(l));
    expect(out).toEqual([
      { t: 1718000000.0029, bus: 'can0', id: 100, extended: false, name: 'Drive', signals: { Gear: 3, Speed: 100, Temp: -80 }, truncated: true },
      { t: 1718000000.004, bus: 'can1', id: 200, extended: true, name: 'Fd', signals: { Wide: '18446744073709551615', F: 'Infinity' } },
      { t: 1718000000.005, bus: 'can0', id: 100, extended: false, name: 'Drive', signals: { Gear: 3 }, truncated: true },
      { t: 1718000000.007, bus: 'can0', id: 100, extended: false, name: 'Drive', signals: { Gear: 1, Speed: 0, Temp: -40 } },
    ]);
    expect(Object.keys(out[1])).toEqual(['t', 'bus', 'id', 'extended', 'name', 'signals']);
    const err = lines(r.stderr);
    expect(err[0]).toMatch(/^mixed\.log:2:1: /);
    expect(err[1]).toMatch(/^mixed\.log:7:\d+: /);
    expect(err.at(-1)).toMatch(/8 lines, 4 frames decoded \(2 truncated.*1 with ids not in the DBC.*2 malformed lines/);
  });

  it('reads standard input and replaces numbers by VAL_ texts with --choices', async () => {
    const r = await cabin(['can', 'decode', '--choices', '--dbc', 'car.dbc', '-'], '(1.5) vcan0 064#0200000000000000\n(2) vcan0 064#0F00000000000000');
    expect(r.code).toBe(0);
    expect(lines(r.stdout).map((l) => JSON.parse(l).signals.Gear)).toEqual(['N', 15]);
  });

  it('refuses an unknown flag with exit 2 and one line, and a missing file with one line', async () => {
    const r = await cabin(['can', 'decode', '--dbc', 'car.dbc', '--frobnicate']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/frobnicate/);
    expect(r.stdout).toBe('');
    const missing = await cabin(['can', 'decode', '--dbc', 'nope.dbc', 'mixed.log']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('cabin: cannot read DBC file nope.dbc: no such file\n');
    const noDbc = await cabin(['can', 'decode', 'mixed.log']);
    expect(noDbc.code).toBe(2);
  });

  const dbc = corpusPath('dbc', 'cantools_multiplex_2.dbc');
  it.skipIf(!dbc)('marks undefined multiplexer values and keeps the signals whose selector chain is defined', async () => {
    writeFileSync(join(dir, 'mux.log'), '(0.1) can0 0C00FEFE#003A4FDA022D5B74\n(0.2) can0 0C00FEFE#FFFFFFFFFFFFFFFF\n');
    const r = await cabin(['can', 'decode', '--dbc', dbc!, 'mux.log']);
    expect(r.code).toBe(0);
    const [ok, bad] = lines(r.stdout).map((l) => JSON.parse(l));
    expect(ok).toEqual({ t: 0.1, bus: 'can0', id: 0x0c00fefe, extended: true, name: 'Extended', signals: { S0: 0, S1: 0, S2: 58, S3: -9649, S6: 2, S8: 45 } });
    expect(bad).toEqual({ t: 0.2, bus: 'can0', id: 0x0c00fefe, extended: true, name: 'Extended', signals: { S0: -1, S6: -1 }, error: 'expected multiplexer id 0 or 1, but got -1' });
  });

  const log = corpusPath('can', 'candump', 'hyundai_2015_ccan_drive.log');
  const hyundai = corpusPath('dbc', 'hyundai_2015_ccan.dbc');
  it.skipIf(!log || !hyundai)('decodes the whole Hyundai drive log', async () => {
    const r = await cabin(['can', 'decode', '--dbc', hyundai!, log!]);
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out).toHaveLength(6480);
    const speeds = out.map((l) => JSON.parse(l)).filter((f) => f.name === 'CLU11').map((f) => f.signals.CF_Clu_Vanz);
    expect(Math.max(...speeds)).toBeGreaterThan(90);
  });

  it.skipIf(!log || !hyundai)('stops quietly when the reader goes away (like `| head`)', async () => {
    let writes = 0;
    const stdout = new Writable({
      write(_chunk, _encoding, callback) {
        writes++;
        callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    const stderr = new PassThrough();
    const err: Buffer[] = [];
    stderr.on('data', (c: Buffer) => err.push(c));
    const code = await main(['can', 'decode', '--dbc', hyundai!, log!], { stdout, stderr, stdin: Readable.from(['']), cwd: dir });
    expect(code).toBe(0);
    expect(writes).toBeLessThanOrEqual(2);
    expect(Buffer.concat(err).toString()).not.toMatch(/EPIPE|\n\s+at /);
  });
});

describe.skipIf(!corpusPath('dbc'))('cabin can decode on random and mutated candump lines (fuzz)', () => {
  it('never throws; every stdout line is one JSON frame; malformed lines are counted', async () => {
    const dbc = corpusPath('dbc', 'cantools_multiplex_2.dbc')!;
    const logFile = corpusPath('can', 'candump', 'gm_hv_bms_discharge.log');
    const real = logFile ? readFileSync(logFile, 'latin1').split('\n').slice(0, 50) : ['(0.1) can0 0C00FEFE#003A4FDA022D5B74'];
    const line = fc.oneof(
      fc.constantFrom(...real),
      fc.string({ maxLength: 60 }),
      fc.tuple(fc.constantFrom(...real), fc.nat({ max: 60 }), fc.string({ maxLength: 4 })).map(([l, at, ins]) => l.slice(0, at) + ins + l.slice(at + 1)),
      fc.tuple(fc.constantFrom('0C00FEFE', '0C00FEFF', '123', '1FFFFFFF'), fc.uint8Array({ maxLength: 64 }), fc.boolean()).map(
        ([id, data, fd]) => `(1.0) can0 ${id}#${fd ? '#1' : ''}${Buffer.from(data).toString('hex')}`,
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 30 }), async (lines) => {
        const r = await cabin(['can', 'decode', '--dbc', dbc, '-'], lines.join('\n'));
        expect([0, 1]).toContain(r.code);
        for (const l of r.stdout.split('\n').filter((x) => x !== '')) expect(Object.keys(JSON.parse(l)).slice(0, 6)).toEqual(['t', 'bus', 'id', 'extended', 'name', 'signals']);
        expect(r.stderr).not.toMatch(/\n\s+at /);
      }),
      { numRuns: 150 },
    );
  });
});

describe('inputs with limits', () => {
  /** A chain of selectors `depth` levels deep in message Deep, beside a plain message. */
  const muxChain = (depth: number): string => {
    let text = 'VERSION ""\nBO_ 100 Deep: 64 X\n SG_ S0 M : 0|1@1+ (1,0) [0|0] "" X\n';
    for (let i = 1; i <= depth; i++) text += ` SG_ S${i} m0M : ${i % 512}|1@1+ (1,0) [0|0] "" X\n`;
    text += 'BO_ 101 Plain: 8 X\n SG_ P : 0|8@1+ (1,0) [0|0] "" X\n';
    for (let i = 1; i <= depth; i++) text += `SG_MUL_VAL_ 100 S${i} S${i - 1} 0-0;\n`;
    return text;
  };

  it('check names the multiplexer depth limit decode cannot pass; decode refuses that message cleanly and decodes the rest', async () => {
    const text = muxChain(800);
    writeFileSync(join(dir, 'deep.dbc'), text);
    const line = text.split('\n').findIndex((l) => l.startsWith(` SG_ S${MAX_MUX_DEPTH + 1} `)) + 1;
    const check = await cabin(['can', 'check', '--dbc', 'deep.dbc']);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(`deep.dbc:${line}:2: signal S${MAX_MUX_DEPTH + 1} of message Deep sits ${MAX_MUX_DEPTH + 1} multiplexer levels deep; Cabin decodes at most ${MAX_MUX_DEPTH} (multiplexer depth limit)`);
    expect(check.stderr).toMatch(/cabin can check: 1 errors, \d+ warnings/);

    writeFileSync(join(dir, 'deep.log'), `(1.0) can0 064##0${'00'.repeat(64)}\n(1.1) can0 065#07\n`);
    const decode = await cabin(['can', 'decode', '--dbc', 'deep.dbc', 'deep.log']);
    expect(decode.code).toBe(1);
    expect(lines(decode.stdout).map((l) => JSON.parse(l))).toEqual([{ t: 1.1, bus: 'can0', id: 101, extended: false, name: 'Plain', signals: { P: 7 }, truncated: true }]);
    expect(decode.stderr).toContain(`deep.dbc:${line}:2: signal S${MAX_MUX_DEPTH + 1} `);
    expect(decode.stderr).toMatch(/1 frames decoded .*0 with ids not in the DBC, 1 for messages past a decoder limit, .*DBC: 1 errors/);
    expect(decode.stderr).not.toMatch(/RangeError|\n\s+at /);
  });

  it('passes a chain exactly at the limit in both check and decode', async () => {
    writeFileSync(join(dir, 'limit.dbc'), muxChain(MAX_MUX_DEPTH));
    expect((await cabin(['can', 'check', '--dbc', 'limit.dbc'])).code).toBe(0);
    const decode = await cabin(['can', 'decode', '--dbc', 'limit.dbc', '-'], `(1.0) can0 064##0${'00'.repeat(64)}\n`);
    expect(decode.code).toBe(0);
    expect(Object.keys(JSON.parse(decode.stdout).signals)).toHaveLength(MAX_MUX_DEPTH + 1);
  });

  it('refuses a classic frame over 8 bytes with its line number; CAN FD frames carry up to 64', async () => {
    writeFileSync(join(dir, 'long.log'), ['(1.0) can0 064#0310270000000000', `(1.1) can0 064#${'00'.repeat(9)}`, `(1.2) can0 064##0${'00'.repeat(64)}`].join('\n'));
    const r = await cabin(['can', 'decode', '--dbc', 'car.dbc', 'long.log']);
    expect(r.code).toBe(1);
    expect(lines(r.stdout).map((l) => JSON.parse(l).t)).toEqual([1, 1.2]);
    expect(r.stderr).toContain('long.log:2:16: classic CAN payload is 9 bytes, more than 8 (CAN FD frames are written with "##")');
    expect(r.stderr).toMatch(/1 malformed lines/);
  });

  it('streams a log file chunk by chunk: the same output as through standard input', async () => {
    // More than one read chunk (1 MiB), with lines of every kind falling across the chunk boundaries.
    const kinds = ['(1718000000.002900) can0 064#031027D8', '(1718000000.1) can1 000000C8##10000807F', 'garbage', '', '(1718000000.123456) can0 7FF#00'];
    const text = Array.from({ length: 60_000 }, (_, i) => kinds[i % kinds.length]).join('\n');
    writeFileSync(join(dir, 'big.log'), text);
    const fromFile = await cabin(['can', 'decode', '--dbc', 'car.dbc', 'big.log']);
    const fromStdin = await cabin(['can', 'decode', '--dbc', 'car.dbc', '-'], text);
    expect(Buffer.byteLength(text)).toBeGreaterThan(1 << 20);
    expect(fromFile.stdout).toBe(fromStdin.stdout);
    expect(lines(fromFile.stdout)).toHaveLength(24_000);
    expect(lines(fromFile.stderr).at(-1)).toMatch(/^cabin can decode: 60000 lines, 24000 frames decoded .*12000 malformed lines/);
    expect(fromFile.stderr).toContain('big.log:3:1: ');
  });

  it('drops a line too long to be candump as it streams past, and goes on with the next', async () => {
    writeFileSync(join(dir, 'overlong.log'), `(1.0) can0 064#03\n${'A'.repeat(3 << 20)}\n(1.1) can0 064#04\n`);
    const r = await cabin(['can', 'decode', '--dbc', 'car.dbc', 'overlong.log']);
    expect(r.code).toBe(1);
    expect(lines(r.stdout).map((l) => JSON.parse(l).signals.Gear)).toEqual([3, 4]);
    expect(r.stderr).toContain('overlong.log:2: line is longer than 65536 characters');
  });
});

describe('cabin can check', () => {
  const files = corpusPath('dbc');
  const names = [
    'acura_ilx_2016_nidec.dbc', 'cantools_floating_point.dbc', 'cantools_multiplex_2.dbc', 'cantools_signed.dbc',
    'ford_lincoln_base_pt.dbc', 'gm_global_a_high_voltage_management.dbc', 'hyundai_2015_ccan.dbc',
    'hyundai_canfd_generated.dbc', 'nissan_leaf_2018_generated.dbc', 'tesla_can.dbc', 'tesla_model3_vehicle.dbc',
    'toyota_nodsu_pt_generated.dbc', 'toyota_prius_2010_pt.dbc', 'vw_mlb.dbc', 'vw_mqb.dbc',
  ];
  it.skipIf(!files).each(names)('exits 0 on %s', async (name) => {
    const r = await cabin(['can', 'check', '--dbc', join(files!, name), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ errors: 0, messages: expect.any(Number) });
  });

  it('summarises a good file and fails a broken one with file:line:column', async () => {
    const good = await cabin(['can', 'check', '--dbc', 'car.dbc']);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('messages   2 (1 with 29-bit ids, 1 CAN FD');
    const bad = await cabin(['can', 'check', '--dbc', 'broken.dbc']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('broken.dbc:3:14: expected byte order 0 (Motorola) or 1 (Intel)');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  const ev = join(projectRoot, 'assets', 'vehicles', 'cabin-ev');
  it.skipIf(!existsSync(join(ev, 'cabin-ev.dbc')) || !existsSync(join(ev, 'mapping.yaml')))('passes the reference EV DBC with its mapping', async () => {
    const r = await cabin(['can', 'check', '--dbc', join(ev, 'cabin-ev.dbc'), '--mapping', join(ev, 'mapping.yaml'), '--json']);
    expect(r.stderr).toContain('0 errors');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).mappingRules).toBeGreaterThan(0);
  });

  it('validates a mapping file against the DBC with located errors', async () => {
    writeFileSync(join(dir, 'bad-mapping.yaml'), 'dbc2vss: [unclosed\n');
    const r = await cabin(['can', 'check', '--dbc', 'car.dbc', '--mapping', 'bad-mapping.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^bad-mapping\.yaml:\d+:\d+: /m);
  });
});
