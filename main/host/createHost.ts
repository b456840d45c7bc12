// createHost(): the authoritative store, services and sync publisher wired together, in plain Node (no Electron).
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { hostStarted, noticeDismissed, type RunMode } from '../../shared/state/uiSlice';
import { collectLicenses, DATA_SOURCES } from '../services/about/licenses';
import { startSettingsService, type SettingsService } from '../services/settings/settingsService';
import { createHostStore, type HostStore } from './hostStore';
import { createIntentRouter, IntentRefused, type IntentRouter } from './intentRouter';
import type { SimControl, SimFaultRequest, SimOverride } from '../../shared/ipc/simulationIntents';
import type { VehicleWriter } from '../vehicle/vehicleWriter';
import { createSyncPublisher, type SyncPublisher } from './syncPublisher';

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
  now?: () => number;
}

/** What the simulated world offers the control panel; attached by whoever started the simulation. */
export interface SimulationController {
  control(request: SimControl): SimOutcome;
  override(request: SimOverride): SimOutcome;
  fault(request: SimFaultRequest): SimOutcome;
}
export type SimOutcome = { ok: true } | { ok: false; error: string };

export interface Host {
  store: HostStore;
  sync: SyncPublisher;
  /** Validates and handles one intent from a renderer; never throws. */
  invoke: IntentRouter;
  settings: SettingsService;
  dataDir: string;
  /** Connects the write path of the running vehicle link; returns a function that detaches it. */
  attachVehicleWriter(writer: Pick<VehicleWriter, 'write'>): () => void;
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
  const { version, mode, transport, appRoot, report = () => undefined, now = Date.now } = options;
  const dataDir = resolve(options.dataDir);
  await ensureWritable(dataDir);

  // The publisher reads the store lazily, so it can be created first and handed to the store as middleware.
  const sync: SyncPublisher = createSyncPublisher(() => store.getState());
  const store = createHostStore([sync.middleware]);
  store.dispatch(hostStarted({ version, mode, transport }));

  const settings = await startSettingsService({ dataDir, store, report, now });

  let writer: Pick<VehicleWriter, 'write'> | null = null;
  let simulation: SimulationController | null = null;
  const simulate = (run: (sim: SimulationController) => SimOutcome) => {
    if (!simulation || store.getState().ui.app.mode !== 'simulation') {
      throw new IntentRefused('no simulation is running here (head-unit mode, a replay or a real gateway)');
    }
    const outcome = run(simulation);
    if (!outcome.ok) throw new IntentRefused(outcome.error);
    return { applied: true };
  };

  let rejectedIntents = 0;
  let licenses: ReturnType<typeof collectLicenses> | null = null;
  const invoke = createIntentRouter(
    {
      'settings.update': (patch) => settings.update(patch),
      'notices.dismiss': ({ id }) => {
        const known = store.getState().ui.notices.some((n) => n.id === id);
        if (known) store.dispatch(noticeDismissed({ id }));
        return { dismissed: known };
      },
      'about.licenses': async () => {
        licenses ??= collectLicenses(appRoot);
        return { packages: await licenses, dataSources: DATA_SOURCES };
      },
      'vehicle.command': async ({ targets, feature }) => {
        if (!writer) throw new IntentRefused('no vehicle is connected');
        const result = await writer.write(targets, { feature });
        if (!result.ok) throw new IntentRefused(result.error);
        return { frames: result.frames };
      },
      'sim.control': (request) => simulate((sim) => sim.control(request)),
      'sim.override': (request) => simulate((sim) => sim.override(request)),
      'sim.fault': (request) => simulate((sim) => sim.fault(request)),
    },
    {
      report: (line) => {
        if (line.startsWith('intent rejected')) rejectedIntents += 1;
        report(line);
      },
    },
  );

  return {
    store,
    sync,
    invoke,
    settings,
    dataDir,
    attachVehicleWriter(next) {
      writer = next;
      return () => {
        if (writer === next) writer = null;
      };
    },
    attachSimulation(controller) {
      simulation = controller;
      return () => {
        if (simulation === controller) simulation = null;
      };
    },
    get rejectedIntents() {
      return rejectedIntents;
    },
    async close() {
      await settings.idle();
      sync.close();
    },
  };
}

async function ensureWritable(dataDir: string): Promise<void> {
  const probe = join(dataDir, `.write-probe-${process.pid}`);
  try {
    await mkdir(dataDir, { recursive: true });
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new HostStartError(
      `data dir ${dataDir} is not writable (${code}): choose a writable folder with --data-dir`,
    );
  }
}
