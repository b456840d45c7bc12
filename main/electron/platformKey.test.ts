// The data key sealed by the OS key store: never in the clear on disk, a development key adopted (nothing stored lost), the development key only where no real key store exists.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { app, resetFakeElectron, safeStorage } from '../../test/fakes/fakeElectron';
import { DEV_KEY_FILE, type KeyProvider } from '../services/storage/encryption';
import { openStorage } from '../services/storage/storage';
import { platformKeyProvider, SEALED_KEY_FILE } from './platformKey';

const cleanups: Array<() => Promise<unknown>> = [];
beforeEach(() => {
  resetFakeElectron();
  void app.whenReady();
});
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cabin-platformkey-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const profile = { name: 'profiles/anna', schema: z.object({ name: z.string() }).strict(), schemaVersion: 1, defaults: () => ({ name: '' }), encrypted: true };

async function withProfile(dataDir: string, keyProvider?: KeyProvider) {
  const storage = await openStorage({ dataDir, keyProvider, now: () => 7 });
  const doc = storage.document(profile);
  return { doc, loaded: await doc.load(), close: () => storage.close() };
}

describe('the data key in the OS key store (Electron safeStorage)', () => {
  it('is created sealed: the key file never holds the key in the clear, and the profile reads back in the next run', async () => {
    const dir = await scratch();
    const lines: string[] = [];
    const first = await withProfile(dir, platformKeyProvider(safeStorage, dir, (l) => lines.push(l), { platform: 'linux' }));
    await first.doc.save({ name: 'Anna' });
    await first.close();
    expect(await readdir(join(dir, 'keys'))).toEqual(['storage.key']);
    const sealed = await readFile(join(dir, SEALED_KEY_FILE));
    const key = Buffer.from(safeStorage.decryptString(sealed), 'base64');
    expect(key).toHaveLength(32);
    expect(sealed.includes(key.toString('base64'))).toBe(false);
    expect(lines).toEqual([]);
    const again = await withProfile(dir, platformKeyProvider(safeStorage, dir, () => {}, { platform: 'linux' }));
    expect(again.loaded.data).toEqual({ name: 'Anna' });
    await again.close();
  });

  it('another user (key store) cannot open the sealed key: the profile is not readable, and nothing is written in the clear', async () => {
    const dir = await scratch();
    const first = await withProfile(dir, platformKeyProvider(safeStorage, dir, () => {}, { platform: 'linux' }));
    await first.doc.save({ name: 'Anna' });
    await first.close();
    safeStorage.secret = 0x33;
    const stranger = await withProfile(dir, platformKeyProvider(safeStorage, dir, () => {}, { platform: 'linux' }));
    expect(stranger.loaded.data).toEqual({ name: '' });
    await stranger.close();
    expect(await readFile(join(dir, 'profiles', 'anna.json'), 'utf8')).not.toContain('Anna');
  });

  it('adopts a development key already in the folder (profiles made in plain Node stay readable) and removes the plain file', async () => {
    const dir = await scratch();
    const plain = await withProfile(dir);
    await plain.doc.save({ name: 'Anna' });
    await plain.close();
    const lines: string[] = [];
    const sealed = await withProfile(dir, platformKeyProvider(safeStorage, dir, (l) => lines.push(l), { platform: 'linux' }));
    expect(sealed.loaded.data).toEqual({ name: 'Anna' });
    await sealed.close();
    expect(await readdir(join(dir, 'keys'))).toEqual(['storage.key']);
    expect(lines).toEqual([expect.stringContaining('the development key now lives sealed by the OS key store')]);
  });

  it('without a real key store (none available, or Linux basic_text) it says so once and keeps the development key file', async () => {
    for (const setup of [() => (safeStorage.available = false), () => (safeStorage.backend = 'basic_text')]) {
      resetFakeElectron();
      void app.whenReady();
      setup();
      const dir = await scratch();
      const lines: string[] = [];
      const session = await withProfile(dir, platformKeyProvider(safeStorage, dir, (l) => lines.push(l), { platform: 'linux' }));
      await session.doc.save({ name: 'Anna' });
      await session.close();
      expect(await readdir(join(dir, 'keys'))).toEqual([DEV_KEY_FILE.split('/')[1]]);
      expect(lines).toEqual([expect.stringMatching(/^storage: (the OS key store is not available|no secret service .* is running); profiles are encrypted with the development key file /)]);
    }
  });

  it('basic_text is only a Linux backend: elsewhere an available key store is used', async () => {
    safeStorage.backend = 'basic_text';
    const dir = await scratch();
    const session = await withProfile(dir, platformKeyProvider(safeStorage, dir, () => {}, { platform: 'darwin' }));
    await session.doc.save({ name: 'Anna' });
    await session.close();
    expect(await readdir(join(dir, 'keys'))).toEqual(['storage.key']);
  });

  it('a sealed key file that the key store refuses to open is an error, never replaced by a new key', async () => {
    const dir = await scratch();
    const first = await withProfile(dir, platformKeyProvider(safeStorage, dir, () => {}, { platform: 'linux' }));
    await first.doc.save({ name: 'Anna' });
    await first.close();
    await writeFile(join(dir, SEALED_KEY_FILE), 'garbage');
    const before = await readFile(join(dir, 'profiles', 'anna.json'));
    const provider = platformKeyProvider(safeStorage, dir, () => {}, { platform: 'linux' });
    await expect(provider.dataKey()).rejects.toThrow(/decrypt/);
    expect(await readFile(join(dir, SEALED_KEY_FILE), 'utf8')).toBe('garbage');
    expect(await readFile(join(dir, 'profiles', 'anna.json'))).toEqual(before);
  });
});
