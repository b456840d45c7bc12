// Open Charge Map API client: POIs around a position (only with the driver's consent), reference data, retries, and the last answer cached with its age.
import { importOcmPois, readOcmReference, type OcmReference } from '../../../shared/stations/ocmImport';
import type { ImportReport } from '../../../shared/stations/importReport';
import { DEFAULT_HTTP, getJson, type HttpOptions } from './httpJson';
import { SourceCache } from './sourceCache';
import type { SourceState } from './ocpiClient';

export interface OcmClientOptions {
  /** API root, e.g. https://api.openchargemap.io/v3. */
  baseUrl: string;
  apiKey?: string;
  source?: string;
  http?: Partial<HttpOptions>;
  cacheDir: string;
  /** Whether the driver has agreed to send the car's position out of the car (asked once per profile). */
  positionSharingAllowed: () => boolean;
  now?: () => number;
  report?: (line: string) => void;
}

export interface OcmState extends SourceState {
  report?: ImportReport;
  /** Where the cached answer was asked for. */
  around?: { lat: number; lon: number; distanceKm: number };
}

interface CachedPois {
  around: { lat: number; lon: number; distanceKm: number };
  pois: unknown[];
}

/** Thrown (as a value in the state's error) when the position may not leave the car. */
export const NO_CONSENT = 'the driver has not agreed to share the car position with Open Charge Map';

export class OcmClient {
  private reference: OcmReference | null = null;
  private state: OcmState = { locations: [], fetchedAt: 0 };
  private readonly source: string;
  private readonly http: HttpOptions;
  private readonly poiCache: SourceCache<CachedPois>;
  private readonly referenceCache: SourceCache<unknown>;
  private readonly now: () => number;

  constructor(private readonly options: OcmClientOptions) {
    this.source = options.source ?? 'openchargemap';
    this.now = options.now ?? Date.now;
    const headers: Record<string, string> = { ...options.http?.headers };
    if (options.apiKey) headers['x-api-key'] = options.apiKey;
    this.http = { ...DEFAULT_HTTP, ...options.http, headers };
    this.poiCache = new SourceCache(options.cacheDir, this.source, options.report);
    this.referenceCache = new SourceCache(options.cacheDir, `${this.source}-reference`, options.report);
  }

  async restore(): Promise<void> {
    const reference = await this.referenceCache.load();
    if (reference) this.reference = readOcmReference(reference.data);
    const cached = await this.poiCache.load();
    if (cached) this.state = { ...this.importPois(cached.data.pois), fetchedAt: cached.fetchedAt, around: cached.data.around };
  }

  /** Writes nothing more to its caches; waits for saves under way. */
  async close(): Promise<void> {
    await Promise.all([this.poiCache.close(), this.referenceCache.close()]);
  }

  current(): OcmState {
    return this.state;
  }

  /** POIs within `distanceKm` of the position; on failure (or without consent) the last answer stays, with the error. */
  async fetchAround(lat: number, lon: number, distanceKm: number, maxResults = 500): Promise<OcmState> {
    if (!this.options.positionSharingAllowed()) {
      this.state = { ...this.state, error: NO_CONSENT };
      return this.state;
    }
    const startedAt = this.now();
    try {
      await this.ensureReference();
      const url = new URL(`${this.options.baseUrl.replace(/\/$/, '')}/poi/`);
      const params = { output: 'json', compact: 'true', verbose: 'false', latitude: lat, longitude: lon, distance: distanceKm, distanceunit: 'KM', maxresults: maxResults };
      for (const [k, v] of Object.entries(params)) url.searchParams.set(k, String(v));
      const response = await getJson(url.toString(), this.http);
      const around = { lat, lon, distanceKm };
      this.state = { ...this.importPois(response.body as unknown[]), fetchedAt: startedAt, around };
      await this.poiCache.save({ fetchedAt: startedAt, data: { around, pois: response.body as unknown[] } }).catch((error: Error) => {
        this.options.report?.(`stations: could not cache ${this.source}: ${error.message}`);
      });
    } catch (error) {
      this.state = { ...this.state, error: error instanceof Error ? error.message : String(error) };
    }
    return this.state;
  }

  private async ensureReference(): Promise<void> {
    if (this.reference) return;
    const response = await getJson(`${this.options.baseUrl.replace(/\/$/, '')}/referencedata/`, this.http);
    this.reference = readOcmReference(response.body);
    await this.referenceCache.save({ fetchedAt: this.now(), data: response.body }).catch(() => undefined);
  }

  private importPois(pois: unknown): Omit<OcmState, 'fetchedAt'> {
    const result = importOcmPois(pois, { source: this.source, now: this.now(), reference: this.reference ?? readOcmReference(null) });
    return { locations: result.locations, report: result.report };
  }
}
