// The data-folder lock: <dataDir>/cabin.lock holds the pid of the one process allowed to write the folder.
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { createFileAtomic } from './atomicFile';
import { isProcessAlive } from './processAlive';
import { errnoOf, nodeStorageFs, type StorageFs } from './storageFs';

export const LOCK_FILE = 'cabin.lock';

export interface DataDirLock {
  readonly path: string;
  readonly pid: number;
  /** True when the folder is read-only: nobody can write it, so there was nothing to lock. */
  readonly readOnly: boolean;
  /** Removes the lock file if it is still ours. */
  release(): Promise<void>;
}

export type LockResult =
  | { ok: true; lock: DataDirLock; /** The pid of a dead holder whose lock was taken over. */ stalePid?: number }
  | { ok: false; holderPid: number; /** One line for the user, e.g. from `cabin profiles import`. */ message: string };

/** Locks held by this process, so a second acquire here is refused rather than mistaken for a stale lock. */
const heldHere = new Set<string>();

/**
 * Takes the lock if it is free or its holder is gone (a crash leaves a stale lock); refuses, naming the holder's
 * pid, while that process runs. A lock file with our own pid not held by this process is from an earlier run
 * (pids repeat after a reboot), so it is stale too.
 */
export async function acquireDataDirLock(dataDir: string, fs: StorageFs = nodeStorageFs): Promise<LockResult> {
  const path = join(resolve(dataDir), LOCK_FILE);
  if (heldHere.has(path)) return refuse(path, process.pid);
  let stalePid: number | undefined;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    try {
      await createFileAtomic(path, Buffer.from(`${process.pid}\n`), fs, 0o644);
      heldHere.add(path);
      return { ok: true, lock: held(path, fs, false), stalePid };
    } catch (error) {
      const errno = errnoOf(error);
      if (errno === 'EROFS') return { ok: true, lock: held(path, fs, true) };
      if (errno !== 'EEXIST') throw error;
    }
    const holder = await readPid(fs, path);
    if (holder === undefined) continue; // released between our attempt and the read: try again
    if (holder !== null && holder !== process.pid && isProcessAlive(holder)) return refuse(path, holder);
    // Stale. Move it to a unique name first and check it is still the stale one, so two processes taking over
    // the same stale lock cannot both win (the second would otherwise delete the first's fresh lock).
    const aside = `${path}.stale-${randomBytes(4).toString('hex')}`;
    try {
      await fs.rename(path, aside);
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') continue;
      throw error;
    }
    const moved = await readPid(fs, aside);
    if (moved !== holder && moved !== undefined && moved !== null && isProcessAlive(moved)) {
      await fs.link(aside, path).catch(() => undefined); // someone took it meanwhile: give it back
      await fs.unlink(aside).catch(() => undefined);
      return refuse(path, moved);
    }
    await fs.unlink(aside).catch(() => undefined);
    stalePid = holder ?? undefined;
  }
  throw new Error(`${path}: could not take the lock after 5 attempts (other processes keep changing it)`);
}

/** Who holds the folder now, without taking it: null when nobody (no file, or its holder is gone). */
export async function readDataDirLock(dataDir: string, fs: StorageFs = nodeStorageFs): Promise<{ holderPid: number } | null> {
  const path = join(resolve(dataDir), LOCK_FILE);
  const pid = await readPid(fs, path);
  if (pid === undefined || pid === null) return null;
  if (pid === process.pid) return heldHere.has(path) ? { holderPid: pid } : null;
  return isProcessAlive(pid) ? { holderPid: pid } : null;
}

function refuse(path: string, holderPid: number): LockResult {
  return { ok: false, holderPid, message: `the data folder is in use by Cabin (pid ${holderPid}); stop it first (lock ${path})` };
}

function held(path: string, fs: StorageFs, readOnly: boolean): DataDirLock {
  let released = false;
  return {
    path,
    pid: process.pid,
    readOnly,
    async release() {
      if (released || readOnly) return;
      released = true;
      heldHere.delete(path);
      if ((await readPid(fs, path)) === process.pid) await fs.unlink(path).catch(() => undefined);
    },
  };
}

/** The pid in a lock file; null when the file holds no pid; undefined when there is no file. */
async function readPid(fs: StorageFs, path: string): Promise<number | null | undefined> {
  let text: string;
  try {
    const file = await fs.open(path, 'r');
    try {
      const buffer = Buffer.alloc(64);
      text = buffer.subarray(0, await file.read(buffer, 0, buffer.length, 0)).toString('utf8');
    } finally {
      await file.close();
    }
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return undefined;
    throw error;
  }
  const pid = /^\s*(\d{1,10})\s*$/.exec(text);
  return pid ? Number(pid[1]) : null;
}
