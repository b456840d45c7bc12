// `cabin profiles list|export|import` on real data folders: round trip, a file with many problems, a newer schema, broken JSON, a wrong key, a folder a running Cabin holds.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../main/cli/main';
import { PROFILE_SCHEMA_VERSION } from '../../shared/profiles/profileSchema';
import { projectRoot } from '../fixtures/corpus';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cabin-profiles-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

async function cabin(args: string[]): Promise<Run> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
  stdout.on('data', (c: Buffer) => chunks.out.push(c));
  stderr.on('data', (c: Buffer) => chunks.err.push(c));
  const code = await main(args, { stdout, stderr, stdin: Readable.from(['']), cwd: dir });
  return { code, stdout: Buffer.concat(chunks.out).toString('utf8'), stderr: Buffer.concat(chunks.err).toString('utf8') };
}

const lines = (text: string) => text.split('\n').filter((l) => l !== '');

/** Every file of a data folder with its bytes, to prove a refused import changed nothing. */
function snapshot(dataDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dataDir, sub), { withFileTypes: true })) {
      const rel = join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      else out[rel] = readFileSync(join(dataDir, rel)).toString('base64');
    }
  };
  walk('.');
  return out;
}

const v1File = {
  format: 'cabin-profiles',
  schemaVersion: 1,
  profiles: [
    { id: 'pli0001', name: 'Li', colour: 'teal', createdAt: 1, language: 'zh-CN', units: 'metric', seat: { position: 200, height: 40, recline: 22 }, climate: { temperature: 21, fan: 30 }, keyFob: 1 },
    { id: 'pwang01', name: 'Wang', colour: 'rose', createdAt: 2, units: 'imperial', seat: { position: 150, height: 30, recline: 20 }, climate: { temperature: 19 }, keyFob: 2 },
  ],
};

function write(name: string, content: unknown): string {
  writeFileSync(join(dir, name), typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  return name;
}

describe('cabin profiles', () => {
  it('imports an old-schema file, lists it, and exports it; the export imports into another car unchanged', async () => {
    const imported = await cabin(['profiles', 'import', write('v1.json', v1File), '--data-dir', 'car-a']);
    expect(imported).toMatchObject({ code: 0, stdout: '' });
    expect(imported.stderr).toMatch(/^imported 2 profiles \(Li, Wang\), migrated from schema 1$/m);
    const list = await cabin(['profiles', 'list', '--data-dir', 'car-a', '--json']);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([
      { id: 'pli0001', name: 'Li', keyFobs: [1], updatedAt: '1970-01-01T00:00:00.001Z' },
      { id: 'pwang01', name: 'Wang', keyFobs: [2], updatedAt: '1970-01-01T00:00:00.002Z' },
    ]);
    expect(lines((await cabin(['profiles', 'list', '--data-dir', 'car-a'])).stdout)).toEqual([
      'pli0001\tLi\tkey fobs: 1\tsets: seat, climate, preferences',
      'pwang01\tWang\tkey fobs: 2\tsets: seat, climate, preferences',
    ]);
    const exported = await cabin(['profiles', 'export', '--data-dir', 'car-a', '--out', 'export.json']);
    expect(exported).toMatchObject({ code: 0, stderr: `exported 2 profiles to ${join(dir, 'export.json')}\n` });
    const file = JSON.parse(readFileSync(join(dir, 'export.json'), 'utf8'));
    expect(file).toMatchObject({ format: 'cabin-profiles', schemaVersion: PROFILE_SCHEMA_VERSION, profiles: [{ name: 'Li', preferences: { language: 'zh-CN', distanceUnit: 'km' } }, { name: 'Wang' }] });
    expect((await cabin(['profiles', 'import', 'export.json', '--data-dir', 'car-b'])).code).toBe(0);
    const onB = await cabin(['profiles', 'export', '--data-dir', 'car-b']);
    expect({ ...JSON.parse(onB.stdout), exportedAt: 'x' }).toEqual({ ...file, exportedAt: 'x' });
  });

  it('refuses a file with many problems, listing each with FILE:LINE:COL and its JSON path, and changes nothing', async () => {
    expect((await cabin(['profiles', 'import', write('base.json', v1File), '--data-dir', 'car-c'])).code).toBe(0);
    const before = snapshot(join(dir, 'car-c'));
    const bad = {
      format: 'cabin-profiles',
      schemaVersion: 3,
      profiles: [
        { ...JSON.parse(readFileSync(join(dir, 'export.json'), 'utf8')).profiles[0], id: 'pzhao01', name: '', keyFobs: [2] },
        { ...JSON.parse(readFileSync(join(dir, 'export.json'), 'utf8')).profiles[1], id: 'pzhou01', name: 'Zhou', seat: { position: -3, height: 999, recline: null, lumbar: null } },
      ],
    };
    const run = await cabin(['profiles', 'import', write('bad.json', bad), '--data-dir', 'car-c']);
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([
      expect.stringMatching(/^bad\.json:\d+:\d+: \$\.profiles\[0\]\.name: the name is empty$/),
      expect.stringMatching(/^bad\.json:\d+:\d+: \$\.profiles\[1\]\.seat\.position: seat position mm below 0$/),
      expect.stringMatching(/^bad\.json:\d+:\d+: \$\.profiles\[1\]\.seat\.height: seat height mm above 150$/),
      'bad.json: not imported (3 problems); nothing was changed',
    ]);
    // Valid on its own, but its fob is Wang's on this car: found once the car's profiles are known.
    const clash = { ...bad, profiles: [{ ...bad.profiles[0], name: 'Zhao' }] };
    const second = await cabin(['profiles', 'import', write('clash.json', clash), '--data-dir', 'car-c']);
    expect(lines(second.stderr)).toEqual([
      expect.stringMatching(/^clash\.json:\d+:\d+: \$\.profiles\[0\]\.keyFobs\[0\]: key fob 2 is already paired with "Wang" on this car$/),
      'clash.json: not imported (1 problem); nothing was changed',
    ]);
    expect(snapshot(join(dir, 'car-c'))).toEqual(before);
  });

  it('refuses a file from a newer schema naming the version, and broken JSON with its line and column', async () => {
    const newer = await cabin(['profiles', 'import', write('newer.json', { format: 'cabin-profiles', schemaVersion: 9, profiles: [] }), '--data-dir', 'car-d']);
    expect(newer.code).toBe(1);
    expect(lines(newer.stderr)[0]).toBe(`newer.json:3:3: $.schemaVersion: written by a newer Cabin (profiles schema 9); this build reads up to schema ${PROFILE_SCHEMA_VERSION}`);
    const truncated = JSON.stringify(v1File, null, 2).slice(0, 180);
    const broken = await cabin(['profiles', 'import', write('broken.json', truncated), '--data-dir', 'car-d']);
    expect(broken.code).toBe(1);
    expect(lines(broken.stderr)[0]).toMatch(/^broken\.json:\d+:\d+: \$: not valid JSON at line \d+ column \d+: /);
    const missing = await cabin(['profiles', 'import', 'nope.json', '--data-dir', 'car-d']);
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringMatching(/nope\.json: cannot be read \(ENOENT\)/) });
  });

  it('names a profile sealed with another key and still lists the rest', async () => {
    expect((await cabin(['profiles', 'import', write('v1b.json', v1File), '--data-dir', 'car-e'])).code).toBe(0);
    const key = join(dir, 'car-e', 'keys', 'dev-storage.key');
    const profile = join(dir, 'car-e', 'profiles', 'pwang01.json');
    // Wang's file from another car (its key), Li's as it was.
    const other = await cabin(['profiles', 'import', write('v1c.json', v1File), '--data-dir', 'car-f']);
    expect(other.code).toBe(0);
    writeFileSync(profile, readFileSync(join(dir, 'car-f', 'profiles', 'pwang01.json')));
    expect(readFileSync(key, 'utf8')).not.toBe(readFileSync(join(dir, 'car-f', 'keys', 'dev-storage.key'), 'utf8'));
    const list = await cabin(['profiles', 'list', '--data-dir', 'car-e']);
    expect(list.code).toBe(1);
    expect(lines(list.stdout)).toEqual([expect.stringMatching(/^pli0001\tLi\t/)]);
    expect(list.stderr).toMatch(/pwang01\.json: cannot be decrypted with this device's key; not read/);
  });

  it('refuses, in one line, to import into a folder a running Cabin holds', async () => {
    const dataDir = join(dir, 'car-g');
    const holder = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', `
        import { openStorage } from ${JSON.stringify(resolve(projectRoot, 'main/services/storage/storage.ts'))};
        await openStorage({ dataDir: ${JSON.stringify(dataDir)}, lock: true });
        process.stdout.write('holding\\n');
        setInterval(() => {}, 1000);
      `],
      { cwd: projectRoot, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    children.push(holder);
    await new Promise<void>((done) => holder.stdout!.on('data', (c: Buffer) => c.toString().includes('holding') && done()));
    const run = await cabin(['profiles', 'import', write('v1d.json', v1File), '--data-dir', 'car-g']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`cabin: not imported: the data folder ${dataDir} is in use by Cabin (pid ${holder.pid}); stop it first\n`);
    expect(readdirSync(dataDir)).toEqual(['cabin.lock']);
  });
});
