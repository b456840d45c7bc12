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
  private closed = false;
  private readonly writing = new Set<Promise<void>>();

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
    // After close the data folder is no longer the host's: an answer that arrives late is not written.
    if (this.closed) return;
    const write = (async () => writeBinaryAtomic(this.path, await serialise({ schemaVersion: CACHE_SCHEMA_VERSION, ...answer })))();
    this.writing.add(write);
    try {
      await write;
    } finally {
      this.writing.delete(write);
    }
  }

  /** No save starts after this; resolves when the saves under way are on disk. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.writing]);
  }
}

/** Items of a cached list serialised between two turns of the event loop (a feed's answer can be tens of MB). */
const ITEMS_PER_TURN = 500;

/** JSON.stringify, but a large `data` list is written a slice at a time so the host keeps answering meanwhile. */
async function serialise(doc: { data: unknown } & Record<string, unknown>): Promise<string> {
  const { data, ...head } = doc;
  if (!Array.isArray(data) || data.length <= ITEMS_PER_TURN) return JSON.stringify(doc);
  const parts: string[] = [`${JSON.stringify(head).slice(0, -1)},"data":[`];
  for (let i = 0; i < data.length; i += ITEMS_PER_TURN) {
    const slice = JSON.stringify(data.slice(i, i + ITEMS_PER_TURN));
    parts.push(i === 0 ? slice.slice(1, -1) : `,${slice.slice(1, -1)}`);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  parts.push(']}');
  return parts.join('');
}
