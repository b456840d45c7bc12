// OCPI Locations client: paginated (Link header, else offset/limit with X-Total-Count), date_from deltas, retries, and the last good set cached with its age.
import { OcpiLocationSet } from '../../../shared/stations/ocpiPatch';
import { ocpiRecords } from '../../../shared/stations/ocpiFeed';
import type { Location } from '../../../shared/stations/model';
import type { JsonObject } from '../../../shared/stations/feedValues';
import { DEFAULT_HTTP, getJson, SourceError, type HttpOptions } from './httpJson';
import { SourceCache } from './sourceCache';

export interface OcpiClientOptions {
  /** The Locations endpoint, e.g. https://cpo.example/ocpi/2.2.1/locations. */
  url: string;
  /** Source name: identity of records without a party, and the cache file name. */
  source: string;
  /** OCPI 2.2 credentials token (sent base64-encoded as "Token …"). */
  token?: string;
  pageLimit?: number;
  /** Stops a misbehaving server that never ends its pages. */
  maxPages?: number;
  http?: Partial<HttpOptions>;
  cacheDir: string;
  now?: () => number;
  report?: (line: string) => void;
}

export interface SourceState {
  locations: Location[];
  /** When the data was last read from the source (or from the cache's record of it), epoch ms; 0 before any. */
  fetchedAt: number;
  /** Set when the last attempt failed: the data shown is the previous (possibly cached) set. */
  error?: string;
  /** Pages and records of the last successful sync. */
  lastSync?: { pages: number; records: number; delta: boolean; rejected: number };
}

/** Records normalised between two turns of the event loop. */
const YIELD_EVERY = 250;
export const yieldToHost = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Deltas ask from a little before the last sync, so an update stamped during the previous fetch is not missed. */
const DELTA_OVERLAP_MS = 60_000;

export class OcpiLocationsClient {
  private set: OcpiLocationSet;
  private fetchedAt = 0;
  private cursor: number | undefined;
  private error: string | undefined;
  private lastSync: SourceState['lastSync'];
  private readonly cache: SourceCache<JsonObject[]>;
  private readonly now: () => number;
  private readonly http: HttpOptions;

  constructor(private readonly options: OcpiClientOptions) {
    this.now = options.now ?? Date.now;
    this.set = new OcpiLocationSet(options.source, this.now);
    this.cache = new SourceCache(options.cacheDir, options.source, options.report);
    const headers: Record<string, string> = { ...options.http?.headers };
    if (options.token) headers.authorization = `Token ${Buffer.from(options.token).toString('base64')}`;
    this.http = { ...DEFAULT_HTTP, ...options.http, headers };
  }

  /** Loads the cached set from disk (if any), so something is shown before the first fetch. */
  async restore(): Promise<void> {
    const cached = await this.cache.load();
    if (!cached || !Array.isArray(cached.data)) return;
    const set = new OcpiLocationSet(this.options.source, this.now);
    cached.data.forEach((raw, k) => set.upsert(raw, `cache[${k}]`));
    this.set = set;
    this.fetchedAt = cached.fetchedAt;
    this.cursor = cached.cursor;
  }

  /** Writes nothing more to its cache (a sync still on its way is dropped); waits for a save under way. */
  close(): Promise<void> {
    return this.cache.close();
  }

  state(): SourceState {
    return { locations: this.set.locations(), fetchedAt: this.fetchedAt, error: this.error, lastSync: this.lastSync };
  }

  /**
   * A full fetch the first time, deltas (date_from) after that. On failure the previous set stays and the
   * error is kept for the freshness report; nothing is thrown.
   */
  async sync(options: { full?: boolean } = {}): Promise<SourceState> {
    const startedAt = this.now();
    const delta = !options.full && this.cursor !== undefined;
    const dateFrom = delta ? new Date(this.cursor! - DELTA_OVERLAP_MS).toISOString() : undefined;
    try {
      const { records, pages } = await this.fetchPages(dateFrom);
      const next = delta ? this.set : new OcpiLocationSet(this.options.source, this.now);
      let rejected = 0;
      for (let k = 0; k < records.length; k++) {
        if (!next.upsert(records[k], `$.data[${k}]`).ok) rejected += 1;
        // A big feed gives way to the rest of the host (the screens' updates) every few hundred records.
        if (k % YIELD_EVERY === YIELD_EVERY - 1) await yieldToHost();
      }
      this.set = next;
      this.fetchedAt = startedAt;
      this.cursor = startedAt;
      this.error = undefined;
      this.lastSync = { pages, records: records.length, delta, rejected };
      await this.cache.save({ fetchedAt: startedAt, cursor: startedAt, data: this.set.rawObjects() }).catch((error: Error) => {
        this.options.report?.(`stations: could not cache ${this.options.source}: ${error.message}`);
      });
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      this.options.report?.(`stations: ${this.options.source} unreachable, showing data from ${this.fetchedAt ? new Date(this.fetchedAt).toISOString() : 'nowhere'}: ${this.error}`);
    }
    return this.state();
  }

  private async fetchPages(dateFrom: string | undefined): Promise<{ records: unknown[]; pages: number }> {
    const limit = this.options.pageLimit ?? 100;
    const maxPages = this.options.maxPages ?? 10_000;
    const first = new URL(this.options.url);
    first.searchParams.set('offset', '0');
    first.searchParams.set('limit', String(limit));
    if (dateFrom) first.searchParams.set('date_from', dateFrom);
    const records: unknown[] = [];
    const visited = new Set<string>();
    let url: string | null = first.toString();
    let offset = 0;
    let pages = 0;
    while (url) {
      if (visited.has(url)) throw new SourceError(`pagination loops back to ${url}`, false);
      if (++pages > maxPages) throw new SourceError(`more than ${maxPages} pages; stopped`, false);
      visited.add(url);
      const response = await getJson(url, this.http);
      const { records: page, problem } = ocpiRecords(response.body);
      if (problem) throw new SourceError(`page ${pages}: ${problem}`, false, response.status);
      records.push(...page);
      offset += page.length;
      url = nextPage(response.headers, url, offset, page.length, limit);
    }
    return { records, pages };
  }
}

/** The next page: the Link rel="next" target, else the next offset while X-Total-Count says more remain. */
function nextPage(headers: Headers, current: string, offset: number, got: number, limit: number): string | null {
  const link = headers.get('link');
  if (link) {
    for (const part of link.split(',')) {
      const m = /<([^>]*)>\s*;\s*rel="?next"?/i.exec(part);
      if (m) return new URL(m[1], current).toString();
    }
    return null;
  }
  if (got === 0) return null;
  const total = Number(headers.get('x-total-count'));
  const serverLimit = Number(headers.get('x-limit')) || limit;
  const more = Number.isFinite(total) && headers.has('x-total-count') ? offset < total : got >= serverLimit;
  if (!more) return null;
  const next = new URL(current);
  next.searchParams.set('offset', String(offset));
  return next.toString();
}
