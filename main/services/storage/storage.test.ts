import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { faultyFs } from '../../../test/fixtures/storageRigs';
import { DataDirLockedError, openStorage, StorageOpenError } from './storage';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cabin-open-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((done) => child.once('exit', done));
  return child.pid!;
}

describe('opening a data folder', () => {
  it('removes temp files left by killed writers, in the folder and below; a live writer\'s stay', async () => {
    const dir = await scratch();
    const dead = await deadPid();
    await mkdir(join(dir, 'profiles'));
    const stale = [join(dir, `.settings.json.${dead}.0badc0de.tmp`), join(dir, 'profiles', `.anna.json.bak.${dead}.12345678.tmp`)];
    const live = join(dir, `.settings.json.${process.ppid}.abcdef01.tmp`);
    for (const file of [...stale, live]) await writeFile(file, '{"schemaVersion": 1, "da');
    await writeFile(join(dir, 'notes.tmp'), 'not ours');
    const storage = await openStorage({ dataDir: dir });
    expect(storage.notices).toEqual([{ kind: 'tempFilesRemoved', files: expect.arrayContaining(stale), message: expect.stringMatching(/^removed 2 temp files left by a writer that was killed/) }]);
    expect((await readdir(dir)).sort()).toEqual([`.settings.json.${process.ppid}.abcdef01.tmp`, 'notes.tmp', 'profiles']);
    expect(await readdir(join(dir, 'profiles'))).toEqual([]);
    await storage.close();
  });

  it('a data folder that cannot be made is an error naming it, not a stack trace later', async () => {
    const dir = await scratch();
    await writeFile(join(dir, 'a-file'), '');
    const opening = openStorage({ dataDir: join(dir, 'a-file', 'data') });
    await expect(opening).rejects.toBeInstanceOf(StorageOpenError);
    await expect(opening).rejects.toThrow(/data dir .*a-file\/data cannot be used \(ENOTDIR\)/);
  });

  it('a document name is opened once, and names stay inside the data folder', async () => {
    const dir = await scratch();
    const storage = await openStorage({ dataDir: dir });
    const spec = { name: 'settings', schema: z.object({}), schemaVersion: 1, defaults: () => ({}) };
    storage.document(spec);
    expect(() => storage.document(spec)).toThrow(/already open/);
    for (const name of ['../escape', 'a/b/c', '', '.hidden', 'with space']) {
      expect(() => storage.document({ ...spec, name }), name).toThrow(/document name/);
    }
    await storage.close();
  });

  it('close makes one last attempt for a pending change and names what stays unsaved', async () => {
    const dir = await scratch();
    const lines: string[] = [];
    let full = true;
    const storage = await openStorage({
      dataDir: dir,
      report: (line) => lines.push(line),
      retry: { firstDelayMs: 3_600_000, maxDelayMs: 3_600_000 },
      fs: faultyFs((op) => (full && op === 'write' ? 'ENOSPC' : null)),
    });
    const doc = storage.document({ name: 'settings', schema: z.object({ n: z.number() }), schemaVersion: 1, defaults: () => ({ n: 0 }) });
    await doc.load();
    expect(await doc.save({ n: 1 })).toMatchObject({ ok: false, pending: true });
    expect(await storage.flush()).toEqual(['settings']);
    full = false;
    expect(await storage.close()).toEqual([]);
    expect(await readdir(dir)).toEqual(['settings.json']);
    expect(lines.filter((l) => /retried in 3600000 ms/.test(l))).toHaveLength(2);
  });
});

describe('the lock', () => {
  it('is held from open to close when asked for; a second opener is refused with the holder named', async () => {
    const dir = await scratch();
    const storage = await openStorage({ dataDir: dir, lock: true });
    expect(await readdir(dir)).toEqual(['cabin.lock']);
    await expect(openStorage({ dataDir: dir, lock: true })).rejects.toThrow(
      new RegExp(`^the data folder is in use by Cabin \\(pid ${process.pid}\\)`),
    );
    await expect(openStorage({ dataDir: dir, lock: true })).rejects.toBeInstanceOf(DataDirLockedError);
    await storage.close();
    expect(await readdir(dir)).toEqual([]);
  });
});
