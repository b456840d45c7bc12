// Electron app lifecycle: one instance, the host started on ready, one hardened window, the host closed on quit.
import { app, dialog, Menu, safeStorage, session, type BrowserWindow } from 'electron';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHost, HostStartError, type Host } from '../host/createHost';
import { parseElectronArgs, StartFlagError, type StartFlags } from '../launch/startFlags';
import { packagedBrand } from '../services/brand/packagingConfig';
import { SYSFS_BACKLIGHT_DIR } from '../services/display/backlight';
import { attachIpcTransport, type IpcTransport } from './ipcTransport';
import { platformKeyProvider } from './platformKey';
import { watchRenderer, type RendererWatch } from './recovery';
import { registerAppScheme, serveRenderer } from './rendererProtocol';
import {
  APP_ORIGIN,
  contentSecurityPolicy,
  createSecurityCounters,
  hardenSession,
  hardenWebContents,
  originOf,
  type SecurityCounters,
} from './security';
import { createMainWindow, RENDERER_DIR, rendererUrl } from './window';

/** How long quitting waits for the host to save and close. */
export const QUIT_DEADLINE_MS = 5_000;

/** Running vehicle data (a gateway link, and the simulation when there is one), as the adapter sees it. */
export interface RunningVehicle {
  close(): Promise<void>;
}

/**
 * Starts vehicle data for the host from the vehicle flags. The composition root (index.ts) hands it in, so
 * the adapter itself never imports the simulator or the gateway.
 */
export type VehicleStarter = (host: Host, flags: StartFlags, where: { cwd: string; assetsDir: string }) => Promise<RunningVehicle>;

export interface CabinApp {
  flags: StartFlags;
  /** Where vehicle data comes from; null when it could not start (Home then says so). */
  vehicle: RunningVehicle | null;
  host: Host;
  window: BrowserWindow;
  transport: IpcTransport;
  recovery: RendererWatch;
  security: SecurityCounters;
}

export interface RunAppOptions {
  argv?: readonly string[];
  env?: NodeJS.ProcessEnv;
  report?: (line: string) => void;
  /** Test hook: the renderer's files (the built out/renderer by default). */
  rendererDir?: string;
  graceMs?: number;
  /** Quit cleanly on SIGINT/SIGTERM (Ctrl-C in `cabin start`); tests turn it off. */
  handleSignals?: boolean;
  /** Without one, the app runs with no vehicle data. */
  startVehicle?: VehicleStarter;
}

/**
 * Starts Cabin inside Electron. Resolves with the running parts once the window is loading, or null when
 * this process should not run (a second instance, bad flags, a host that cannot start).
 */
export async function runApp(options: RunAppOptions = {}): Promise<CabinApp | null> {
  const { argv = process.argv, env = process.env, report = (line) => process.stderr.write(`cabin: ${line}\n`) } =
    options;

  let flags: StartFlags;
  try {
    // A packaged app has no app-path argument; `electron <path>` has one.
    const parsed = parseElectronArgs(argv.slice(app.isPackaged ? 1 : 2), process.cwd());
    flags = parsed.flags;
    if (parsed.chromium.length) report(`Chromium switches from the allowlist: ${parsed.chromium.join(' ')}`);
  } catch (error) {
    if (!(error instanceof StartFlagError)) throw error;
    report(error.message);
    app.exit(2);
    return null;
  }

  // Before ready: every renderer sandboxed, whatever its options say, and our scheme privileged.
  app.enableSandbox();
  registerAppScheme();

  if (!app.requestSingleInstanceLock()) {
    report('Cabin is already running; focusing that window instead');
    app.quit();
    return null;
  }

  const devServerUrl = !app.isPackaged && env.ELECTRON_RENDERER_URL ? env.ELECTRON_RENDERER_URL : undefined;
  const devOrigin = devServerUrl ? originOf(devServerUrl) : null;
  const allowedOrigins = devOrigin ? [APP_ORIGIN, devOrigin] : [APP_ORIGIN];
  const csp = contentSecurityPolicy(devServerUrl);
  const security = createSecurityCounters();
  const securityOptions = { allowedOrigins, csp, report };

  // Registered before any window exists, so no web contents is ever created unhardened.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, securityOptions, security));
  app.on('window-all-closed', () => app.quit());
  if (options.handleSignals !== false) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());
  }

  await app.whenReady();

  let host: Host;
  const dataDir = flags.dataDir ?? app.getPath('userData');
  try {
    host = await createHost({
      dataDir,
      version: app.getVersion(),
      mode: flags.headUnit || flags.kiosk ? 'head-unit' : 'simulation',
      transport: 'electron',
      appRoot: app.getAppPath(),
      report,
      brand: { flag: flags.brand, env: env.CABIN_BRAND || undefined, packaged: packagedBrand(readPackageJson(app.getAppPath())) },
      // The window is a real panel: brightness goes to its backlight (or the vehicle's), never a dimming layer.
      display: { backlightDir: env.CABIN_BACKLIGHT_DIR || SYSFS_BACKLIGHT_DIR },
      // Profiles are encrypted with a key the OS key store seals (safeStorage is usable once the app is ready).
      keyProvider: platformKeyProvider(safeStorage, dataDir, report),
    });
  } catch (error) {
    const message = error instanceof HostStartError ? error.message : `could not start: ${(error as Error).message}`;
    report(message);
    dialog.showErrorBox('Cabin cannot start', message);
    app.exit(1);
    return null;
  }

  // Vehicle data is not a reason to refuse to start: without it Home says "vehicle data unavailable".
  let vehicle: RunningVehicle | null = null;
  try {
    vehicle = (await options.startVehicle?.(host, flags, { cwd: process.cwd(), assetsDir: join(app.getAppPath(), 'assets') })) ?? null;
  } catch (error) {
    report(`vehicle data: ${(error as Error).message}`);
  }

  let hostClosed = false;
  app.on('will-quit', (event) => {
    if (hostClosed) return;
    // Hold the quit until settings are on disk, then quit for real.
    event.preventDefault();
    hostClosed = true;
    // A host that cannot finish (a hung disk) must not keep a head unit from shutting down.
    const deadline = setTimeout(() => {
      report(`the host did not close within ${QUIT_DEADLINE_MS / 1000} s; quitting anyway`);
      app.exit(1);
    }, QUIT_DEADLINE_MS);
    Promise.all([vehicle?.close(), host.close()])
      .catch((error: Error) => report(`closing the host failed: ${error.message}`))
      .finally(() => {
        clearTimeout(deadline);
        app.quit();
      });
  });

  // From here the policy admits the shown brand's map tiles, asked afresh at each response (a brand switch changes them).
  const brandCsp = () => contentSecurityPolicy(devServerUrl, host.ports.brand?.tileOrigins() ?? []);
  serveRenderer(options.rendererDir ?? RENDERER_DIR, brandCsp, (path) => host.ports.brand?.assetFile(path) ?? null);
  hardenSession(
    session.defaultSession,
    {
      ...securityOptions,
      get csp() {
        return brandCsp();
      },
    },
    security,
  );
  if (flags.kiosk) Menu.setApplicationMenu(null);

  const window = createMainWindow({ kiosk: flags.kiosk, devTools: flags.devTools && !flags.kiosk && !flags.headUnit });
  const startUrl = rendererUrl(devServerUrl);
  const load = () => {
    window.loadURL(startUrl).catch((error: Error) => report(`loading ${startUrl} failed: ${error.message}`));
  };
  // The transport must listen before the first load so the page's did-finish-load brings its snapshot.
  const transport = attachIpcTransport({ window, host, allowedOrigins, report });
  const recovery = watchRenderer({ contents: window.webContents, reload: load, report, graceMs: options.graceMs });

  app.on('second-instance', () => {
    if (window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  load();
  return { flags, host, vehicle, window, transport, recovery, security };
}

/** The app's package.json (a packaged build names its brand there); empty when unreadable. */
function readPackageJson(appRoot: string): unknown {
  try {
    return JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8'));
  } catch {
    return {};
  }
}
