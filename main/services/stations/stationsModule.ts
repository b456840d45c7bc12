// The stations service module: the station index and live sources in the host, `stations.*` intents, the vehicle context, and the port through which the CLI hands in its operators and other features add low-battery options.
import { DEFAULT_STATION_FILTERS, MAP_POINT_FLAGS, MAX_MAP_POINTS, stationFiltersSchema, type StationFilters } from '../../../shared/ipc/stations';
import { favouriteChanged, stationsConsentChanged } from '../../../shared/state/stationsSlice';
import { IntentRefused, type IntentHandlers } from '../../host/intentRouter';
import type { HostService, ServiceFactory } from '../../host/service';
import type { HttpOptions } from './httpJson';
import type { OptionProvider } from './lowBatteryAssistant';
import { openStationPreferences, PreferenceRefused } from './stationPreferences';
import { toStationQuery } from './stationQueries';
import { DEFAULT_TIMINGS, SearchRefused, startStationsRuntime, type RuntimeTimings, type StationsRuntime } from './stationsRuntime';
import { startStationsService, type OcpiSourceConfig } from './stationsService';
import { seenAtConverter, toDetail } from './stationViews';
import { readSourcesConfig } from './sourcesConfig';

/** What other parts of the host reach the stations service through (ctx.ports.stations). */
export interface StationsPort {
  /**
   * A live OCPI source found after start — the simulated charge-point operator the CLI starts, on loopback.
   * Its cache shows at once; it syncs now and at every refresh. The answer stops syncing it.
   */
  attachOcpiSource(source: OcpiSourceConfig): () => void;
  /** Low-battery options from another feature (swap stations), offered beside the charging ones. */
  addOptionProvider(provider: OptionProvider): () => void;
}

export interface StationsServiceModuleOptions {
  /** The shipped dataset (default assets/stations/offline.cstn); null for none. */
  offlineDataset?: string | null;
  /** Live sources are asked again this often (default: the configuration's, else 60 s). */
  refreshMs?: number;
  http?: Partial<HttpOptions>;
  timings?: Partial<RuntimeTimings>;
}

const DEFAULT_REFRESH_MS = 60_000;

export function createStationsService(options: StationsServiceModuleOptions = {}): ServiceFactory {
  return async (ctx): Promise<HostService> => {
    const { storage, dataDir, report, wallClock, clock, ports, store } = ctx;
    const config = await readSourcesConfig(dataDir, report);
    const prefs = await openStationPreferences(storage, () => ports.profilePreferences, report);
    const toSeenAt = seenAtConverter(clock, wallClock);

    // The dataset loads in the background: the host (and the first screen) does not wait for it.
    let runtime: StationsRuntime | null = null;
    let closed = false;
    const starting = startStationsService({
      dataDir,
      offlineDataset: options.offlineDataset,
      ocpiSources: config.ocpi,
      ocm: config.ocm,
      positionSharingAllowed: () => runtime?.driver().consent === 'granted',
      http: options.http,
      now: wallClock,
      report,
    }).then(async (data) => {
      if (closed) {
        await data.close();
        return null;
      }
      runtime = startStationsRuntime(ctx, data, prefs, { ...DEFAULT_TIMINGS, ...options.timings }, config.ocm !== undefined);
      for (const provider of pendingProviders) runtime.assistant.addProvider(provider);
      // Configured operators show their cache at once and are asked now, not at the first refresh tick.
      if (config.ocpi.length) void runtime.refreshSources().catch((error: Error) => report(`stations: first sync failed: ${error.message}`));
      return runtime;
    });
    starting.catch((error: Error) => report(`stations: could not start: ${error.message}`));
    const pendingProviders: OptionProvider[] = [];
    const ready = async (): Promise<StationsRuntime> => {
      const r = await starting.catch(() => null);
      if (!r) throw new IntentRefused('station search is not available', { key: 'charging.errors.unavailable' });
      return r;
    };

    const refreshMs = options.refreshMs ?? config.refreshMs ?? DEFAULT_REFRESH_MS;
    const timer = setInterval(() => void runtime?.refreshSources().catch((error: Error) => report(`stations: refresh failed: ${error.message}`)), refreshMs);
    timer.unref();

    const port: StationsPort = {
      attachOcpiSource(source) {
        let detached = false;
        void ready()
          .then(async (r) => {
            if (detached) return;
            const freshness = await r.data.addOcpiSource(source);
            report(`stations: ${source.source}: ${freshness.error ? `unreachable (${freshness.error}); cached data kept` : `${freshness.locations} locations`}`);
            r.publishSources();
            r.searchNow();
          })
          .catch((error: Error) => {
            if (!(error instanceof SearchRefused)) report(`stations: ${source.source}: ${error.message}`);
          });
        return () => {
          detached = true;
          runtime?.data.removeOcpiSource(source.source);
        };
      },
      addOptionProvider(provider) {
        if (runtime) return runtime.assistant.addProvider(provider);
        pendingProviders.push(provider);
        return () => {
          const at = pendingProviders.indexOf(provider);
          if (at >= 0) pendingProviders.splice(at, 1);
          runtime?.assistant.addProvider(provider)();
        };
      },
    };
    ports.stations = port;

    /** Turns a refusal into the driver's message; anything else fails the intent. */
    const refusing = async <T>(run: () => Promise<T> | T): Promise<T> => {
      try {
        return await run();
      } catch (error) {
        if (error instanceof SearchRefused) throw new IntentRefused(error.message, { key: error.problem.key, ...(error.problem.params && { params: error.problem.params }) });
        if (error instanceof PreferenceRefused) throw new IntentRefused(error.message, { key: error.key, ...(error.params && { params: error.params }) });
        throw error;
      }
    };

    const handlers: Partial<IntentHandlers> = {
      'stations.search': async ({ filters, scope, reset }) => {
        const r = await ready();
        let next: StationFilters | undefined;
        if (reset) next = DEFAULT_STATION_FILTERS;
        if (filters) {
          const merged = stationFiltersSchema.safeParse({ ...(next ?? r.query().filters), ...filters });
          if (!merged.success) throw new IntentRefused(`stations.search: ${merged.error.issues.map((i) => i.message).join('; ')}`, { key: 'charging.errors.conflictingOperators' });
          next = merged.data;
        }
        return refusing(() => r.setQuery({ filters: next, scope: reset ? 'nearby' : scope, text: reset ? '' : undefined }));
      },
      'stations.findByName': async ({ text }) => {
        const r = await ready();
        return refusing(() => r.setQuery({ text: text.trim() }));
      },
      'stations.detail': async ({ key }) => {
        const r = await ready();
        const found = r.data.locate(key);
        if (!found) throw new IntentRefused(`no station ${key}`, { key: 'charging.errors.unknownStation' });
        return toDetail(found.location, {
          key,
          freshness: found.freshness,
          favourite: r.driver().favourites.includes(key),
          standards: r.tracker.vehicle()?.standards ?? null,
          position: r.tracker.position(),
          vehicle: r.tracker.context(),
          now: wallClock(),
          toSeenAt,
        });
      },
      'stations.favourite': async ({ key, favourite }) => {
        const r = await ready();
        if (favourite && !r.data.locate(key)) throw new IntentRefused(`no station ${key}`, { key: 'charging.errors.unknownStation' });
        const favourites = await refusing(() => r.prefs.setFavourite(r.profile(), key, favourite));
        store.dispatch(favouriteChanged({ key, favourite: favourites.includes(key) }));
        if (r.query().scope === 'favourites') await refusing(() => r.searchNow());
        return { favourite: favourites.includes(key), count: favourites.length };
      },
      'stations.consent': async ({ allow }) => {
        const r = await ready();
        await refusing(() => r.prefs.setConsent(r.profile(), allow ? 'granted' : 'refused'));
        store.dispatch(stationsConsentChanged({ needed: config.ocm !== undefined, state: allow ? 'granted' : 'refused' }));
        if (allow) void r.fetchAroundCar(true).catch((error: Error) => report(`stations: ${error.message}`));
        report(`stations: the ${r.profile() ? `profile ${r.profile()!.id}` : 'guest'} ${allow ? 'allows' : 'does not allow'} sending the car's position to online station services`);
        return { consent: allow ? 'granted' : 'refused' };
      },
      'stations.refresh': async () => (await ready()).refreshSources(),
      'stations.mapPoints': async (box) => {
        const r = await ready();
        const position = r.tracker.position();
        const near = position ?? { lat: (box.south + box.north) / 2, lon: (box.west + box.east) / 2 };
        const driver = r.driver();
        const input = toStationQuery({ ...r.query(), favourites: driver.favourites, targetSoc: driver.targetSoc }, near, 1);
        const points = r.data.mapPoints(input, position ? r.tracker.context() : undefined, box, MAX_MAP_POINTS);
        const favourites = new Set(driver.favourites);
        if (favourites.size) points.keys.forEach((key, i) => favourites.has(key) && (points.flags[i] |= MAP_POINT_FLAGS.favourite));
        return points;
      },
      'stations.assistant': async () => {
        const r = await ready();
        // The assistant's new state (dismissed for this crossing) reaches the store through its onChange.
        return { dismissed: r.assistant.dismiss() };
      },
    };

    return {
      name: 'stations',
      handlers,
      async close() {
        closed = true;
        clearInterval(timer);
        const r = await starting.catch(() => null);
        r?.close();
        await r?.data.close();
      },
    };
  };
}

export const stationsService: ServiceFactory = createStationsService();
