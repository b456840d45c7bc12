// The last good answer of a live station source on disk, with when it was fetched, so it can be shown (with its age) while the source is down.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeBinaryAtomic } from './binaryFile';

export const CACHE_SCHEMA_VERSION = 1;

export interface CachedAnswer<T> {
  fetchedAt: number;
  /** Where a delta fetch continues from (OCPI date_from), when the source supports it. */
  cursor?: number;
  data: T;
}

export class SourceCache<T> {
  readonly path: string;

  constructor(
    dir: string,
    source: string,
    private readonly report: (line: string) => void = () => undefined,
  ) {
    this.path = join(dir, `${source.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
  }

  /** The cached answer, or null when there is none; a corrupt file is reported and ignored, never thrown. */
  async load(): Promise<CachedAnswer<T> | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      return null;
    }
    try {
      const doc = JSON.parse(text) as { schemaVersion?: number } & CachedAnswer<T>;
      if (doc.schemaVersion !== CACHE_SCHEMA_VERSION || typeof doc.fetchedAt !== 'number' || doc.data === undefined) {
        this.report(`stations: cache ${this.path} has an unknown layout; ignored`);
        return null;
      }
      return { fetchedAt: doc.fetchedAt, cursor: doc.cursor, data: doc.data };
    } catch (error) {
      this.report(`stations: cache ${this.path} is corrupt (${(error as Error).message}); ignored`);
      return null;
    }
  }

  async save(answer: CachedAnswer<T>): Promise<void> {
    await writeBinaryAtomic(this.path, JSON.stringify({ schemaVersion: CACHE_SCHEMA_VERSION, ...answer }));
  }
}
