// The document store every service keeps its data in: one per data folder, opened once by the host.
//
// Use:
//   const storage = await openStorage({ dataDir, report, lock: true }); // read-only folders open read-only
//   const doc = storage.document({ name: 'profiles/3f2a', schema, schemaVersion: 2,
//                                  migrations: { 1: (v1) => v2 }, defaults: () => …, encrypted: true });
//   const { data, notices } = await doc.load();   // notices: tell the driver (restored, reset, newer schema…)
//   const saved = await doc.save(next);           // { ok: false, error, pending } on failure; retried with backoff
//   doc.status() / doc.onStatus(fn)               // saved | saving | retrying | readOnly
//   await storage.close();                        // one last attempt for pending changes; releases the lock
// Services get `storage` from their ServiceContext (the host opens it with the lock). Shapes that fit:
//   profiles: one encrypted document per profile ("profiles/<id>"), found with storage.list('profiles'),
//             deleted with doc.remove() (erases the backup and set-aside copies too);
//   bookings: one document holding the list; station caches: plain, with their own maxBytes.
// Files: <dataDir>/<name>.json, its last-good copy <name>.json.bak, and bad files set aside as
// <name>.json.<reason>-<time> (never deleted). Encrypted documents use AES-256-GCM with the KeyProvider's key.
import { resolve } from 'node:path';
import { removeLeftoverTempFiles, tempPathFor } from './atomicFile';
import { acquireDataDirLock, type DataDirLock } from './dataDirLock';
import { createDevKeyProvider, type KeyProvider } from './encryption';
import { createStoredDocument, type DocumentSpec, type StorageNotice, type StoredDocument } from './storedDocument';
import { describeFsError, errnoOf, nodeStorageFs, type StorageError, type StorageFs } from './storageFs';

export interface StorageOptions {
  dataDir: string;
  /** For encrypted documents; the development key file `<dataDir>/keys/dev-storage.key` when absent. */
  keyProvider?: KeyProvider;
  /** One line per background event (a retry failed or succeeded, temp files removed). */
  report?: (line: string) => void;
  /** Wall clock, used only to name copies set aside. */
  now?: () => number;
  /** Backoff between attempts of a failed save: doubles from firstDelayMs up to maxDelayMs. */
  retry?: { firstDelayMs?: number; maxDelayMs?: number };
  /** Take the data-folder lock (<dataDir>/cabin.lock) and hold it until close: for the one process that writes. */
  lock?: boolean;
  /** The file-system seam; tests inject faults through it. */
  fs?: StorageFs;
}

export interface Storage {
  readonly dataDir: string;
  /** Why nothing can be written (the folder is read-only), or null. Reads still work. */
  readonly readOnly: StorageError | null;
  /** What opening found: a read-only folder, temp files of a killed writer removed. */
  readonly notices: readonly StorageNotice[];
  /** One document; each name may be opened once per storage. */
  document<T>(spec: DocumentSpec<T>): StoredDocument<T>;
  /** Names of the documents stored in `folder` (e.g. "profiles" → ["profiles/3f2a", …]), backups included. */
  list(folder: string): Promise<string[]>;
  /** Tries every pending save once more; answers the names still not on disk. */
  flush(): Promise<string[]>;
  /** Stops retries after a last flush and releases the lock; answers the names still not on disk. */
  close(): Promise<string[]>;
}

/** The data folder cannot be used at all (it cannot be created, it is a file…): the caller cannot start. */
export class StorageOpenError extends Error {
  constructor(
    readonly dataDir: string,
    readonly errno: string,
  ) {
    super(`data dir ${dataDir} cannot be used (${errno})`);
    this.name = 'StorageOpenError';
  }
}

/** Another running Cabin holds the folder; `message` is one line for the user. */
export class DataDirLockedError extends Error {
  constructor(
    readonly holderPid: number,
    message: string,
  ) {
    super(message);
    this.name = 'DataDirLockedError';
  }
}

export async function openStorage(options: StorageOptions): Promise<Storage> {
  const dataDir = resolve(options.dataDir);
  const { fs = nodeStorageFs, report = () => undefined, now = Date.now } = options;
  const retry = { firstDelayMs: options.retry?.firstDelayMs ?? 1000, maxDelayMs: options.retry?.maxDelayMs ?? 60_000 };
  const notices: StorageNotice[] = [];

  const readOnly = await probe(fs, dataDir);
  let lock: DataDirLock | null = null;
  if (options.lock && !readOnly) {
    const taken = await acquireDataDirLock(dataDir, fs);
    if (!taken.ok) throw new DataDirLockedError(taken.holderPid, taken.message);
    lock = taken.lock;
    if (taken.stalePid) report(`storage: took over ${lock.path} from pid ${taken.stalePid}, which is no longer running`);
  }
  if (readOnly) {
    notices.push({ kind: 'readOnly', message: `${readOnly.message}; starting read-only: changes apply until restart and are not saved` });
  } else {
    const files = await removeLeftoverTempFiles(dataDir, fs).catch((error: unknown) => {
      report(`storage: could not clean temp files in ${dataDir}: ${(error as Error).message}`);
      return [];
    });
    if (files.length) {
      notices.push({ kind: 'tempFilesRemoved', files, message: `removed ${files.length} temp file${files.length > 1 ? 's' : ''} left by a writer that was killed: ${files.join(', ')}` });
    }
  }

  const keyProvider = options.keyProvider ?? createDevKeyProvider(dataDir, fs);
  const documents = new Map<string, StoredDocument<unknown>>();
  const unsaved = async (run: (doc: StoredDocument<unknown>) => Promise<{ ok: boolean }>) => {
    const results = await Promise.all([...documents.values()].map(async (doc) => ((await run(doc)).ok ? null : doc.name)));
    return results.filter((name): name is string => name !== null);
  };

  return {
    dataDir,
    readOnly,
    notices,
    document<T>(spec: DocumentSpec<T>) {
      if (documents.has(spec.name)) throw new Error(`document "${spec.name}" is already open; share the one instance`);
      const doc = createStoredDocument(spec, {
        dataDir,
        fs,
        key: () => keyProvider.dataKey(),
        readOnly: () => readOnly,
        report,
        now,
        retry,
      });
      documents.set(spec.name, doc as StoredDocument<unknown>);
      return doc;
    },
    async list(folder) {
      const names = new Set<string>();
      try {
        for (const entry of await fs.readdir(resolve(dataDir, folder))) {
          const match = /^([a-z0-9][a-z0-9_-]*)\.json(\.bak)?$/i.exec(entry.name);
          if (match && entry.isFile()) names.add(`${folder}/${match[1]}`);
        }
      } catch (error) {
        if (errnoOf(error) !== 'ENOENT') throw error;
      }
      return [...names].sort();
    },
    flush: () => unsaved((doc) => doc.flush()),
    async close() {
      const left = await unsaved((doc) => doc.flush());
      for (const doc of documents.values()) doc.stop();
      if (left.length) report(`storage: closing with unsaved changes in ${left.join(', ')}`);
      await lock?.release();
      return left;
    },
  };
}

/** Null when the folder takes writes; the reason when it is read-only; throws when it cannot be used at all. */
async function probe(fs: StorageFs, dataDir: string): Promise<StorageError | null> {
  try {
    await fs.mkdir(dataDir, 0o700);
  } catch (error) {
    // mkdir of an existing folder on a read-only mount still fails with EROFS on some systems: stat decides.
    const isDir = await fs.stat(dataDir).then((s) => s.isDirectory(), () => false);
    if (!isDir) throw new StorageOpenError(dataDir, errnoOf(error) ?? 'error');
  }
  // Named like a temp file, so one left by a kill at this instant is cleaned at the next start.
  const probeFile = tempPathFor(resolve(dataDir, 'write-probe'));
  try {
    const file = await fs.open(probeFile, 'w', 0o600);
    await file.close();
    await fs.unlink(probeFile);
    return null;
  } catch (error) {
    const errno = errnoOf(error);
    if (errno === 'EROFS' || errno === 'EACCES' || errno === 'EPERM') {
      return describeFsError(error, `data dir ${dataDir} is not writable`);
    }
    // A full disk still lets us create an empty file, so anything else is not "read-only": saves will say.
    if (errno === 'ENOSPC' || errno === 'EDQUOT') return null;
    throw new StorageOpenError(dataDir, errno ?? 'error');
  }
}
