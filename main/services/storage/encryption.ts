// Encryption at rest for stored documents: AES-256-GCM sealed envelopes and the KeyProvider that supplies the key.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createFileAtomic } from './atomicFile';
import { errnoOf, nodeStorageFs, type StorageFs } from './storageFs';

/**
 * Supplies the device's 32-byte data key. The plain-Node provider keeps it in a key file; the Electron adapter
 * supplies one whose key file is sealed by the OS key store (`safeStorage`, main/electron/platformKey.ts), through
 * createKeyFileProvider's `seal`/`unseal` — this module never imports electron.
 */
export interface KeyProvider {
  /** Where the key lives, for messages: "development key file /data/keys/dev-storage.key". */
  readonly description: string;
  /** The key, created on first use. Throws a one-line error when no key can be had (read-only folder…). */
  dataKey(): Promise<Uint8Array>;
}

export const KEY_BYTES = 32;
/** The plain-Node development key, beside the data; named so nobody mistakes it for a platform key store. */
export const DEV_KEY_FILE = join('keys', 'dev-storage.key');

export interface KeyFileProviderOptions {
  path: string;
  description: string;
  /** Turns the raw key into the file's bytes (e.g. safeStorage.encryptString); base64 text when absent. */
  seal?: (key: Buffer) => Promise<Uint8Array> | Uint8Array;
  /** The inverse of `seal`. */
  unseal?: (stored: Buffer) => Promise<Uint8Array> | Uint8Array;
  /**
   * A key to keep instead of a new one when this file does not exist yet (an earlier provider's): documents
   * sealed before a device gained a key store stay readable.
   */
  adopt?: () => Promise<Uint8Array | null>;
  fs?: StorageFs;
}

/** A key kept in one file (mode 0600, created atomically and never replaced), optionally sealed by the platform. */
export function createKeyFileProvider(options: KeyFileProviderOptions): KeyProvider {
  const { path, description, fs = nodeStorageFs } = options;
  const seal = options.seal ?? ((key: Buffer) => Buffer.from(`${key.toString('base64')}\n`, 'utf8'));
  const unseal = options.unseal ?? ((stored: Buffer) => Buffer.from(stored.toString('utf8').trim(), 'base64'));
  let cached: Promise<Uint8Array> | null = null;

  const readKey = async (): Promise<Uint8Array | null> => {
    let stored: Buffer;
    try {
      stored = await readSmallFile(fs, path);
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') return null;
      throw new Error(`${description}: cannot be read (${errnoOf(error) ?? (error as Error).message})`);
    }
    const key = Buffer.from(await unseal(stored));
    if (key.length !== KEY_BYTES) throw new Error(`${description}: not a ${KEY_BYTES}-byte key (${key.length} bytes)`);
    const mode = (await fs.stat(path)).mode & 0o777;
    // Only the owner may read the key; a copy restored with loose permissions is tightened, not trusted as is.
    if (mode & 0o077) await fs.chmod(path, 0o600);
    return key;
  };

  const createKey = async (): Promise<Uint8Array> => {
    const kept = await options.adopt?.();
    if (kept && kept.length !== KEY_BYTES) throw new Error(`${description}: the key to keep is not ${KEY_BYTES} bytes`);
    const key = kept ? Buffer.from(kept) : randomBytes(KEY_BYTES);
    try {
      await createFileAtomic(path, await seal(key), fs, 0o600);
      return key;
    } catch (error) {
      // Another process created it first: use theirs, so both agree.
      if (errnoOf(error) === 'EEXIST') {
        const theirs = await readKey();
        if (theirs) return theirs;
      }
      throw new Error(`${description}: cannot be created (${errnoOf(error) ?? (error as Error).message})`);
    }
  };

  return {
    description,
    dataKey() {
      cached ??= (async () => (await readKey()) ?? (await createKey()))();
      // A failure is not cached: the folder may become writable, the key store may unlock.
      cached.catch(() => (cached = null));
      return cached;
    },
  };
}

/** The plain-Node provider: `<dataDir>/keys/dev-storage.key`, readable by its owner only. */
export function createDevKeyProvider(dataDir: string, fs: StorageFs = nodeStorageFs): KeyProvider {
  const path = join(dataDir, DEV_KEY_FILE);
  return createKeyFileProvider({ path, description: `development key file ${path}`, fs });
}

async function readSmallFile(fs: StorageFs, path: string): Promise<Buffer> {
  const file = await fs.open(path, 'r');
  try {
    const buffer = Buffer.alloc(4096); // a key file is a few hundred bytes at most
    const length = await file.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, length);
  } finally {
    await file.close();
  }
}

const ENVELOPE_TAG = 'cabin-encrypted-document';

interface Envelope {
  format: typeof ENVELOPE_TAG;
  version: 1;
  alg: 'AES-256-GCM';
  /** Identifies the key without revealing it, so "another device's key" is told apart from damage. */
  keyId: string;
  iv: string;
  tag: string;
  ciphertext: string;
}

export function keyIdOf(key: Uint8Array): string {
  return createHmac('sha256', key).update('cabin storage key id').digest('hex').slice(0, 16);
}

/** Encrypts a document's bytes; `name` is bound in as associated data so files cannot be swapped unnoticed. */
export function sealDocument(key: Uint8Array, name: string, plaintext: Uint8Array): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(`cabin-document:${name}`, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const envelope: Envelope = {
    format: ENVELOPE_TAG,
    version: 1,
    alg: 'AES-256-GCM',
    keyId: keyIdOf(key),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
  return Buffer.from(`${JSON.stringify(envelope)}\n`, 'utf8');
}

/** An upper bound on the envelope's size: base64 of the ciphertext plus the fixed fields. */
export function sealedSize(plainBytes: number): number {
  return 4 * Math.ceil(plainBytes / 3) + 256;
}

export function isSealed(json: unknown): json is Envelope {
  return typeof json === 'object' && json !== null && (json as { format?: unknown }).format === ENVELOPE_TAG;
}

export type Unsealed = { ok: true; plaintext: Buffer } | { ok: false; problem: 'wrongKey' | 'damaged'; message: string };

export function openSealed(key: Uint8Array, name: string, envelope: Envelope): Unsealed {
  if (envelope.version !== 1 || envelope.alg !== 'AES-256-GCM') {
    return { ok: false, problem: 'damaged', message: `unknown encryption ${String(envelope.alg)} v${String(envelope.version)}` };
  }
  if (envelope.keyId !== keyIdOf(key)) {
    return { ok: false, problem: 'wrongKey', message: "cannot be decrypted with this device's key" };
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(envelope.iv, 'base64'));
    decipher.setAAD(Buffer.from(`cabin-document:${name}`, 'utf8'));
    decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
    const plaintext = Buffer.concat([decipher.update(Buffer.from(envelope.ciphertext, 'base64')), decipher.final()]);
    return { ok: true, plaintext };
  } catch {
    return { ok: false, problem: 'damaged', message: 'encrypted with this device\'s key but damaged (authentication failed)' };
  }
}
