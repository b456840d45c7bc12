// A JSON document on disk with a schema version, a last-good backup and recovery from corruption.
import { readFile, rename } from 'node:fs/promises';
import type { z } from 'zod';
import { describeIssues } from '../../../shared/ipc/intents';
import { writeFileAtomic } from './atomicFile';

export interface StoredDocument<T> {
  schemaVersion: number;
  data: T;
}

export type LoadOutcome<T> =
  | { kind: 'missing'; data: T }
  | { kind: 'loaded'; data: T }
  | { kind: 'recovered'; data: T; problem: string; movedTo: string }
  | { kind: 'reset'; data: T; problem: string; movedTo: string };

export interface VersionedJsonStore<T> {
  load(): Promise<LoadOutcome<T>>;
  save(data: T): Promise<void>;
  readonly path: string;
}

export interface VersionedJsonStoreOptions<T> {
  path: string;
  schemaVersion: number;
  schema: z.ZodType<T>;
  defaults: () => T;
  /** Upgrades a document written by an older schema version; absent when there is only version 1. */
  migrate?: (from: number, data: unknown) => unknown;
  now?: () => number;
}

export function createVersionedJsonStore<T>(options: VersionedJsonStoreOptions<T>): VersionedJsonStore<T> {
  const { path, schemaVersion, schema, defaults, migrate, now = Date.now } = options;
  const backupPath = `${path}.bak`;
  /** Text of the valid document now on disk, if any: it becomes the backup when replaced. */
  let lastGoodText: string | null = null;

  const parse = (text: string, file: string): T => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
    }
    const doc = json as Partial<StoredDocument<unknown>> | null;
    if (!doc || typeof doc !== 'object' || typeof doc.schemaVersion !== 'number' || !('data' in doc)) {
      throw new Error(`${file}: expected {"schemaVersion": <number>, "data": {…}}`);
    }
    if (doc.schemaVersion > schemaVersion) {
      throw new Error(`${file}: schemaVersion ${doc.schemaVersion} is newer than this Cabin understands (${schemaVersion})`);
    }
    const upgraded = doc.schemaVersion < schemaVersion && migrate ? migrate(doc.schemaVersion, doc.data) : doc.data;
    const result = schema.safeParse(upgraded);
    if (!result.success) throw new Error(`${file}: data.${describeIssues(result.error)}`);
    return result.data;
  };

  const readIfExists = async (file: string): Promise<string | null> => {
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  };

  return {
    path,
    async load() {
      const text = await readIfExists(path);
      if (text === null) return { kind: 'missing', data: defaults() };
      try {
        const data = parse(text, path);
        lastGoodText = text;
        return { kind: 'loaded', data };
      } catch (error) {
        const problem = (error as Error).message;
        // Never delete what the driver had: keep the unreadable file beside it for support.
        const movedTo = `${path}.corrupt-${now()}`;
        await rename(path, movedTo);
        const backup = await readIfExists(backupPath);
        if (backup !== null) {
          try {
            const data = parse(backup, backupPath);
            await writeFileAtomic(path, backup);
            lastGoodText = backup;
            return { kind: 'recovered', data, problem, movedTo };
          } catch {
            // The backup is bad too: fall through to defaults.
          }
        }
        return { kind: 'reset', data: defaults(), problem, movedTo };
      }
    },
    async save(data) {
      const checked = schema.parse(data);
      const doc: StoredDocument<T> = { schemaVersion, data: checked };
      const text = `${JSON.stringify(doc, null, 2)}\n`;
      // The document being replaced was valid (we loaded or wrote it), so it becomes the last-good backup.
      if (lastGoodText !== null) await writeFileAtomic(backupPath, lastGoodText);
      await writeFileAtomic(path, text);
      lastGoodText = text;
    },
  };
}
