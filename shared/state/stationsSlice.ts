// Charging-station search as the screens see it: the query, the current results (never the index), how fresh their sources are, and the low-battery assistant.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { DEFAULT_STATION_FILTERS, type PositionConsent, type StationFilters, type StationScope } from '../ipc/stations';
import type { ConnectorStandard, EvseStatus, PowerType } from '../stations/model';

/** Results kept in the store: a screen's worth (the list shows fewer while driving). */
export const MAX_STORED_RESULTS = 50;

/** A host message for the driver: an i18n key with its values, and the untranslated technical line. */
export interface StationsProblem {
  key: string;
  params?: Record<string, string | number>;
  message: string;
}

/** Filters that can leave a search empty, named so the screen can say which one to loosen. */
export const LIMITING_FILTERS = ['name', 'availableOnly', 'reservableOnly', 'minPowerKw', 'maxPricePerKwh', 'excludeOperators', 'standards', 'favourites'] as const;
export type LimitingFilter = (typeof LIMITING_FILTERS)[number];

export interface StationListItem {
  key: string;
  name: string;
  operator?: string;
  lat: number;
  lon: number;
  /** Great-circle distance from the car, m. */
  distance_m: number;
  /** SoC on arrival, %, and whether that keeps the reserve (absent without a vehicle context). */
  arrival_soc?: number;
  reachable?: boolean;
  drive_minutes?: number;
  charge_minutes?: number;
  /** The connector the ranking chose. */
  best: { standard: ConnectorStandard; power_type: PowerType; max_electric_power: number; status: EvseStatus; statusSeenAt: number };
  /** EVSEs with a matching connector: how many are AVAILABLE, of how many. */
  available: number;
  evses: number;
  reservable: boolean;
  price?: { currency: string; per_kwh: number; cost?: number };
  price_text?: string;
  open_now: boolean | null;
  favourite: boolean;
  /** The dataset it came from (see `sources`). */
  source: string;
}

/** A data set behind the results and how old it is. */
export interface StationSourceView {
  source: string;
  kind: 'offline' | 'imported' | 'live';
  /** When it was read from its origin, on the host's monotonic clock (for its age); null when it never was. */
  fetchedSeenAt: number | null;
  locations: number;
  /** The last refresh failed: what is shown is the cached copy. */
  error?: string;
}

export type StationsSearchStatus =
  | { status: 'idle'; waitingFor: 'vehicle' | 'position' | 'start' }
  | { status: 'ready'; at: number }
  | { status: 'failed'; problem: StationsProblem; at: number };

/** What search knows about the car (filled in by the host from the vehicle definition and recent driving). */
export interface StationsVehicleView {
  /** Connector standards its inlets take. */
  standards: ConnectorStandard[];
  whPerKm: number;
  /** Learned from recent driving (else the rated figure). */
  learned: boolean;
  reservePercent: number;
}

export interface AssistantOption {
  /** Who offered it: 'charging' here; swap stations join with their own provider. */
  provider: string;
  key: string;
  name: string;
  operator?: string;
  lat: number;
  lon: number;
  distance_m: number;
  arrival_soc: number;
  drive_minutes?: number;
  /** Minutes until the car is on its way again (charge, or a swap). */
  stop_minutes?: number;
  power_w: number;
  standard: string;
  status: EvseStatus;
  statusSeenAt: number;
  /** How sure it is to be free: 0 free by a recent status, 1 free by an older one, 2 not free now (it may be on arrival). */
  tier: number;
}

export type AssistantLevel = 'low' | 'critical';

export type AssistantState =
  | { status: 'quiet'; lowPercent: number; criticalPercent: number }
  | {
      status: 'warning';
      level: AssistantLevel;
      /** The SoC itself crossed the threshold, or the SoC at the best station would be below it. */
      cause: 'soc' | 'arrival';
      socPercent: number;
      arrivalSoc: number | null;
      lowPercent: number;
      criticalPercent: number;
      /** Increments at each threshold crossing; a dismissal holds for one crossing. */
      crossing: number;
      dismissed: boolean;
      options: AssistantOption[];
    };

export interface StationsState {
  /** The service runs for this car (it has a traction battery); false hides the assistant and the map's stations. */
  enabled: boolean;
  query: { filters: StationFilters; scope: StationScope; text: string };
  search: StationsSearchStatus;
  results: StationListItem[];
  /** Matching stations the ranking chose from. */
  considered: number;
  /** When a search found nothing: the filters that, loosened one at a time, would find something. */
  emptyBecause: LimitingFilter[] | null;
  sources: StationSourceView[];
  vehicle: StationsVehicleView | null;
  /** Whether an online source wants the car's position, and the active driver's answer. */
  consent: { needed: boolean; state: PositionConsent };
  assistant: AssistantState;
}

const initialState: StationsState = {
  enabled: false,
  query: { filters: DEFAULT_STATION_FILTERS, scope: 'nearby', text: '' },
  search: { status: 'idle', waitingFor: 'start' },
  results: [],
  considered: 0,
  emptyBecause: null,
  sources: [],
  vehicle: null,
  consent: { needed: false, state: 'unknown' },
  assistant: { status: 'quiet', lowPercent: 20, criticalPercent: 10 },
};

export const stationsSlice = createSlice({
  name: 'stations',
  initialState,
  reducers: {
    /** The service started (or stopped offering search: a car without a traction battery). */
    stationsAvailabilityChanged: (state, action: PayloadAction<{ enabled: boolean }>) => {
      state.enabled = action.payload.enabled;
    },
    /** The driver changed the filters, the scope or the name text (or another profile's were restored). */
    stationsQueryChanged: (state, action: PayloadAction<StationsState['query']>) => {
      state.query = action.payload;
    },
    stationsSearchWaiting: (state, action: PayloadAction<{ waitingFor: 'vehicle' | 'position' | 'start' }>) => {
      state.search = { status: 'idle', waitingFor: action.payload.waitingFor };
      state.results = [];
      state.considered = 0;
      state.emptyBecause = null;
    },
    stationsResultsArrived: (
      state,
      action: PayloadAction<{ results: StationListItem[]; considered: number; emptyBecause: LimitingFilter[] | null; at: number }>,
    ) => {
      state.search = { status: 'ready', at: action.payload.at };
      state.results = action.payload.results.slice(0, MAX_STORED_RESULTS);
      state.considered = action.payload.considered;
      state.emptyBecause = action.payload.emptyBecause;
    },
    /** The search could not run as asked; the previous results stay on screen. */
    stationsSearchFailed: (state, action: PayloadAction<{ problem: StationsProblem; at: number }>) => {
      state.search = { status: 'failed', problem: action.payload.problem, at: action.payload.at };
    },
    stationsSourcesChanged: (state, action: PayloadAction<StationSourceView[]>) => {
      state.sources = action.payload;
    },
    stationsVehicleChanged: (state, action: PayloadAction<StationsVehicleView | null>) => {
      state.vehicle = action.payload;
    },
    stationsConsentChanged: (state, action: PayloadAction<StationsState['consent']>) => {
      state.consent = action.payload;
    },
    favouriteChanged: (state, action: PayloadAction<{ key: string; favourite: boolean }>) => {
      for (const item of state.results) if (item.key === action.payload.key) item.favourite = action.payload.favourite;
    },
    assistantChanged: (state, action: PayloadAction<AssistantState>) => {
      state.assistant = action.payload;
    },
  },
  selectors: {
    selectStations: (state) => state,
    selectStationResults: (state) => state.results,
    selectStationsQuery: (state) => state.query,
    selectStationSources: (state) => state.sources,
    selectAssistant: (state) => state.assistant,
  },
});

export const {
  stationsAvailabilityChanged,
  stationsQueryChanged,
  stationsSearchWaiting,
  stationsResultsArrived,
  stationsSearchFailed,
  stationsSourcesChanged,
  stationsVehicleChanged,
  stationsConsentChanged,
  favouriteChanged,
  assistantChanged,
} = stationsSlice.actions;
export const { selectStations, selectStationResults, selectStationsQuery, selectStationSources, selectAssistant } = stationsSlice.selectors;

/** The assistant has something to offer now (a warning not dismissed, with options). */
export function assistantOffering(state: { stations: StationsState }): boolean {
  const a = state.stations.assistant;
  return state.stations.enabled && a.status === 'warning' && !a.dismissed;
}
