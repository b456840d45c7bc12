// The data key sealed by the OS key store (Electron's safeStorage: Keychain, DPAPI, libsecret or KWallet); the development key file only where no real key store exists, said so once.
import { join } from 'node:path';
import { createDevKeyProvider, createKeyFileProvider, DEV_KEY_FILE, type KeyProvider } from '../services/storage/encryption';
import { errnoOf, nodeStorageFs, type StorageFs } from '../services/storage/storageFs';

/** The sealed key, beside the data; readable only through the key store of the user who made it. */
export const SEALED_KEY_FILE = join('keys', 'storage.key');

/** The part of Electron's safeStorage this uses (so tests can stand in for it). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which secret store backs it; `basic_text` is a hard-coded password, no protection at all. */
  getSelectedStorageBackend?(): string;
}

/** Why this machine has no key store worth using, or null when it has one. */
export function keyStoreMissing(safe: SafeStorageLike, platform: NodeJS.Platform = process.platform): string | null {
  if (!safe.isEncryptionAvailable()) return 'the OS key store is not available';
  if (platform === 'linux' && safe.getSelectedStorageBackend?.() === 'basic_text') return 'no secret service (GNOME Keyring or KWallet) is running';
  return null;
}

/**
 * The provider the Electron host uses. Call after the app is ready (safeStorage needs it). A development key
 * already in the folder is adopted into the key store and its plain file removed, so nothing stored is lost.
 */
export function platformKeyProvider(
  safe: SafeStorageLike,
  dataDir: string,
  report: (line: string) => void,
  { fs = nodeStorageFs, platform = process.platform }: { fs?: StorageFs; platform?: NodeJS.Platform } = {},
): KeyProvider {
  const dev = createDevKeyProvider(dataDir, fs);
  const missing = keyStoreMissing(safe, platform);
  if (missing) {
    report(`storage: ${missing}; profiles are encrypted with the ${dev.description} instead`);
    return dev;
  }
  const path = join(dataDir, SEALED_KEY_FILE);
  const devPath = join(dataDir, DEV_KEY_FILE);
  let adoptedDevKey = false;
  const sealed = createKeyFileProvider({
    path,
    description: `key sealed by the OS key store ${path}`,
    fs,
    seal: (key) => safe.encryptString(key.toString('base64')),
    unseal: (stored) => Buffer.from(safe.decryptString(stored), 'base64'),
    adopt: async () => {
      try {
        await fs.stat(devPath);
      } catch (error) {
        if (errnoOf(error) === 'ENOENT') return null;
        throw error;
      }
      adoptedDevKey = true;
      return dev.dataKey();
    },
  });
  return {
    description: sealed.description,
    async dataKey() {
      const key = await sealed.dataKey();
      if (adoptedDevKey) {
        adoptedDevKey = false;
        // The sealed copy is on disk (written and synced) before the plain one goes.
        await fs.unlink(devPath).catch((error: unknown) => report(`storage: could not remove ${devPath} (${errnoOf(error) ?? (error as Error).message})`));
        report(`storage: the development key now lives sealed by the OS key store (${path})`);
      }
      return key;
    },
  };
}
