import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../test/fixtures/corpus';
import { batchApplied, replicaReducer, snapshotApplied } from '../../shared/state/replica';
import type { SyncMessage } from '../../shared/state/sync';
import {
  app,
  dialog,
  FakeBrowserWindow,
  FakeEvent,
  ipcMain,
  Menu,
  protocol,
  resetFakeElectron,
  session,
  type FakeWebContents,
} from '../../test/fakes/fakeElectron';
import { QUIT_DEADLINE_MS, runApp, type CabinApp, type VehicleStarter } from './app';
import { startVehicleFromFlags } from '../cli/start/vehicleStarter';
import { startFlagsToArgs, parseStartFlags } from '../launch/startFlags';

vi.mock('electron', async () => (await import('../../test/fakes/fakeElectron')).fakeElectronModule);

/** Waits for something asynchronous to have happened; the generous ceiling is for loaded CI machines, not a timing check. */
const eventually = (check: () => void | Promise<void>) => vi.waitFor(check, { timeout: 10_000, interval: 5 });

let dir: string;
let lines: string[];
const running: CabinApp[] = [];

beforeEach(async () => {
  resetFakeElectron();
  app.appPath = projectRoot;
  dir = await mkdtemp(join(tmpdir(), 'cabin-electron-'));
  app.paths.userData = join(dir, 'userData');
  lines = [];
});

afterEach(async () => {
  await Promise.all(running.splice(0).flatMap((c) => [c.host.close(), c.vehicle?.close()]));
  await rm(dir, { recursive: true, force: true });
});

/** What the Electron entry (index.ts) hands in: the live simulated car, started from the flags. */
const liveCar: VehicleStarter = (host, flags, where) => startVehicleFromFlags(host, flags, { ...where, report: (l) => lines.push(l) });

const noVehicle: VehicleStarter = async () => ({ close: async () => undefined });

async function start(args: string[] = [], extra: { graceMs?: number; startVehicle?: VehicleStarter } = {}) {
  const cabin = await runApp({
    argv: ['/usr/bin/electron', 'out/main/index.js', ...args],
    env: {},
    report: (l) => lines.push(l),
    handleSignals: false,
    startVehicle: liveCar,
    ...extra,
  });
  if (cabin) running.push(cabin);
  return cabin;
}

const contentsOf = (cabin: CabinApp) => cabin.window.webContents as unknown as FakeWebContents;
const syncOf = (cabin: CabinApp) =>
  contentsOf(cabin).sent.filter((m) => m.channel === 'cabin:sync').map((m) => m.args[0] as SyncMessage);
const snapshotsOf = (cabin: CabinApp) => syncOf(cabin).filter((m) => m.kind === 'snapshot');
const fromPage = (cabin: CabinApp) => ({ sender: contentsOf(cabin), senderFrame: contentsOf(cabin).mainFrame });

describe('start-up', () => {
  it('starts the host in userData as a simulation, hardened, and loads the app page into one window', async () => {
    const cabin = await start();
    expect(cabin).not.toBeNull();
    if (!cabin) return;
    expect(app.sandboxEnabled).toBe(true);
    expect(protocol.privileged).toMatchObject([{ scheme: 'app', privileges: { standard: true, secure: true } }]);
    expect(protocol.handlers.has('app')).toBe(true);
    expect(session.defaultSession.headersListener).not.toBeNull();
    expect(session.defaultSession.permissionRequestHandler).not.toBeNull();
    expect(FakeBrowserWindow.created).toHaveLength(1);
    // The window's contents were hardened as they were created.
    expect(contentsOf(cabin).windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(cabin.host.dataDir).toBe(join(dir, 'userData'));
    expect(cabin.host.store.getState().ui.app).toEqual({ version: '9.8.7', mode: 'simulation', transport: 'electron' });
    expect(contentsOf(cabin).loads).toEqual(['app://cabin/index.html']);
    expect(FakeBrowserWindow.created[0].options).toMatchObject({ width: 1920, height: 720, show: false });
    await eventually(() => expect(snapshotsOf(cabin)).toHaveLength(1));
    expect(Menu.applicationMenu).toBeUndefined();
  });

  it("profiles are encrypted with a key the OS key store seals, in the user-data folder", async () => {
    // The live simulated car, parked: creating a profile is a parked-only task.
    const cabin = await start();
    if (!cabin) throw new Error('did not start');
    await eventually(() => expect(cabin.host.store.getState().ux.restrictions.drivingState).toBe('parked'));
    expect(await cabin.host.invoke('profiles.create', { name: 'Wang', colour: 'rose' })).toMatchObject({ ok: true });
    await eventually(async () => expect(await readdir(join(dir, 'userData', 'keys'))).toEqual(['storage.key']));
  });

  it('--kiosk runs as a head unit in a kiosk window with no menu; --data-dir and --brand are taken', async () => {
    const cabin = await start(['--kiosk', '--data-dir', join(dir, 'custom'), '--brand', 'aurora']);
    if (!cabin) throw new Error('did not start');
    expect(cabin.flags).toMatchObject({ kiosk: true, brand: 'aurora' });
    expect(cabin.host.dataDir).toBe(join(dir, 'custom'));
    expect(cabin.host.store.getState().ui.app.mode).toBe('head-unit');
    expect(FakeBrowserWindow.created[0].options).toMatchObject({ kiosk: true, fullscreen: true, frame: false });
    expect(Menu.applicationMenu).toBeNull();
  });

  it('the dev server URL is loaded and allowed only when ELECTRON_RENDERER_URL is set and not packaged', async () => {
    const cabin = await runApp({
      argv: ['/usr/bin/electron', '.'],
      env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' },
      report: (l) => lines.push(l),
      handleSignals: false,
    });
    if (!cabin) throw new Error('did not start');
    running.push(cabin);
    expect(contentsOf(cabin).loads).toEqual(['http://localhost:5173']);
    await eventually(() => expect(snapshotsOf(cabin)).toHaveLength(1));
  });

  it('a second instance quits at once and the first one is focused', async () => {
    const cabin = await start();
    if (!cabin) throw new Error('did not start');
    app.emit('second-instance', new FakeEvent(), [], '/');
    expect(FakeBrowserWindow.created[0].focused).toBe(1);

    resetFakeElectron();
    app.singleInstance = false;
    expect(await start()).toBeNull();
    expect(app.quitCalls).toBe(1);
    expect(FakeBrowserWindow.created).toHaveLength(0);
  });

  it('bad flags are one line and exit code 2, before anything starts', async () => {
    expect(await start(['--data-dir'])).toBeNull();
    expect(lines).toEqual(['--data-dir needs a value']);
    expect(app.exitCodes).toEqual([2]);
    expect(FakeBrowserWindow.created).toHaveLength(0);
  });

  it('an unwritable data dir is one line, an error box and exit code 1, without a window', async () => {
    const file = join(dir, 'a-file');
    await writeFile(file, '');
    expect(await start(['--data-dir', join(file, 'data')])).toBeNull();
    expect(lines).toEqual([expect.stringMatching(/data dir .* is not writable \(ENOTDIR\): choose a writable folder with --data-dir/)]);
    expect(dialog.errors).toEqual([{ title: 'Cabin cannot start', content: lines[0] }]);
    expect(app.exitCodes).toEqual([1]);
    expect(FakeBrowserWindow.created).toHaveLength(0);
  });

  it("Chromium's switches on the allowlist are taken and mentioned; others (a debugging port) refuse to start", async () => {
    const cabin = await start(['--no-sandbox', '--ozone-platform=wayland']);
    expect(cabin).not.toBeNull();
    expect(lines).toContain('Chromium switches from the allowlist: --no-sandbox --ozone-platform=wayland');

    resetFakeElectron();
    lines = [];
    expect(await start(['--kiosk', '--remote-debugging-port=9222'])).toBeNull();
    expect(lines).toEqual([expect.stringMatching(/^--remote-debugging-port is not a Cabin flag and not an allowed Chromium switch/)]);
    expect(app.exitCodes).toEqual([2]);
    expect(FakeBrowserWindow.created).toHaveLength(0);
  });

  it('DevTools stay off unless a developer asks, and never in head-unit mode', async () => {
    const plain = await start();
    expect(FakeBrowserWindow.created[0].options.webPreferences).toMatchObject({ devTools: false });
    await plain?.host.close();
    for (const [args, devTools] of [[['--dev-tools'], true], [['--head-unit', '--dev-tools'], false], [['--kiosk', '--dev-tools'], false]] as const) {
      resetFakeElectron();
      const cabin = await start([...args, '--data-dir', join(dir, args.join(''))], { startVehicle: noVehicle });
      expect(cabin, args.join(' ')).not.toBeNull();
      expect(FakeBrowserWindow.created[0].options.webPreferences, args.join(' ')).toMatchObject({ devTools });
    }
  });

  it('cabin start\'s vehicle flags reach the host through the shared parser: --scenario, --replay, --gateway, --vehicle', async () => {
    const cli = parseStartFlags(['--vehicle', 'hyundai-2015', '--dbc', 'h.dbc', '--replay', 'drive.log', '--kiosk', '--data-dir', join(dir, 'd1')], dir);
    const seen: unknown[] = [];
    const recording: VehicleStarter = async (_host, flags) => (seen.push(flags.vehicle), { close: async () => undefined });
    // What `cabin start` passes to the Electron binary, parsed by the Electron entry.
    expect(await start(startFlagsToArgs(cli), { startVehicle: recording })).not.toBeNull();
    resetFakeElectron();
    const scenario = parseStartFlags(['--scenario', 'commute', '--data-dir', join(dir, 'd2')], dir);
    expect(await start(startFlagsToArgs(scenario), { startVehicle: recording })).not.toBeNull();
    resetFakeElectron();
    const gateway = parseStartFlags(['--gateway', 'ws://127.0.0.1:7000', '--data-dir', join(dir, 'd3')], dir);
    expect(await start(startFlagsToArgs(gateway), { startVehicle: recording })).not.toBeNull();
    expect(seen).toEqual([
      { vehicle: 'hyundai-2015', dbc: join(dir, 'h.dbc').replace(join(dir, 'h.dbc'), 'h.dbc'), replay: 'drive.log' },
      { scenario: 'commute' },
      { gateway: 'ws://127.0.0.1:7000' },
    ]);
  });
});

describe('quitting', () => {
  it('closing the window quits, and the quit waits until the host has saved and closed', async () => {
    const cabin = await start();
    if (!cabin) throw new Error('did not start');
    await ipcMain.invoke('cabin:intent', fromPage(cabin), 'settings.update', JSON.stringify({ language: 'zh-CN' }));
    const close = vi.spyOn(cabin.host, 'close');
    FakeBrowserWindow.created[0].close();
    app.emit('window-all-closed');
    // First quit is held by will-quit; the second comes once the host has closed.
    expect(app.quitCalls).toBe(1);
    expect(close).toHaveBeenCalledTimes(1);
    await eventually(() => expect(app.quitCalls).toBe(2));
    expect(close).toHaveBeenCalledTimes(1);
    const saved = JSON.parse(await readFile(join(dir, 'userData', 'settings.json'), 'utf8'));
    expect(JSON.stringify(saved)).toContain('zh-CN');
  });
});

describe('quitting with a stuck host', () => {
  it('gives up waiting after the deadline and exits, saying so', async () => {
    const cabin = await start();
    if (!cabin) throw new Error('did not start');
    vi.spyOn(cabin.host, 'close').mockReturnValueOnce(new Promise(() => undefined));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      app.emit('window-all-closed');
      vi.advanceTimersByTime(QUIT_DEADLINE_MS - 1);
      expect(app.exitCodes).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(app.exitCodes).toEqual([1]);
      expect(lines.at(-1)).toBe('the host did not close within 5 s; quitting anyway');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('renderer recovery', () => {
  it('a crashed renderer is reloaded and resynchronised from a fresh snapshot, with the state intact', async () => {
    // No live car here: its values would change the state between the snapshot and the comparison.
    const cabin = await start([], { startVehicle: noVehicle });
    if (!cabin) throw new Error('did not start');
    await eventually(() => expect(snapshotsOf(cabin)).toHaveLength(1));
    expect(snapshotsOf(cabin)[0].state.settings.language).toBe('en');
    const result = await ipcMain.invoke('cabin:intent', fromPage(cabin), 'settings.update', JSON.stringify({ language: 'zh-CN', distanceUnit: 'mi' }));
    expect(result).toMatchObject({ ok: true });

    contentsOf(cabin).emit('render-process-gone', new FakeEvent(), { reason: 'crashed', exitCode: 139 });
    await eventually(() => expect(snapshotsOf(cabin)).toHaveLength(2));
    expect(contentsOf(cabin).loads).toEqual(['app://cabin/index.html', 'app://cabin/index.html']);
    const fresh = snapshotsOf(cabin)[1];
    expect(fresh.state.settings).toMatchObject({ language: 'zh-CN', distanceUnit: 'mi' });
    expect(fresh.state).toEqual(cabin.host.store.getState());
    expect(cabin.recovery.recoveries).toBe(1);
    expect(lines).toContain(
      'renderer recovery 1: renderer process gone (crashed, exit code 139); reloading and resynchronising from the host',
    );

    // The reloaded page is live: later changes reach it as batches following its snapshot. The simulated car
    // adds vehicle batches of its own at any moment, so check the sequence has no gap and carries the change.
    await ipcMain.invoke('cabin:intent', fromPage(cabin), 'settings.update', JSON.stringify({ clockFormat: '12h' }));
    cabin.host.sync.flush();
    const after = syncOf(cabin).slice(syncOf(cabin).indexOf(fresh) + 1);
    expect(after.map((m) => [m.kind, m.seq])).toEqual(after.map((_, i) => ['batch', fresh.seq + 1 + i]));
    let replica = replicaReducer(undefined, snapshotApplied(fresh.state));
    for (const m of after) if (m.kind === 'batch') replica = replicaReducer(replica, batchApplied(m.actions));
    expect(replica.settings).toMatchObject({ language: 'zh-CN', distanceUnit: 'mi', clockFormat: '12h' });
    expect(replica.settings).toEqual(cabin.host.store.getState().settings);
  });

  it('a hung renderer is killed after the grace period, reloaded and resynchronised', async () => {
    const cabin = await start([], { graceMs: 10 });
    if (!cabin) throw new Error('did not start');
    await eventually(() => expect(snapshotsOf(cabin)).toHaveLength(1));
    await ipcMain.invoke('cabin:intent', fromPage(cabin), 'settings.update', JSON.stringify({ themeMode: 'night' }));
    contentsOf(cabin).emit('unresponsive');
    await eventually(() => expect(snapshotsOf(cabin)).toHaveLength(2));
    expect(contentsOf(cabin).crashCount).toBe(1);
    expect(contentsOf(cabin).loads).toHaveLength(2);
    expect(snapshotsOf(cabin)[1].state.settings.themeMode).toBe('night');
    expect(cabin.recovery.recoveries).toBe(1);
  });
});
