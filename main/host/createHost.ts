// createHost(): the authoritative store, the service modules and the sync publisher assembled, in plain Node (no Electron).
import { resolve } from 'node:path';
import { intentContract, type IntentName, type IntentRequest, type IntentResponse, type IntentResult } from '../../shared/ipc/intents';
import { hostStarted, type RunMode } from '../../shared/state/uiSlice';
import { DEFAULT_UX_THRESHOLDS, type UxThresholds } from '../../shared/ux/restrictions';
import { monotonicNow, type MonotonicClock } from './clock';
import { createHostStore, type HostStore } from './hostStore';
import { createIntentRouter, type IntentCall, type IntentHandlers, type IntentRouter } from './intentRouter';
import { HOST_SERVICES } from './services';
import type { HostPorts, HostService, ServiceContext, ServiceFactory } from './service';
import { createSyncPublisher, type SyncPublisher } from './syncPublisher';
import { DataDirLockedError, openStorage, StorageOpenError, type Storage } from '../services/storage/storage';
import { announceStorage } from '../services/storage/storageNotices';
import type { KeyProvider } from '../services/storage/encryption';
import type { VehicleWriter } from '../vehicle/vehicleWriter';
import type { SimulationController } from '../services/simulation/simulationService';
import type { BrandRequest } from '../services/brand/chooseBrand';
import type { DisplayOptions } from '../services/display/displayService';
import type { Result } from '../../shared/result';

export type { SimulationController } from '../services/simulation/simulationService';
/** @deprecated use Result from shared/result */
export type SimOutcome = Result;

export interface HostOptions {
  /** The user-data folder: settings, profiles, logs. Created if missing. */
  dataDir: string;
  version: string;
  mode: RunMode;
  transport: 'electron' | 'web' | 'none';
  /** Project (or app) root, used to list the shipped packages' licences. */
  appRoot: string;
  /** One-line diagnostics (rejected intents, recovered files); stderr in the CLI. */
  report?: (line: string) => void;
  /** Monotonic clock for ages and timeouts (tests step it). */
  clock?: MonotonicClock;
  /** Wall clock, only for dates shown or stored (tests step it to prove nothing else depends on it). */
  wallClock?: () => number;
  /** Driving-restriction thresholds (a brand may have tightened them). */
  uxThresholds?: UxThresholds;
  /** The brand asked for: `--brand`, `CABIN_BRAND`, the packaged build's brand (each may be absent). */
  brand?: BrandRequest;
  /** Give it when the host owns a real panel (Electron): brightness then goes to the backlight, not a dimming layer. */
  display?: DisplayOptions;
  /** The data key for encrypted documents (Electron: sealed by the OS key store); the development key file when absent. */
  keyProvider?: KeyProvider;
  /** The service modules, in start order; the default is the full product. */
  services?: readonly ServiceFactory[];
}

/** One page's connection: its intents carry its identity, and closing it drops what it left pending. */
export interface HostClient {
  invoke: {
    <N extends IntentName>(name: N, payload: IntentRequest<N>): Promise<IntentResult<IntentResponse<N>>>;
    (name: unknown, payload: unknown): Promise<IntentResult<unknown>>;
    /** A payload as JSON text off the bridge: its size is judged before it is parsed. */
    text(name: unknown, json: unknown): Promise<IntentResult<unknown>>;
  };
  close(): void;
}

export interface Host {
  store: HostStore;
  sync: SyncPublisher;
  /** Validates and handles one intent from the host's own callers; never throws. */
  invoke: IntentRouter;
  /** A bridge connection (one per page). */
  connect(label: string): HostClient;
  dataDir: string;
  clock: MonotonicClock;
  ports: HostPorts;
  /** Connects the write path of the running vehicle link; returns a function that detaches it. */
  attachVehicleWriter(writer: VehicleWriter): () => void;
  /** Connects the control panel to a running simulation; returns a function that detaches it. */
  attachSimulation(controller: SimulationController): () => void;
  /** Counts of rejected intents, for diagnostics. */
  readonly rejectedIntents: number;
  close(): Promise<void>;
}

/** A start-up problem the user can fix (unwritable data dir…): one line saying what and how. */
export class HostStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HostStartError';
  }
}

export async function createHost(options: HostOptions): Promise<Host> {
  const { version, mode, transport, appRoot, report = () => undefined } = options;
  const dataDir = resolve(options.dataDir);
  const wallClock = options.wallClock ?? Date.now;
  const storage = await openDataDir(dataDir, report, wallClock, options.keyProvider);

  const clock = options.clock ?? monotonicNow;
  // The publisher reads the store lazily, so it can be created first and handed to the store as middleware.
  const sync: SyncPublisher = createSyncPublisher(() => store.getState(), { now: clock });
  const store = createHostStore([sync.middleware]);
  store.dispatch(hostStarted({ version, mode, transport }));
  announceStorage(storage, store, report, wallClock);

  const context: ServiceContext = {
    store,
    dataDir,
    readOnly: storage.readOnly !== null,
    storage,
    version,
    mode,
    appRoot,
    clock,
    wallClock,
    report,
    uxThresholds: options.uxThresholds ?? DEFAULT_UX_THRESHOLDS,
    brand: options.brand ?? {},
    display: options.display,
    ports: {},
  };
  const services: HostService[] = [];
  try {
    for (const factory of options.services ?? HOST_SERVICES) services.push(await factory(context));
  } catch (error) {
    await closeAll(services);
    await storage.close();
    throw error;
  }

  let rejectedIntents = 0;
  const invoke = createIntentRouter(collectHandlers(services), {
    report: (line) => {
      if (line.startsWith('intent rejected')) rejectedIntents += 1;
      report(line);
    },
    restrictions: () => store.getState().ux.restrictions,
  });

  let clients = 0;
  return {
    store,
    sync,
    invoke,
    connect(label) {
      const call: IntentCall = { client: `${label}#${(clients += 1)}` };
      const bound = Object.assign((name: unknown, payload: unknown) => invoke(name, payload, call), {
        text: (name: unknown, json: unknown) => invoke.text(name, json, call),
      }) as HostClient['invoke'];
      return {
        invoke: bound,
        close() {
          for (const service of services) service.clientClosed?.(call);
        },
      };
    },
    dataDir,
    clock,
    ports: context.ports,
    attachVehicleWriter(writer) {
      return requirePort(context.ports.vehicleCommands, 'vehicleCommands').attach(writer);
    },
    attachSimulation(controller) {
      return requirePort(context.ports.simulation, 'simulation').attach(controller);
    },
    get rejectedIntents() {
      return rejectedIntents;
    },
    async close() {
      await closeAll(services);
      await storage.close();
      sync.close();
    },
  };
}

/** Every intent in the contract has exactly one owner: a gap or a clash is a wiring bug, found at start-up. */
function collectHandlers(services: HostService[]): IntentHandlers {
  const handlers: Partial<Record<IntentName, unknown>> = {};
  const owner = new Map<IntentName, string>();
  for (const service of services) {
    for (const name of Object.keys(service.handlers) as IntentName[]) {
      if (owner.has(name)) throw new Error(`intent ${name} is handled by both ${owner.get(name)} and ${service.name}`);
      owner.set(name, service.name);
      handlers[name] = service.handlers[name];
    }
  }
  const missing = (Object.keys(intentContract) as IntentName[]).filter((name) => !owner.has(name));
  if (missing.length) throw new Error(`no service handles ${missing.join(', ')}`);
  return handlers as IntentHandlers;
}

function requirePort<T>(port: T | undefined, name: string): T {
  if (!port) throw new Error(`this host was assembled without the ${name} port`);
  return port;
}

async function closeAll(services: HostService[]): Promise<void> {
  // In reverse: a service may use the ports of those started before it.
  for (const service of [...services].reverse()) await service.close?.();
}

/**
 * Opens the data folder's document store. A folder that exists but refuses writes (a read-only mount) still
 * holds the driver's data: it opens read-only, with a notice. One that cannot be made is a mistake in the flags.
 */
async function openDataDir(dataDir: string, report: (line: string) => void, now: () => number, keyProvider: KeyProvider | undefined): Promise<Storage> {
  try {
    // The host is the folder's one writer: a second Cabin on the same folder is refused, naming the first.
    return await openStorage({ dataDir, report, now, lock: true, keyProvider });
  } catch (error) {
    if (error instanceof DataDirLockedError) throw new HostStartError(error.message);
    if (!(error instanceof StorageOpenError)) throw error;
    throw new HostStartError(`data dir ${dataDir} is not writable (${error.errno}): choose a writable folder with --data-dir`);
  }
}
