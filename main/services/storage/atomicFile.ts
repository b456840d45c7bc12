// Crash-safe file writes: temp file, fsync, rename, fsync of the folder — a reader sees old or new, never half.
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { isProcessAlive } from './processAlive';
import { errnoOf, nodeStorageFs, type StorageFs } from './storageFs';

/** Writes go out in pieces of this size, so a crash can (and in the crash test does) land inside one. */
export const WRITE_CHUNK_BYTES = 64 * 1024;

/** `.settings.json.<pid>.<8 hex>.tmp`: hidden, beside its target, naming the writer so start-up can tell stale ones. */
const TEMP_NAME = /^\.(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/;

export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Replaces `path` with `content` so that after a crash at any instant the file holds either the old or the
 * new content in full. Throws the file system's error (ENOSPC, EROFS…) and leaves the old file as it was.
 */
export async function writeFileAtomic(
  path: string,
  content: Uint8Array | string,
  fs: StorageFs = nodeStorageFs,
  mode = 0o600,
): Promise<void> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const dir = dirname(path);
  await fs.mkdir(dir, 0o700);
  const temp = tempPathFor(path);
  await writeDurably(fs, temp, bytes, mode);
  try {
    await fs.rename(temp, path);
  } catch (error) {
    await removeQuietly(fs, temp);
    throw error;
  }
  await syncDirectory(fs, dir);
}

/** Creates `path` with `content` only if it does not exist yet (EEXIST otherwise), never half-written. */
export async function createFileAtomic(path: string, content: Uint8Array, fs: StorageFs = nodeStorageFs, mode = 0o600) {
  const dir = dirname(path);
  await fs.mkdir(dir, 0o700);
  const temp = tempPathFor(path);
  await writeDurably(fs, temp, content, mode);
  try {
    await fs.link(temp, path); // link() refuses to replace: two creators cannot both win
  } finally {
    await removeQuietly(fs, temp);
  }
  await syncDirectory(fs, dir);
}

async function writeDurably(fs: StorageFs, temp: string, bytes: Uint8Array, mode: number): Promise<void> {
  const file = await fs.open(temp, 'wx', mode);
  try {
    for (let offset = 0; offset < bytes.length; ) {
      offset += await file.write(bytes, offset, Math.min(WRITE_CHUNK_BYTES, bytes.length - offset));
    }
    await file.sync();
  } catch (error) {
    await file.close().catch(() => undefined);
    await removeQuietly(fs, temp);
    throw error;
  }
  await file.close();
}

/** Makes a rename durable; file systems that cannot fsync a folder say so with these codes, which is harmless. */
export async function syncDirectory(fs: StorageFs, dir: string): Promise<void> {
  let handle;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (error) {
    if (!['EISDIR', 'EINVAL', 'ENOTSUP', 'EPERM', 'EBADF'].includes(errnoOf(error) ?? '')) throw error;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

async function removeQuietly(fs: StorageFs, path: string): Promise<void> {
  // A temp file that cannot be removed now is removed at the next start-up.
  await fs.unlink(path).catch(() => undefined);
}

/**
 * Removes temp files left by writers that were killed (their pid is gone) in `dir` and the folders below it,
 * down to `depth`; a live writer's temp files are left alone. Returns the removed paths.
 */
export async function removeLeftoverTempFiles(dir: string, fs: StorageFs = nodeStorageFs, depth = 2): Promise<string[]> {
  const removed: string[] = [];
  let entries;
  try {
    entries = await fs.readdir(dir);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return removed;
    throw error;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && depth > 0) {
      removed.push(...(await removeLeftoverTempFiles(path, fs, depth - 1)));
      continue;
    }
    const match = entry.isFile() ? TEMP_NAME.exec(entry.name) : null;
    if (!match) continue;
    const pid = Number(match[2]);
    if (pid === process.pid || isProcessAlive(pid)) continue; // a writer at work right now
    await fs.unlink(path);
    removed.push(path);
  }
  return removed;
}
