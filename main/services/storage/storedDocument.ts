// One stored document: load with recovery from its last-good backup, saves queued and retried with backoff.
import { join } from 'node:path';
import { writeFileAtomic } from './atomicFile';
import { checkFormat, decodeDocument, describeZodIssues, encodeDocument, storedSize, type DocumentFormat } from './documentCodec';
import { sealDocument } from './encryption';
import { describeFsError, errnoOf, type StorageError, type StorageFs } from './storageFs';

/** Files larger than this are moved aside unread (a stat comes first): a settings or profile file is a few KiB. */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

export interface DocumentSpec<T> extends DocumentFormat<T> {
  /** What the driver gets when nothing usable is stored. */
  defaults: () => T;
  /** Per-document limit in bytes on disk; MAX_DOCUMENT_BYTES when absent. */
  maxBytes?: number;
}

/** Something the caller should tell the driver (a notice) or support (a log line); `message` is that line. */
export type StorageNotice =
  | { kind: 'restoredFromBackup'; document: string; message: string }
  | { kind: 'reset'; document: string; message: string }
  | { kind: 'newerSchema'; document: string; message: string; found: number; supported: number; keptAs?: string }
  | { kind: 'wrongKey'; document: string; message: string; keptAs?: string }
  | { kind: 'keyUnavailable'; document: string; message: string }
  /** A restored backup could not be written back (disk full…): it is in force and pending, and retried. */
  | { kind: 'notSaved'; document: string; message: string; error: StorageError }
  | { kind: 'readOnly'; message: string }
  | { kind: 'tempFilesRemoved'; message: string; files: string[] };

export type LoadSource = 'file' | 'backup' | 'defaults';
export interface Loaded<T> {
  data: T;
  source: LoadSource;
  notices: StorageNotice[];
}

/** `pending`: the change is kept and will be written by a retry (false: it is in memory only, or refused). */
export type SaveResult = { ok: true } | { ok: false; error: StorageError; pending: boolean };

export type SaveStatus =
  | { state: 'saved' }
  | { state: 'saving' }
  | { state: 'retrying'; error: StorageError; attempts: number; retryInMs: number }
  /** Saves cannot happen (read-only folder, a file that could not be moved aside): changes live in memory. */
  | { state: 'readOnly'; error: StorageError };

export interface StoredDocument<T> {
  readonly name: string;
  readonly path: string;
  /** Reads the document, recovering what can be recovered; never throws. Call once before saving. */
  load(): Promise<Loaded<T>>;
  /** Validates and writes `data`; on failure the change stays pending and is retried with backoff. */
  save(data: T): Promise<SaveResult>;
  status(): SaveStatus;
  /** Called on every status change; returns an unsubscribe function. */
  onStatus(listener: (status: SaveStatus) => void): () => void;
  /** Tries a pending save now (not waiting for the backoff) and answers whether everything is on disk. */
  flush(): Promise<SaveResult>;
  /** Erases the document, its backup and any copies set aside (deleting a profile erases its data). */
  remove(): Promise<SaveResult>;
  /** Stops retrying (at close); a pending change stays unsaved and is reported by flush(). */
  stop(): void;
}

export interface DocumentContext {
  dataDir: string;
  fs: StorageFs;
  /** The data key, asked for only when an encrypted file is read or written. */
  key: () => Promise<Uint8Array>;
  /** Why nothing may be written (read-only folder), or null. */
  readOnly: () => StorageError | null;
  report: (line: string) => void;
  /** Wall clock, only to name set-aside copies. */
  now: () => number;
  retry: { firstDelayMs: number; maxDelayMs: number };
}

type AsideReason = 'corrupt' | 'too-large' | 'not-a-file' | 'unreadable' | 'newer-schema' | 'other-key';

type Inspected<T> =
  | { state: 'missing' }
  | { state: 'good'; data: T; bytes: Buffer }
  | { state: 'bad'; reason: AsideReason; message: string; found?: number; supported?: number }
  | { state: 'keyUnavailable'; message: string };

const DOCUMENT_NAME = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_-]*)?$/i;

export function createStoredDocument<T>(spec: DocumentSpec<T>, ctx: DocumentContext): StoredDocument<T> {
  if (!DOCUMENT_NAME.test(spec.name)) throw new Error(`document name "${spec.name}": use letters, digits, - and _, one folder at most`);
  checkFormat(spec as DocumentFormat<unknown>);
  const { fs } = ctx;
  const maxBytes = spec.maxBytes ?? MAX_DOCUMENT_BYTES;
  const path = join(ctx.dataDir, `${spec.name}.json`);
  const backupPath = `${path}.bak`;

  let loaded = false;
  /** Bytes of the main file when it is known good (read and valid, or written by us); it becomes the backup. */
  let lastGood: Buffer | null = null;
  /** Bytes the backup is known to hold, so a retry does not rewrite it. */
  let backupHolds: Buffer | null = null;
  /** Set when this document must not be written (a bad file could not be moved aside, no key). */
  let blocked: StorageError | null = null;
  let pending: { plain: Buffer } | null = null;
  let chain: Promise<unknown> = Promise.resolve();
  let failures = 0;
  let lastError: StorageError | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let stopped = false;
  let current: SaveStatus = { state: 'saved' };
  const listeners = new Set<(status: SaveStatus) => void>();

  const setStatus = (next: SaveStatus) => {
    current = next;
    for (const listener of listeners) listener(next);
  };
  const refusal = (): StorageError | null => ctx.readOnly() ?? blocked;

  const readLimited = async (file: string, size: number): Promise<Buffer> => {
    const handle = await fs.open(file, 'r');
    try {
      // The file may grow between stat and read: never read more than the limit allows.
      const buffer = Buffer.alloc(Math.min(size, maxBytes) + 1);
      let length = 0;
      while (length < buffer.length) {
        const n = await handle.read(buffer, length, buffer.length - length, length);
        if (n === 0) break;
        length += n;
      }
      return buffer.subarray(0, length);
    } finally {
      await handle.close();
    }
  };

  const inspect = async (file: string): Promise<Inspected<T>> => {
    let size: number;
    try {
      const stats = await fs.stat(file);
      if (!stats.isFile()) {
        return { state: 'bad', reason: 'not-a-file', message: `${file}: ${stats.isDirectory() ? 'a directory' : 'not a regular file'} is in the document's place` };
      }
      size = stats.size;
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') return { state: 'missing' };
      return { state: 'bad', reason: 'unreadable', message: describeFsError(error, `examining ${file}`).message };
    }
    if (size > maxBytes) {
      return { state: 'bad', reason: 'too-large', message: `${file}: ${formatBytes(size)} is over the ${formatBytes(maxBytes)} limit for a stored document; not read` };
    }
    let bytes: Buffer;
    try {
      bytes = await readLimited(file, size);
    } catch (error) {
      return { state: 'bad', reason: 'unreadable', message: describeFsError(error, `reading ${file}`).message };
    }
    if (bytes.length > maxBytes) {
      return { state: 'bad', reason: 'too-large', message: `${file}: grew over the ${formatBytes(maxBytes)} limit while being read; not read` };
    }
    const decoded = await decodeDocument(spec, bytes, file, ctx.key);
    if (decoded.ok) return { state: 'good', data: decoded.data, bytes };
    switch (decoded.problem) {
      case 'newerSchema':
        return { state: 'bad', reason: 'newer-schema', message: decoded.message, found: decoded.found, supported: decoded.supported };
      case 'wrongKey':
        return { state: 'bad', reason: 'other-key', message: decoded.message };
      case 'keyUnavailable':
        return { state: 'keyUnavailable', message: decoded.message };
      default:
        return { state: 'bad', reason: 'corrupt', message: decoded.message };
    }
  };

  /** Moves a bad file out of the way, never deleting it; answers where it went, or why it stays. */
  const setAside = async (file: string, found: Extract<Inspected<T>, { state: 'bad' }>): Promise<{ keptAs?: string; note: string }> => {
    const readOnly = ctx.readOnly();
    if (readOnly) return { note: 'left in place (read-only data folder)' };
    const tag = found.reason === 'newer-schema' ? `newer-schema-${found.found}` : found.reason;
    for (let n = 0; n < 100; n += 1) {
      const target = `${file}.${tag}-${ctx.now()}${n ? `-${n}` : ''}`;
      try {
        await fs.stat(target);
        continue; // a copy set aside in the same millisecond: pick another name
      } catch {
        // free name
      }
      try {
        await fs.rename(file, target);
        return { keptAs: target, note: `kept as ${target}` };
      } catch (error) {
        const why = describeFsError(error, `moving ${file} aside`);
        // Overwriting a file we could not keep would lose it: this document stays read-only until restart.
        blocked = { kind: 'readOnly', errno: why.errno, message: `${why.message}; not overwriting it` };
        return { note: `left in place: ${why.message}` };
      }
    }
    blocked = { kind: 'io', message: `${file}: no free name to set it aside` };
    return { note: 'left in place' };
  };

  const attempt = async (): Promise<SaveResult> => {
    const job = pending;
    if (!job) return { ok: true };
    const refused = refusal();
    if (refused) return { ok: false, error: refused, pending: false };
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    setStatus({ state: 'saving' });
    let key: Uint8Array | null = null;
    try {
      if (spec.encrypted) key = await ctx.key();
    } catch (error) {
      return failed({ kind: 'io', message: `saving ${path}: ${(error as Error).message}` });
    }
    try {
      const bytes = key ? sealDocument(key, spec.name, job.plain) : job.plain;
      // The good file being replaced becomes the backup; nothing else ever overwrites the backup.
      if (lastGood && !(backupHolds && backupHolds.equals(lastGood))) {
        await writeFileAtomic(backupPath, lastGood, fs);
        backupHolds = lastGood;
      }
      await writeFileAtomic(path, bytes, fs);
      lastGood = bytes;
      if (pending === job) pending = null;
      if (failures > 0) ctx.report(`storage: ${path} saved after ${failures} failed attempt${failures > 1 ? 's' : ''}`);
      failures = 0;
      lastError = null;
      setStatus(pending ? { state: 'saving' } : { state: 'saved' });
      return { ok: true };
    } catch (error) {
      return failed(describeFsError(error, `saving ${path}`));
    }
  };

  const failed = (error: StorageError): SaveResult => {
    failures += 1;
    lastError = error;
    const retryInMs = Math.min(ctx.retry.firstDelayMs * 2 ** (failures - 1), ctx.retry.maxDelayMs);
    setStatus({ state: 'retrying', error, attempts: failures, retryInMs });
    ctx.report(`storage: ${error.message}; the change is kept and retried in ${retryInMs} ms (attempt ${failures})`);
    if (!stopped) {
      retryTimer = setTimeout(() => void enqueue(), retryInMs);
      retryTimer.unref(); // a retry never keeps the process alive; close() flushes once more
    }
    return { ok: false, error, pending: true };
  };

  // Attempts run one at a time, each writing the newest pending change, so the file ends with the latest.
  const enqueue = (): Promise<SaveResult> => {
    const run = chain.then(attempt);
    chain = run.catch(() => undefined);
    return run;
  };

  const load = async (): Promise<Loaded<T>> => {
    await chain;
    loaded = true;
    lastGood = null;
    backupHolds = null;
    blocked = null;
    const notices: StorageNotice[] = [];
    const document = spec.name;
    const main = await inspect(path);
    if (main.state === 'good') {
      lastGood = main.bytes;
      return { data: main.data, source: 'file', notices };
    }
    if (main.state === 'keyUnavailable') {
      blocked = { kind: 'readOnly', message: main.message };
      notices.push({ kind: 'keyUnavailable', document, message: `${main.message}; the file is left as it is and not overwritten` });
      return { data: spec.defaults(), source: 'defaults', notices };
    }
    // Damage (corrupt, too large, unreadable) is summed up in one restored/reset notice; a newer schema and
    // another device's key are not damage and get their own notice.
    const problems: string[] = [];
    const handleBad = async (file: string, found: Inspected<T>): Promise<string> => {
      if (found.state !== 'bad') return `${file} is missing`;
      const { keptAs, note } = await setAside(file, found);
      const line = `${found.message}; ${note}`;
      if (found.reason === 'newer-schema') {
        notices.push({ kind: 'newerSchema', document, message: line, found: found.found!, supported: found.supported!, keptAs });
      } else if (found.reason === 'other-key') {
        notices.push({ kind: 'wrongKey', document, message: line, keptAs });
      } else {
        problems.push(line);
      }
      return line;
    };
    const why = await handleBad(path, main);
    const backup = await inspect(backupPath);
    if (backup.state === 'good') {
      notices.push({ kind: 'restoredFromBackup', document, message: `${why}; restored the last good copy from ${backupPath}` });
      backupHolds = backup.bytes;
      if (!refusal()) {
        pending = { plain: encodeDocument(spec, backup.data) };
        const written = await enqueue();
        if (!written.ok) {
          notices.push({ kind: 'notSaved', document, error: written.error, message: `restoring ${path} from its backup: ${written.error.message}; the restored copy is in use and retried` });
        }
      }
      return { data: backup.data, source: 'backup', notices };
    }
    if (backup.state === 'keyUnavailable') {
      blocked = { kind: 'readOnly', message: backup.message };
      notices.push({ kind: 'keyUnavailable', document, message: backup.message });
    }
    await handleBad(backupPath, backup);
    if (problems.length) notices.push({ kind: 'reset', document, message: `${problems.join('; ')}; using defaults` });
    return { data: spec.defaults(), source: 'defaults', notices };
  };

  return {
    name: spec.name,
    path,
    load,
    async save(data) {
      if (!loaded) throw new Error(`${spec.name}: load() before save(), so the file on disk is known before it is replaced`);
      const checked = spec.schema.safeParse(data);
      if (!checked.success) {
        return { ok: false, pending: false, error: { kind: 'invalid', message: `${spec.name}: ${describeZodIssues(checked.error)}` } };
      }
      const plain = encodeDocument(spec, checked.data);
      const size = storedSize(spec, plain.length);
      if (size > maxBytes) {
        const message = `${spec.name}: ${formatBytes(size)} is over the ${formatBytes(maxBytes)} limit; not saved`;
        return { ok: false, pending: false, error: { kind: 'tooLarge', message } };
      }
      pending = { plain };
      const refused = refusal();
      if (refused) {
        // Kept in memory for this session; the status says why it cannot reach the disk.
        setStatus({ state: 'readOnly', error: refused });
        return { ok: false, error: refused, pending: false };
      }
      return enqueue();
    },
    status: () => current,
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async flush() {
      if (pending && !refusal()) return enqueue();
      await chain;
      if (!pending) return { ok: true };
      return { ok: false, error: refusal() ?? lastError ?? { kind: 'io', message: `${path}: not saved` }, pending: !refusal() };
    },
    async remove() {
      await chain;
      const refused = refusal();
      if (refused) return { ok: false, error: refused, pending: false };
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      pending = null;
      try {
        const folder = join(path, '..');
        const prefix = `${spec.name.split('/').pop()}.json`;
        for (const entry of await fs.readdir(folder)) {
          if (entry.name === prefix || (entry.name.startsWith(`${prefix}.`) && !entry.name.endsWith('.tmp'))) {
            await fs.unlink(join(folder, entry.name));
          }
        }
      } catch (error) {
        if (errnoOf(error) !== 'ENOENT') return { ok: false, error: describeFsError(error, `removing ${path}`), pending: false };
      }
      lastGood = null;
      backupHolds = null;
      setStatus({ state: 'saved' });
      return { ok: true };
    },
    stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
    },
  };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
