import { afterEach, describe, expect, it } from 'vitest';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { createDevKeyProvider, createKeyFileProvider, DEV_KEY_FILE, type KeyProvider } from './encryption';
import { openStorage } from './storage';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cabin-crypt-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const profile = {
  name: 'profiles/anna',
  schema: z.object({ name: z.string(), seat: z.number() }).strict(),
  schemaVersion: 1,
  defaults: () => ({ name: '', seat: 0 }),
  encrypted: true,
};

async function open(dataDir: string, keyProvider?: KeyProvider) {
  const storage = await openStorage({ dataDir, keyProvider, now: () => 7 });
  cleanups.unshift(() => storage.close());
  const doc = storage.document(profile);
  return { storage, doc, loaded: await doc.load() };
}

describe('encryption at rest', () => {
  it('writes AES-256-GCM envelopes with a 0600 development key beside the data, and reads them back', async () => {
    const dir = await scratch();
    const { doc } = await open(dir);
    expect(await doc.save({ name: 'Anna Lindqvist', seat: 240 })).toEqual({ ok: true });
    const text = await readFile(join(dir, 'profiles', 'anna.json'), 'utf8');
    expect(text).not.toContain('Anna');
    expect(JSON.parse(text)).toMatchObject({ format: 'cabin-encrypted-document', alg: 'AES-256-GCM' });
    const keyFile = join(dir, DEV_KEY_FILE);
    expect(keyFile).toBe(join(dir, 'keys', 'dev-storage.key'));
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'keys'))).mode & 0o777).toBe(0o700);
    const again = await open(dir);
    expect(again.loaded).toEqual({ data: { name: 'Anna Lindqvist', seat: 240 }, source: 'file', notices: [] });
  });

  it("a file encrypted with another key is reported as such and kept aside, never overwritten", async () => {
    const dir = await scratch();
    const first = await open(dir);
    await first.doc.save({ name: 'Anna', seat: 1 });
    await first.doc.save({ name: 'Anna', seat: 2 });
    await first.storage.close();
    const original = await readFile(join(dir, 'profiles', 'anna.json'));
    // Another device's key: the files are intact but this device cannot open them.
    await rm(join(dir, 'keys'), { recursive: true });
    const other = await open(dir);
    expect(other.loaded.source).toBe('defaults');
    expect(other.loaded.notices).toEqual([
      expect.objectContaining({ kind: 'wrongKey', keptAs: join(dir, 'profiles', 'anna.json.other-key-7'), message: expect.stringMatching(/cannot be decrypted with this device's key/) }),
      expect.objectContaining({ kind: 'wrongKey', keptAs: expect.stringContaining('anna.json.bak.other-key-7') }),
    ]);
    expect(JSON.stringify(other.loaded.notices)).not.toMatch(/corrupt|damaged/);
    await other.doc.save({ name: 'Bo', seat: 3 });
    await other.doc.save({ name: 'Bo', seat: 4 });
    expect(await readFile(join(dir, 'profiles', 'anna.json.other-key-7'))).toEqual(original);
  });

  it('a tampered file is damaged (not "another key") and the last good copy is used', async () => {
    const dir = await scratch();
    const first = await open(dir);
    await first.doc.save({ name: 'Anna', seat: 1 });
    await first.doc.save({ name: 'Anna', seat: 2 });
    await first.storage.close();
    const path = join(dir, 'profiles', 'anna.json');
    const envelope = JSON.parse(await readFile(path, 'utf8'));
    const bytes = Buffer.from(envelope.ciphertext, 'base64');
    bytes[5] ^= 1;
    await writeFile(path, JSON.stringify({ ...envelope, ciphertext: bytes.toString('base64') }));
    const again = await open(dir);
    expect(again.loaded).toMatchObject({ source: 'backup', data: { seat: 1 } });
    expect(again.loaded.notices).toEqual([
      expect.objectContaining({ kind: 'restoredFromBackup', message: expect.stringMatching(/damaged \(authentication failed\); kept as .*corrupt-7/) }),
    ]);
  });

  it('a file copied over another document is refused: the document name is bound into the encryption', async () => {
    const dir = await scratch();
    const { storage, doc } = await open(dir);
    await doc.save({ name: 'Anna', seat: 1 });
    const bo = storage.document({ ...profile, name: 'profiles/bo' });
    await bo.load();
    await bo.save({ name: 'Bo', seat: 9 });
    await storage.close();
    await writeFile(join(dir, 'profiles', 'bo.json'), await readFile(join(dir, 'profiles', 'anna.json')));
    const again = await openStorage({ dataDir: dir, now: () => 7 });
    cleanups.unshift(() => again.close());
    const loaded = await again.document({ ...profile, name: 'profiles/bo' }).load();
    expect(loaded.notices).toEqual([expect.objectContaining({ kind: 'reset', message: expect.stringMatching(/authentication failed/) })]);
  });

  it('a platform key store plugs in through seal/unseal (as Electron safeStorage will)', async () => {
    const dir = await scratch();
    // Stands in for safeStorage.encryptString/decryptString: the key file holds only the sealed key.
    const platformSecret = randomBytes(32);
    const iv = Buffer.alloc(16, 3);
    const provider = () =>
      createKeyFileProvider({
        path: join(dir, 'keys', 'storage.key.sealed'),
        description: 'key sealed by the test key store',
        seal: (key) => Buffer.concat([createCipheriv('aes-256-ctr', platformSecret, iv).update(key)]),
        unseal: (stored) => createDecipheriv('aes-256-ctr', platformSecret, iv).update(stored),
      });
    const { doc } = await open(dir, provider());
    await doc.save({ name: 'Anna', seat: 5 });
    expect((await readdir(join(dir, 'keys')))).toEqual(['storage.key.sealed']);
    expect(await readFile(join(dir, 'keys', 'storage.key.sealed'))).toHaveLength(32);
    const again = await open(dir, provider());
    expect(again.loaded.data).toEqual({ name: 'Anna', seat: 5 });
  });

  it('two processes creating the key at once agree on one key; loose permissions are tightened', async () => {
    const dir = await scratch();
    const keys = await Promise.all([createDevKeyProvider(dir), createDevKeyProvider(dir), createDevKeyProvider(dir)].map((p) => p.dataKey()));
    expect(Buffer.from(keys[1])).toEqual(Buffer.from(keys[0]));
    expect(Buffer.from(keys[2])).toEqual(Buffer.from(keys[0]));
    await chmod(join(dir, DEV_KEY_FILE), 0o644);
    await createDevKeyProvider(dir).dataKey();
    expect((await stat(join(dir, DEV_KEY_FILE))).mode & 0o777).toBe(0o600);
  });

  it('when no key can be had, the file is left as it is and saves are refused, not written unencrypted', async () => {
    const dir = await scratch();
    const first = await open(dir);
    await first.doc.save({ name: 'Anna', seat: 1 });
    await first.storage.close();
    const locked: KeyProvider = { description: 'locked key store', dataKey: () => Promise.reject(new Error('locked key store: not available')) };
    const { doc, loaded } = await open(dir, locked);
    expect(loaded.notices).toEqual([expect.objectContaining({ kind: 'keyUnavailable', message: expect.stringMatching(/not available; the file is left as it is/) })]);
    expect(await doc.save({ name: 'Anna', seat: 2 })).toMatchObject({ ok: false, error: { kind: 'readOnly' } });
    expect((await readdir(join(dir, 'profiles'))).sort()).toEqual(['anna.json']);
  });
});
