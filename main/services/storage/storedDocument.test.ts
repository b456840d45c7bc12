import { afterEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { until } from '../../../test/fixtures/until';
import { diskRig, faultyFs, readOnlyRig } from '../../../test/fixtures/storageRigs';
import { openStorage, type StorageOptions } from './storage';
import type { DocumentSpec } from './storedDocument';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cabin-store-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const schema = z.object({ n: z.number().int(), text: z.string() }).strict();
type Doc = z.infer<typeof schema>;
const spec = (extra: Partial<DocumentSpec<Doc>> = {}): DocumentSpec<Doc> => ({
  name: 'settings',
  schema,
  schemaVersion: 1,
  defaults: () => ({ n: 0, text: 'default' }),
  ...extra,
});

async function open(dataDir: string, options: Partial<StorageOptions> = {}) {
  const lines: string[] = [];
  const storage = await openStorage({
    dataDir,
    now: () => 1000,
    retry: { firstDelayMs: 20, maxDelayMs: 160 },
    report: (line) => lines.push(line),
    ...options,
  });
  cleanups.unshift(async () => void (await storage.close()));
  return { storage, lines };
}

/** Saves `docs` one after another through a fresh storage, as a running Cabin would. */
async function seed(dataDir: string, ...docs: Doc[]) {
  const { storage } = await open(dataDir);
  const doc = storage.document(spec());
  await doc.load();
  for (const d of docs) expect(await doc.save(d)).toEqual({ ok: true });
  await storage.close();
}

const fileDoc = async (path: string) => JSON.parse(await readFile(path, 'utf8')).data as Doc;

describe('stored documents', () => {
  it('round-trips a document; the good file it replaces becomes the backup', async () => {
    const dir = await scratch();
    await seed(dir, { n: 1, text: 'a' }, { n: 2, text: 'b' });
    expect(await fileDoc(join(dir, 'settings.json'))).toEqual({ n: 2, text: 'b' });
    expect(await fileDoc(join(dir, 'settings.json.bak'))).toEqual({ n: 1, text: 'a' });
    const { storage } = await open(dir);
    expect(await storage.document(spec()).load()).toEqual({ data: { n: 2, text: 'b' }, source: 'file', notices: [] });
  });

  it('a missing main file with a valid backup restores the backup and says so', async () => {
    const dir = await scratch();
    await seed(dir, { n: 1, text: 'driver' }, { n: 2, text: 'driver' });
    await unlink(join(dir, 'settings.json'));
    const { storage } = await open(dir);
    const loaded = await storage.document(spec()).load();
    expect(loaded.source).toBe('backup');
    expect(loaded.data).toEqual({ n: 1, text: 'driver' });
    expect(loaded.notices).toEqual([
      { kind: 'restoredFromBackup', document: 'settings', message: expect.stringMatching(/settings\.json is missing; restored the last good copy/) },
    ]);
    expect(await fileDoc(join(dir, 'settings.json'))).toEqual({ n: 1, text: 'driver' });
  });

  it('the backup is only ever replaced by a newer good file: two changes after a lost main file keep it', async () => {
    const dir = await scratch();
    await seed(dir, { n: 1, text: 'driver' }, { n: 2, text: 'x' });
    await unlink(join(dir, 'settings.json'));
    const { storage } = await open(dir);
    const doc = storage.document(spec());
    await doc.load();
    const bak = join(dir, 'settings.json.bak');
    await doc.save({ n: 3, text: 'first change' });
    expect(await fileDoc(bak)).toEqual({ n: 1, text: 'driver' });
    await doc.save({ n: 4, text: 'second change' });
    // The backup moved on only to the newer good file that had been on disk: never to defaults, never lost.
    expect(await fileDoc(bak)).toEqual({ n: 3, text: 'first change' });
  });

  it('a corrupt file is kept aside with its line and column named, and the backup restored', async () => {
    const dir = await scratch();
    await seed(dir, { n: 1, text: 'a' }, { n: 2, text: 'b' });
    await writeFile(join(dir, 'settings.json'), '{"schemaVersion": 1,\n  "data": {"n": 2 "text": "b"}}');
    const { storage } = await open(dir);
    const loaded = await storage.document(spec()).load();
    expect(loaded.data).toEqual({ n: 1, text: 'a' });
    expect(loaded.notices).toEqual([
      expect.objectContaining({
        kind: 'restoredFromBackup',
        message: expect.stringMatching(/settings\.json: not valid JSON at line 2 column 19 .*kept as .*settings\.json\.corrupt-1000; restored/),
      }),
    ]);
    expect(await readFile(join(dir, 'settings.json.corrupt-1000'), 'utf8')).toContain('"n": 2 "text"');
  });

  it('an invalid value is named by its JSON path; with no usable backup the defaults apply, with a notice', async () => {
    const dir = await scratch();
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ schemaVersion: 1, data: { n: 1.5, text: 'a' } }));
    const { storage } = await open(dir);
    const loaded = await storage.document(spec()).load();
    expect(loaded).toMatchObject({ source: 'defaults', data: { n: 0, text: 'default' } });
    expect(loaded.notices).toEqual([expect.objectContaining({ kind: 'reset', message: expect.stringMatching(/data\.n: .*; using defaults/) })]);
  });

  it('an oversized file (600 MB) is moved aside without being read', async () => {
    const dir = await scratch();
    await seed(dir, { n: 1, text: 'a' }, { n: 2, text: 'b' });
    const main = join(dir, 'settings.json');
    await truncate(main, 600 * 1024 * 1024); // sparse: the size is real to stat, the disk holds nothing
    const opened: string[] = [];
    const { storage } = await open(dir, { fs: faultyFs((op, path) => (op === 'open-read' && opened.push(path), null)) });
    const loaded = await storage.document(spec()).load();
    expect(opened).not.toContain(main);
    expect(loaded.data).toEqual({ n: 1, text: 'a' });
    expect(loaded.notices).toEqual([
      expect.objectContaining({ kind: 'restoredFromBackup', message: expect.stringMatching(/600\.0 MiB is over the 16\.0 MiB limit .*kept as .*too-large-1000/) }),
    ]);
    expect((await stat(join(dir, 'settings.json.too-large-1000'))).size).toBe(600 * 1024 * 1024);
  });

  it('a directory in the file\'s place is moved aside with a notice, and saving works again', async () => {
    const dir = await scratch();
    await mkdir(join(dir, 'settings.json'));
    await writeFile(join(dir, 'settings.json', 'inside'), 'x');
    const { storage } = await open(dir);
    const doc = storage.document(spec());
    const loaded = await doc.load();
    expect(loaded.notices).toEqual([
      expect.objectContaining({ kind: 'reset', message: expect.stringMatching(/a directory is in the document's place; kept as .*not-a-file-1000; using defaults/) }),
    ]);
    expect(await readFile(join(dir, 'settings.json.not-a-file-1000', 'inside'), 'utf8')).toBe('x');
    expect(await doc.save({ n: 5, text: 'ok' })).toEqual({ ok: true });
    expect(await fileDoc(join(dir, 'settings.json'))).toEqual({ n: 5, text: 'ok' });
  });

  it('a newer schemaVersion is named as such and kept aside untouched, never called corrupt', async () => {
    const dir = await scratch();
    const future = `${JSON.stringify({ schemaVersion: 3, data: { n: 9, text: 'from the future', extra: [1, 2] } }, null, 2)}\n`;
    await writeFile(join(dir, 'settings.json'), future);
    const { storage } = await open(dir);
    const doc = storage.document(spec());
    const loaded = await doc.load();
    expect(loaded.source).toBe('defaults');
    expect(loaded.notices).toEqual([
      {
        kind: 'newerSchema',
        document: 'settings',
        found: 3,
        supported: 1,
        keptAs: join(dir, 'settings.json.newer-schema-3-1000'),
        message: expect.stringMatching(/written by a newer Cabin, schema 3; this build reads up to 1; kept as /),
      },
    ]);
    expect(JSON.stringify(loaded.notices)).not.toMatch(/corrupt/i);
    await doc.save({ n: 1, text: 'this build' });
    expect(await readFile(join(dir, 'settings.json.newer-schema-3-1000'), 'utf8')).toBe(future);
  });

  it('migrations run forward from every older version', async () => {
    const dir = await scratch();
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ schemaVersion: 1, data: { count: 4 } }));
    await writeFile(join(dir, 'settings.json.bak'), JSON.stringify({ schemaVersion: 2, data: { n: 3 } }));
    const migrations = {
      1: (v1: unknown) => ({ n: (v1 as { count: number }).count }),
      2: (v2: unknown) => ({ ...(v2 as object), text: 'migrated' }),
    };
    const { storage } = await open(dir);
    expect(await storage.document(spec({ schemaVersion: 3, migrations })).load()).toMatchObject({ data: { n: 4, text: 'migrated' }, source: 'file' });
    await unlink(join(dir, 'settings.json'));
    const again = await open(dir);
    expect(await again.storage.document(spec({ schemaVersion: 3, migrations })).load()).toMatchObject({ data: { n: 3, text: 'migrated' }, source: 'backup' });
    expect(() => again.storage.document(spec({ name: 'other', schemaVersion: 3, migrations: { 1: migrations[1] } }))).toThrow(/no migration from schema 2 to 3/);
  });

  it('an invalid document or one over the limit is refused before anything is written', async () => {
    const dir = await scratch();
    await seed(dir, { n: 1, text: 'a' });
    const { storage } = await open(dir);
    const doc = storage.document(spec({ maxBytes: 200 }));
    await doc.load();
    expect(await doc.save({ n: 'x' } as unknown as Doc)).toMatchObject({ ok: false, pending: false, error: { kind: 'invalid', message: expect.stringMatching(/data\.n: /) } });
    expect(await doc.save({ n: 2, text: 'y'.repeat(300) })).toMatchObject({ ok: false, pending: false, error: { kind: 'tooLarge' } });
    expect(await fileDoc(join(dir, 'settings.json'))).toEqual({ n: 1, text: 'a' });
    expect(doc.status()).toEqual({ state: 'saved' });
  });

  it('remove erases the document, its backup and copies set aside; list names what is stored', async () => {
    const dir = await scratch();
    const { storage } = await open(dir);
    const a = storage.document(spec({ name: 'profiles/a' }));
    const b = storage.document(spec({ name: 'profiles/b' }));
    await a.load();
    await b.load();
    await a.save({ n: 1, text: 'a' });
    await a.save({ n: 2, text: 'a' });
    await b.save({ n: 1, text: 'b' });
    await writeFile(join(dir, 'profiles', 'a.json.corrupt-5'), 'x');
    expect(await storage.list('profiles')).toEqual(['profiles/a', 'profiles/b']);
    expect(await a.remove()).toEqual({ ok: true });
    expect(await readdir(join(dir, 'profiles'))).toEqual(['b.json']);
    expect(await storage.list('profiles')).toEqual(['profiles/b']);
    expect(await storage.list('nothing-here')).toEqual([]);
  });
});

describe('failed saves (disk full)', () => {
  it('a failed save answers failure, keeps the change pending and retries with backoff until it lands', async () => {
    const rig = await diskRig();
    cleanups.push(rig.cleanup);
    const { storage, lines } = await open(rig.dir, { fs: rig.fs });
    const doc = storage.document(spec());
    await doc.load();
    expect(await doc.save({ n: 1, text: 'saved' })).toEqual({ ok: true });
    await rig.fill();
    const statuses: string[] = [];
    doc.onStatus((s) => statuses.push(s.state === 'retrying' ? `retrying ${s.attempts} in ${s.retryInMs}` : s.state));
    const result = await doc.save({ n: 2, text: 'pending' });
    expect(result).toEqual({ ok: false, pending: true, error: expect.objectContaining({ kind: 'diskFull', errno: 'ENOSPC', message: expect.stringMatching(/disk full \(ENOSPC\)/) }) });
    expect(doc.status()).toMatchObject({ state: 'retrying', attempts: 1, retryInMs: 20 });
    await until(() => statuses.includes('retrying 3 in 80'), `the third attempt, backing off (${rig.mechanism})`);
    expect(await fileDoc(join(rig.dir, 'settings.json'))).toEqual({ n: 1, text: 'saved' });
    await rig.free();
    await until(() => doc.status().state === 'saved', 'a retry that lands');
    expect(await fileDoc(join(rig.dir, 'settings.json'))).toEqual({ n: 2, text: 'pending' });
    expect(lines.join('\n')).toMatch(/disk full \(ENOSPC\); the change is kept and retried in 20 ms \(attempt 1\)/);
    expect(lines.join('\n')).toMatch(/saved after \d+ failed attempts/);
  });

  it('a full disk during restore is reported as disk full; the backup survives until a newer good file exists', async () => {
    const rig = await diskRig();
    cleanups.push(rig.cleanup);
    await seed(rig.dir, { n: 1, text: 'driver' }, { n: 2, text: 'x' });
    const bak = join(rig.dir, 'settings.json.bak');
    const driverBackup = await readFile(bak, 'utf8');
    await unlink(join(rig.dir, 'settings.json'));
    await rig.fill();
    const { storage } = await open(rig.dir, { fs: rig.fs });
    const doc = storage.document(spec());
    const loaded = await doc.load();
    expect(loaded.data).toEqual({ n: 1, text: 'driver' });
    expect(loaded.notices.map((n) => n.kind)).toEqual(['restoredFromBackup', 'notSaved']);
    expect(loaded.notices[1]).toMatchObject({ error: { kind: 'diskFull' }, message: expect.stringMatching(/restoring .*settings\.json from its backup: .*disk full \(ENOSPC\)/) });
    expect(JSON.stringify(loaded.notices)).not.toMatch(/could not be read/);
    expect(doc.status().state).toBe('retrying');
    expect(await doc.save({ n: 3, text: 'while full' })).toMatchObject({ ok: false, pending: true });
    expect(await doc.save({ n: 4, text: 'still full' })).toMatchObject({ ok: false, pending: true });
    expect(await readFile(bak, 'utf8')).toBe(driverBackup);
    await rig.free();
    await until(() => doc.status().state === 'saved', 'the pending change to land');
    expect(await fileDoc(join(rig.dir, 'settings.json'))).toEqual({ n: 4, text: 'still full' });
    expect(await readFile(bak, 'utf8')).toBe(driverBackup);
    await doc.save({ n: 5, text: 'next' });
    expect(await fileDoc(bak)).toEqual({ n: 4, text: 'still full' });
  });
});

describe('read-only data folder', () => {
  it('starts read-only with a notice: reads work, saves report read-only, nothing on disk changes', async () => {
    const rig = await readOnlyRig(async (dir) => {
      await seed(dir, { n: 1, text: 'a' }, { n: 2, text: 'b' });
      await writeFile(join(dir, 'profile.json'), 'torn{');
      await writeFile(join(dir, 'profile.json.bak'), JSON.stringify({ schemaVersion: 1, data: { n: 7, text: 'p' } }));
    });
    cleanups.push(rig.cleanup);
    const before = (await readdir(rig.dir)).sort();
    const { storage } = await open(rig.dir, { fs: rig.fs });
    expect(storage.readOnly).toMatchObject({ kind: 'readOnly', errno: 'EROFS' });
    expect(storage.notices).toEqual([{ kind: 'readOnly', message: expect.stringMatching(/is not writable: the file system is read-only \(EROFS\); starting read-only/) }]);
    const settings = storage.document(spec());
    expect(await settings.load()).toEqual({ data: { n: 2, text: 'b' }, source: 'file', notices: [] });
    expect(await settings.save({ n: 3, text: 'c' })).toMatchObject({ ok: false, pending: false, error: { kind: 'readOnly' } });
    expect(settings.status()).toMatchObject({ state: 'readOnly' });
    // A damaged file is recovered in memory and left where it is.
    const profile = await storage.document(spec({ name: 'profile' })).load();
    expect(profile).toMatchObject({ data: { n: 7, text: 'p' }, source: 'backup', notices: [{ kind: 'restoredFromBackup' }] });
    expect((await readdir(rig.dir)).sort()).toEqual(before);
    expect(await fileDoc(join(rig.dir, 'settings.json'))).toEqual({ n: 2, text: 'b' });
  });
});
