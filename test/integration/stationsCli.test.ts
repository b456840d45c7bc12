// `cabin stations import` and `cabin stations query`: counts and problems on stderr, the exact --json shape on stdout, bad input refused with its place.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, openSync, writeSync, closeSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { main } from '../../main/cli/main';
import { corpusPath } from '../fixtures/corpus';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let dir = '';
async function cabin(args: string[]): Promise<Run> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const code = await main(args, { stdout, stderr, stdin: Readable.from(['']), cwd: dir });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

/** The contract's distance, computed here independently: haversine on the mean Earth radius. */
function haversine(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * r) / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a));
}

const feeds = corpusPath('stations', 'ocpi-real-feeds');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cabin-stations-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!feeds)('cabin stations import', () => {
  it('imports all 17 real feeds, printing per-file counts, issues by kind and located rejections', async () => {
    const files = readdirSync(feeds!).filter((f) => f.endsWith('.json')).map((f) => join(feeds!, f));
    const r = await cabin(['stations', 'import', '--from', 'ocpi', ...files, '--out', 'real.cstn', '--report', 'report.json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/ocpi_2_2_1_locations-itcharge\.json: 1180 records → 1110 sites, 1131 EVSEs, 2178 connectors kept; 35 rejected/);
    expect(r.stderr).toMatch(/ocpi_2_2_1_locations-itcharge\.json: by kind: power-kw-as-w 2178/);
    expect(r.stderr).toMatch(/ocpi_2_2_1_locations-itcharge\.json:\$\.data\[\d+\]\.coordinates: rejected \(coordinates-placeholder\): \(0, 0\) is a placeholder/);
    expect(r.stderr).toMatch(/ocpi_2_2_1_locations-punkt\.json: UTF-8 byte order mark removed/);
    expect(r.stderr).toMatch(/17 file\(s\): 3662 sites, 7257 EVSEs, 9387 connectors written to real\.cstn/);
    expect(existsSync(join(dir, 'report.json'))).toBe(true);
  });

  it('finds a station by its normalised standard and power: ChaoJi sent as 60 (kW as W) matches --min-kw 50', async () => {
    const r = await cabin(['stations', 'query', '--dataset', 'real.cstn', '--near', '44.8911,37.2996', '--connector', 'chaoji', '--min-kw', '50', '--limit', '1', '--json']);
    expect(r.code).toBe(0);
    const [first] = JSON.parse(r.stdout);
    expect(first.location_id).toBe('04bab778-3ffd-4340-9ddc-da817f926806');
    expect(first.connectors).toEqual([{ standard: 'CHAOJI', max_electric_power: 60_000, status: 'AVAILABLE' }]);
  });

  it('keeps going past unreadable files, locating what is wrong, and exits 1', async () => {
    const junk = join(dir, 'junk.bin');
    writeFileSync(junk, randomBytes(1 << 20));
    // 50 MB that starts like JSON and then is not: refused by the parser at its line and column, not by a crash.
    const big = join(dir, 'big.json');
    const fd = openSync(big, 'w');
    writeSync(fd, '[{"id": "1", "coordinates": {"latitude": "1.5", "longitude": "2"}},\n  nonsense');
    const chunk = Buffer.alloc(1 << 20, 'x');
    for (let k = 0; k < 50; k++) writeSync(fd, chunk);
    closeSync(fd);
    const good = join(feeds!, 'ocpi_2_2_locations-gaia.json');
    const r = await cabin(['stations', 'import', '--from', 'ocpi', 'junk.bin', 'big.json', good, 'missing.json', '--out', 'mixed.cstn']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^junk\.bin:1:\d+: not JSON \(starts with byte 0x[0-9a-f]{2}, expected \{ or \[\)$/m);
    expect(r.stderr).toMatch(/^big\.json:2:3: invalid JSON/m);
    expect(r.stderr).toMatch(/^missing\.json: cannot read \(ENOENT\)$/m);
    expect(r.stderr).toMatch(/4 file\(s\): 3 sites, 10 EVSEs, 10 connectors written to mixed\.cstn .*; 3 file\(s\) could not be read/);
  });
});

describe('cabin stations query', () => {
  it('prints on stdout, alone, the documented JSON array, nearest first, with haversine distances', async () => {
    const near = [31.2396, 121.5008];
    const r = await cabin(['stations', 'query', '--near', near.join(','), '--connector', 'gbt_dc ', '--min-kw', '100', '--available', '--limit', '5', '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout);
    expect(r.stdout.endsWith(']\n')).toBe(true);
    expect(rows).toHaveLength(5);
    let previous = 0;
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(['location_id', 'name', 'lat', 'lon', 'distance_m', 'connectors']);
      expect(typeof row.location_id).toBe('string');
      expect(typeof row.name).toBe('string');
      expect(row.distance_m).toBeCloseTo(haversine(near[0], near[1], row.lat, row.lon), 6);
      expect(row.distance_m).toBeGreaterThanOrEqual(previous);
      previous = row.distance_m;
      expect(row.connectors.length).toBeGreaterThan(0);
      for (const c of row.connectors) {
        expect(Object.keys(c)).toEqual(['standard', 'max_electric_power', 'status']);
        expect(c).toMatchObject({ standard: 'GBT_DC', status: 'AVAILABLE' });
        expect(c.max_electric_power).toBeGreaterThanOrEqual(100_000);
      }
    }
    expect(r.stderr).toMatch(/^5 station\(s\) from 20400 in /);
  });

  it('takes NACS as SAE_J3400 in Oslo, and says nothing matches when nothing does', async () => {
    const nacs = await cabin(['stations', 'query', '--near', '59.9079,10.7602', '--connector', 'NACS', '--json', '--limit', '3']);
    expect(JSON.parse(nacs.stdout).flatMap((r: { connectors: Array<{ standard: string }> }) => r.connectors.map((c) => c.standard))).toEqual(
      expect.arrayContaining(['SAE_J3400']),
    );
    const none = await cabin(['stations', 'query', '--near', '59.9079,10.7602', '--connector', 'PANTOGRAPH_TOP_DOWN', '--json', '--limit', '3']);
    expect(none.code).toBe(0);
    expect(JSON.parse(none.stdout)).toEqual([]);
  });

  it('refuses bad flags with one line and exit code 2', async () => {
    for (const [args, message] of [
      [['--near', '91,10'], /--near 91,10 is outside/],
      [['--near', 'north'], /--near must be LAT,LON/],
      [['--near', '1,2', '--connector', 'WARP'], /--connector "WARP" is no connector standard/],
      [['--near', '1,2', '--min-kw', 'lots'], /--min-kw must be a number from 0/],
      [['--near', '1,2', '--min-kw=-5'], /--min-kw must be a number from 0/],
      [['--near', '1,2', '--limit', '2.5'], /--limit must be a whole number/],
    ] as const) {
      const r = await cabin(['stations', 'query', ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
    const missing = await cabin(['stations', 'query', '--dataset', 'nope.cstn', '--near', '1,2']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.cstn: cannot read \(ENOENT\)/);
  });
});
