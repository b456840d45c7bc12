// What a service module is to the host: the intents it handles, the ports it offers other services, and its shutdown.
import type { HostStore } from './hostStore';
import type { IntentCall, IntentHandlers } from './intentRouter';
import type { MonotonicClock } from './clock';
import type { RunMode } from '../../shared/state/uiSlice';
import type { UxThresholds } from '../../shared/ux/restrictions';
import type { VehicleCommands } from '../services/vehicle/vehicleCommands';
import type { SimulationPort } from '../services/simulation/simulationService';
import type { Storage } from '../services/storage/storage';
import type { ProfilePreferencesPort } from '../services/profiles/preferencesPort';
import type { BrandPort } from '../services/brand/brandService';
import type { BrandRequest } from '../services/brand/chooseBrand';
import type { DisplayOptions } from '../services/display/displayService';
import type { StationsPort } from '../services/stations/stationsModule';
import type { SwapPort } from '../services/swap/swapService';
import type { ReservationsPort } from '../services/reservations/reservationsService';

/**
 * Ports one service offers the others, filled in as services start (in the order of the service list).
 * Services reach the car only through `vehicleCommands` and the vehicle slice, never gateway/ or simulator/.
 */
export interface HostPorts {
  vehicleCommands?: VehicleCommands;
  simulation?: SimulationPort;
  profilePreferences?: ProfilePreferencesPort;
  brand?: BrandPort;
  stations?: StationsPort;
  swap?: SwapPort;
  reservations?: ReservationsPort;
}

export interface ServiceContext {
  store: HostStore;
  /** The user-data folder (already checked writable). */
  dataDir: string;
  /** The folder exists but refuses writes: load what is there, save nothing, and say so. */
  readOnly: boolean;
  /** The one document store of the data folder: every service keeps its files through it (see storage.ts). */
  storage: Storage;
  version: string;
  mode: RunMode;
  /** Project (or app) root: shipped assets and the production dependency tree. */
  appRoot: string;
  /** For every age, timeout and throttle. */
  clock: MonotonicClock;
  /** Only for what is displayed or stored as a date. */
  wallClock: () => number;
  report: (line: string) => void;
  /** Thresholds of the restriction engine; the brand service tightens them for its market before the engine starts. */
  uxThresholds: UxThresholds;
  /** Which brand was asked for (--brand, CABIN_BRAND, the packaged brand); the brand service decides what shows. */
  brand: BrandRequest;
  /** Present when the host owns a real panel (Electron): the display service then sets its brightness. */
  display?: DisplayOptions;
  ports: HostPorts;
}

export interface HostService {
  readonly name: string;
  /** The intents this service owns; each intent has exactly one owner. */
  readonly handlers: Partial<IntentHandlers>;
  /** A page went away: drop whatever was pending on its behalf. */
  clientClosed?(call: IntentCall): void;
  /** Resolves once the service's state is on disk and its timers are stopped. */
  close?(): Promise<void> | void;
}

export type ServiceFactory = (context: ServiceContext) => Promise<HostService> | HostService;
