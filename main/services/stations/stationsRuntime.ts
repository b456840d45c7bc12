// The stations service's running state: follows the car and the driver, searches when they change, keeps live sources fresh and drives the low-battery assistant.
import { ZodError } from 'zod';
import { describeIssues } from '../../../shared/ipc/contract';
import { DEFAULT_STATION_FILTERS, type StationFilters, type StationScope } from '../../../shared/ipc/stations';
import { haversineM } from '../../../shared/stations/geo';
import type { StationQueryInput } from '../../../shared/stations/search';
import { selectActiveProfile, type ProfileView } from '../../../shared/state/profilesSlice';
import type { RootState } from '../../../shared/state/rootReducer';
import {
  assistantChanged,
  MAX_STORED_RESULTS,
  stationsAvailabilityChanged,
  stationsConsentChanged,
  stationsQueryChanged,
  stationsResultsArrived,
  stationsSearchFailed,
  stationsSearchWaiting,
  stationsSourcesChanged,
  stationsVehicleChanged,
  type StationsProblem,
  type StationsState,
} from '../../../shared/state/stationsSlice';
import type { ServiceContext } from '../../host/service';
import { createLowBatteryAssistant, type AssistantThresholds, type LowBatteryAssistant } from './lowBatteryAssistant';
import { selectBatteryThresholds } from '../../../shared/state/profilesSlice';
import type { DriverStationPreferences, StationPreferences } from './stationPreferences';
import { chargingOptions, diagnoseEmpty, toStationQuery, type DriverQuery } from './stationQueries';
import { SearchError } from './stationSearch';
import type { StationsService } from './stationsService';
import { seenAtConverter, toListItem, toSourceView } from './stationViews';
import { createVehicleTracker, RESERVE_PERCENT, type VehicleTracker } from './vehicleContext';

export interface RuntimeTimings {
  /** At most one automatic search per this many ms (intents search at once). */
  searchThrottleMs: number;
  /** The assistant looks again at most this often. */
  assistantEveryMs: number;
  /** A new search once the car has moved this far, m. */
  moveM: number;
}

export const DEFAULT_TIMINGS: RuntimeTimings = { searchThrottleMs: 1000, assistantEveryMs: 2000, moveM: 100 };

/** How far around the car Open Charge Map is asked, and after how far a drive it is asked again. */
const OCM_RADIUS_KM = 15;
const OCM_AGAIN_AFTER_M = 5_000;

/** A search that could not run as asked: thrown to intents, shown by the screen. */
export class SearchRefused extends Error {
  constructor(readonly problem: StationsProblem) {
    super(problem.message);
    this.name = 'SearchRefused';
  }
}

export interface StationsRuntime {
  data: StationsService;
  prefs: StationPreferences;
  tracker: VehicleTracker;
  assistant: LowBatteryAssistant;
  profile(): ProfileView | null;
  driver(): DriverStationPreferences;
  query(): StationsState['query'];
  /** Changes the query (filters, scope, text) and searches at once; the answer is the search's. */
  setQuery(change: { filters?: StationFilters; scope?: StationScope; text?: string }): Promise<{ results: number; considered: number }>;
  searchNow(): { results: number; considered: number };
  refreshSources(): Promise<{ sources: number; failed: number }>;
  publishSources(): void;
  /** The car's position is needed by an online source and the driver now allows it: ask it. */
  fetchAroundCar(force?: boolean): Promise<void>;
  close(): void;
}

export function startStationsRuntime(ctx: ServiceContext, data: StationsService, prefs: StationPreferences, timings: RuntimeTimings, ocmConfigured: boolean): StationsRuntime {
  const { store, clock, wallClock, report, appRoot } = ctx;
  const toSeenAt = seenAtConverter(clock, wallClock);
  const tracker = createVehicleTracker(appRoot, report);
  const assistant = createLowBatteryAssistant({ onChange: (state) => store.dispatch(assistantChanged(state)), report });

  let enabled = false;
  let query: StationsState['query'] = { filters: DEFAULT_STATION_FILTERS, scope: 'nearby', text: '' };
  let lastSearch = { at: -Infinity, position: null as { lat: number; lon: number } | null, soc: null as number | null };
  let searchTimer: NodeJS.Timeout | null = null;
  let assistantAt = -Infinity;
  let assistantRunning: Promise<unknown> | null = null;
  let ocmAsked: { lat: number; lon: number } | null = null;
  let refreshing: Promise<{ sources: number; failed: number }> | null = null;
  let closed = false;

  const profile = () => selectActiveProfile(store.getState());
  const driver = () => prefs.get(profile());
  const driverQuery = (): DriverQuery => {
    const d = driver();
    return { ...query, favourites: d.favourites, targetSoc: d.targetSoc };
  };
  const fail = (problem: StationsProblem) => {
    store.dispatch(stationsSearchFailed({ problem, at: clock() }));
    return new SearchRefused(problem);
  };

  function runSearch(): { results: number; considered: number } {
    if (searchTimer) clearTimeout(searchTimer);
    searchTimer = null;
    const position = tracker.position();
    if (!enabled) {
      store.dispatch(stationsSearchWaiting({ waitingFor: 'vehicle' }));
      throw new SearchRefused({ key: 'charging.errors.noVehicle', message: 'no vehicle that charges is connected' });
    }
    if (!position) {
      store.dispatch(stationsSearchWaiting({ waitingFor: 'position' }));
      throw new SearchRefused({ key: 'charging.errors.noPosition', message: 'the car has not reported its position yet' });
    }
    // Only a search that ran counts for the throttle: waiting for the car does not delay its first one.
    lastSearch = { at: clock(), position, soc: tracker.soc() };
    const context = tracker.context();
    const dq = driverQuery();
    const input: StationQueryInput = toStationQuery(dq, position, MAX_STORED_RESULTS);
    if (input.rankBy === 'time' && !context) throw fail({ key: 'charging.errors.needsSoc', message: 'ranking by time needs the battery level, which the car has not reported yet' });
    let response;
    try {
      response = data.search(input, context);
    } catch (error) {
      if (error instanceof ZodError) throw fail({ key: 'charging.errors.badQuery', message: describeIssues(error) });
      if (error instanceof SearchError) throw fail({ key: 'charging.errors.badQuery', message: error.message });
      throw error;
    }
    const favourites = new Set(dq.favourites);
    const results = response.results.map((r) => toListItem(r, favourites, toSeenAt));
    const emptyBecause = results.length ? null : diagnoseEmpty(input, (loosened) => data.search(loosened, context).results.length);
    store.dispatch(stationsResultsArrived({ results, considered: response.considered, emptyBecause, at: clock() }));
    return { results: results.length, considered: response.considered };
  }

  /** Searches now, or once the throttle allows; failures are already in the slice. */
  function scheduleSearch(): void {
    if (closed || searchTimer) return;
    const wait = lastSearch.at + timings.searchThrottleMs - clock();
    const run = () => {
      try {
        runSearch();
      } catch (error) {
        if (!(error instanceof SearchRefused)) report(`stations: search failed: ${(error as Error).message}`);
      }
    };
    if (wait <= 0) run();
    else {
      searchTimer = setTimeout(run, wait);
      searchTimer.unref();
    }
  }

  function runAssistant(force = false): void {
    if (closed || assistantRunning || (!force && clock() - assistantAt < timings.assistantEveryMs)) return;
    assistantAt = clock();
    const position = enabled ? tracker.position() : null;
    assistantRunning = assistant
      .update({ position, context: enabled ? tracker.context() : undefined, thresholds: thresholdsOf(store.getState()) })
      .catch((error: Error) => report(`stations: low-battery assistant: ${error.message}`))
      .finally(() => {
        assistantRunning = null;
      });
  }

  assistant.addProvider(
    chargingOptions(
      (q, context) => data.search(q, context).results,
      () => ({ excludeOperators: driver().filters.excludeOperators, targetSoc: driver().targetSoc }),
      toSeenAt,
    ),
  );

  function publishVehicle(): void {
    const vehicle = tracker.vehicle();
    const consumption = tracker.consumption();
    const view = vehicle && consumption ? { standards: vehicle.standards, whPerKm: Math.round(consumption.whPerKm), learned: consumption.learned, reservePercent: RESERVE_PERCENT } : null;
    if (JSON.stringify(view) !== JSON.stringify(store.getState().stations.vehicle)) store.dispatch(stationsVehicleChanged(view));
  }

  function publishSources(): void {
    store.dispatch(stationsSourcesChanged(data.datasets().map((f) => toSourceView(f, toSeenAt))));
  }

  function publishDriver(): void {
    const d = driver();
    const next = { filters: d.filters, scope: query.scope, text: query.text };
    if (JSON.stringify(next) !== JSON.stringify(query)) {
      query = next;
      store.dispatch(stationsQueryChanged(query));
    }
    const consent = { needed: ocmConfigured, state: d.consent };
    if (JSON.stringify(consent) !== JSON.stringify(store.getState().stations.consent)) store.dispatch(stationsConsentChanged(consent));
  }

  // Vehicle and driver changes, read from the store: cheap reference checks on every dispatch.
  let seenVehicle: RootState['vehicle'] | null = null;
  let seenProfile: ProfileView | null | undefined;
  let seenProfileIds = '';
  let vehicleWork: Promise<void> = Promise.resolve();
  const onStore = () => {
    if (closed) return;
    const state = store.getState();
    if (state.vehicle !== seenVehicle) {
      const vehicleState = state.vehicle;
      seenVehicle = vehicleState;
      vehicleWork = vehicleWork.then(() => onVehicle(vehicleState)).catch((error: Error) => report(`stations: ${error.message}`));
    }
    const active = selectActiveProfile(state);
    if (active !== seenProfile) {
      seenProfile = active;
      publishDriver();
      scheduleSearch();
      runAssistant(true);
    }
    const ids = state.profiles.loaded ? state.profiles.profiles.map((p) => p.id).join(',') : '';
    if (ids !== seenProfileIds) {
      const shrank = seenProfileIds !== '' && ids.length < seenProfileIds.length;
      seenProfileIds = ids;
      if (shrank) void prefs.forgetAllBut(state.profiles.profiles.map((p) => p.id));
    }
  };
  const unsubscribe = store.subscribe(onStore);

  async function onVehicle(vehicleState: RootState['vehicle']): Promise<void> {
    const { vehicleChanged } = await tracker.observe(vehicleState);
    if (closed) return;
    if (vehicleChanged) {
      enabled = tracker.vehicle() !== null && vehicleState.capabilities?.charging !== false;
      if (enabled !== store.getState().stations.enabled) store.dispatch(stationsAvailabilityChanged({ enabled }));
      publishVehicle();
      scheduleSearch();
      runAssistant(true);
      return;
    }
    publishVehicle();
    const position = tracker.position();
    const soc = tracker.soc();
    const moved = position !== null && (lastSearch.position === null || haversineM(lastSearch.position.lat, lastSearch.position.lon, position.lat, position.lon) > timings.moveM);
    const socChanged = soc !== null && (lastSearch.soc === null || Math.abs(soc - lastSearch.soc) >= 0.5);
    if (moved || socChanged) scheduleSearch();
    runAssistant();
    if (position && ocmConfigured && (ocmAsked === null || haversineM(ocmAsked.lat, ocmAsked.lon, position.lat, position.lon) > OCM_AGAIN_AFTER_M)) {
      void fetchAroundCar();
    }
  }

  async function fetchAroundCar(force = false): Promise<void> {
    const position = tracker.position();
    if (!ocmConfigured || !position || driver().consent !== 'granted') return;
    if (!force && ocmAsked && haversineM(ocmAsked.lat, ocmAsked.lon, position.lat, position.lon) <= OCM_AGAIN_AFTER_M) return;
    ocmAsked = position;
    await data.fetchOcmAround(position.lat, position.lon, OCM_RADIUS_KM);
    publishSources();
    scheduleSearch();
  }

  publishDriver();
  publishSources();
  // What happened before the dataset was loaded (the vehicle chosen, the first signals) is read now.
  onStore();

  return {
    data,
    prefs,
    tracker,
    assistant,
    profile,
    driver,
    query: () => query,
    async setQuery(change) {
      const next = { filters: change.filters ?? query.filters, scope: change.scope ?? query.scope, text: change.text ?? query.text };
      if (change.filters) await prefs.setFilters(profile(), change.filters);
      query = next;
      store.dispatch(stationsQueryChanged(query));
      return runSearch();
    },
    searchNow: runSearch,
    refreshSources() {
      refreshing ??= (async () => {
        const [freshness] = await Promise.all([data.refresh(), fetchAroundCar(true)]);
        publishSources();
        scheduleSearch();
        runAssistant(true);
        return { sources: freshness.length + (ocmConfigured ? 1 : 0), failed: freshness.filter((f) => f.error).length };
      })().finally(() => {
        refreshing = null;
      });
      return refreshing;
    },
    publishSources,
    fetchAroundCar,
    close() {
      closed = true;
      unsubscribe();
      if (searchTimer) clearTimeout(searchTimer);
    },
  };
}

/** The amber and red thresholds in force: the active profile's, else 20 % and 10 % — the same rule Home reads. */
export function thresholdsOf(state: RootState): AssistantThresholds {
  const { lowPercent, criticalPercent } = selectBatteryThresholds(state);
  return { lowPercent, criticalPercent };
}
