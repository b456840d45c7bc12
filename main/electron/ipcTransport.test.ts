import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindow } from 'electron';
import { createHost, type Host } from '../host/createHost';
import { projectRoot } from '../../test/fixtures/corpus';
import type { SyncMessage } from '../../shared/state/sync';
import {
  FakeBrowserWindow,
  FakeEvent,
  FakeWebContents,
  FakeWebFrameMain,
  ipcMain,
  resetFakeElectron,
} from '../../test/fakes/fakeElectron';
import { attachIpcTransport, type IpcTransport } from './ipcTransport';
import { APP_ORIGIN } from './security';

vi.mock('electron', async () => (await import('../../test/fakes/fakeElectron')).fakeElectronModule);

/** Waits for something asynchronous to have happened; the generous ceiling is for loaded CI machines, not a timing check. */
const eventually = (check: () => void) => vi.waitFor(check, { timeout: 10_000, interval: 5 });

let host: Host;
let dir: string;
let lines: string[];
let invoked: unknown[];
let window: FakeBrowserWindow;
let contents: FakeWebContents;
let transport: IpcTransport;

beforeEach(async () => {
  resetFakeElectron();
  dir = await mkdtemp(join(tmpdir(), 'cabin-ipc-'));
  lines = [];
  invoked = [];
  host = await createHost({
    dataDir: dir,
    version: '1.0.0',
    mode: 'simulation',
    transport: 'electron',
    appRoot: projectRoot,
    report: (l) => lines.push(l),
  });
  window = new FakeBrowserWindow({});
  contents = window.webContents;
  transport = attachIpcTransport({
    window: window as unknown as BrowserWindow,
    // The real host, observed: what reaches host.invoke is recorded.
    host: {
      sync: host.sync,
      connect(label: string) {
        const client = host.connect(label);
        const original = client.invoke.text;
        const text = (name: unknown, json: unknown) => (invoked.push(name), original(name, json));
        return { invoke: Object.assign(client.invoke, { text }), close: client.close };
      },
    },
    allowedOrigins: [APP_ORIGIN],
    report: (l) => lines.push(l),
  });
  await window.loadURL('app://cabin/index.html');
});

afterEach(async () => {
  transport.close();
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

const fromOurPage = () => ({ sender: contents, senderFrame: contents.mainFrame });
const syncMessages = () => contents.sent.filter((m) => m.channel === 'cabin:sync').map((m) => m.args[0] as SyncMessage);

describe('intents', () => {
  it('a valid intent from our window reaches host.invoke and changes state', async () => {
    const result = await ipcMain.invoke('cabin:intent', fromOurPage(), 'settings.update', JSON.stringify({ temperatureUnit: 'fahrenheit' }));
    expect(result).toMatchObject({ ok: true, value: { temperatureUnit: 'fahrenheit' } });
    expect(invoked).toEqual(['settings.update']);
    expect(host.store.getState().settings.temperatureUnit).toBe('fahrenheit');
    expect(transport.rejectedSenders).toBe(0);
  });

  it.each([
    ['another web contents', () => {
      const other = new FakeWebContents();
      other.mainFrame.url = 'app://cabin/index.html';
      return { sender: other, senderFrame: other.mainFrame };
    }],
    ['a sub-frame on our origin', () => ({ sender: contents, senderFrame: new FakeWebFrameMain('app://cabin/frame.html', contents.mainFrame) })],
    ['our main frame on another origin', () => {
      contents.mainFrame.url = 'https://evil.example/';
      return fromOurPage();
    }],
    ['a file:// page', () => {
      contents.mainFrame.url = 'file:///tmp/evil.html';
      return fromOurPage();
    }],
    ['a frame that is gone', () => ({ sender: contents, senderFrame: null })],
  ])('an intent from %s is refused, counted, reported; host.invoke is not called', async (_what, event) => {
    const before = host.store.getState();
    const result = await ipcMain.invoke('cabin:intent', event(), 'settings.update', JSON.stringify({ temperatureUnit: 'fahrenheit' }));
    expect(result).toEqual({ ok: false, error: { code: 'NOT_ALLOWED', message: expect.stringMatching(/Cabin window/) } });
    expect(invoked).toEqual([]);
    expect(host.store.getState()).toBe(before);
    expect(transport.rejectedSenders).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^ipc: refused intent "settings\.update" from .+ \(1 refused so far\)$/)]);
  });

  it('an invalid payload comes back as INVALID_REQUEST and changes nothing', async () => {
    const before = host.store.getState();
    const result = await ipcMain.invoke('cabin:intent', fromOurPage(), 'settings.update', JSON.stringify({ temperatureUnit: 'kelvin' }));
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', message: expect.stringMatching(/temperatureUnit/) } });
    expect(host.store.getState()).toBe(before);
    const unknown = await ipcMain.invoke('cabin:intent', fromOurPage(), 'vehicle.selfDestruct', JSON.stringify({}));
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_INTENT' } });
    expect(host.rejectedIntents).toBe(2);
    expect(transport.rejectedSenders).toBe(0);
  });
});

/** The batch that carries the test's settings change (other services may send batches of their own). */
const carriesClockChange = (m: SyncMessage) => m.kind === 'batch' && JSON.stringify(m.actions).includes('"clockFormat":"12h"');

describe('sync', () => {
  it('a loaded page gets the snapshot, then ordered batches', async () => {
    expect(syncMessages()).toMatchObject([{ kind: 'snapshot', seq: 0 }]);
    await ipcMain.invoke('cabin:intent', fromOurPage(), 'settings.update', JSON.stringify({ clockFormat: '12h' }));
    await ipcMain.invoke('cabin:intent', fromOurPage(), 'settings.update', JSON.stringify({ distanceUnit: 'mi' }));
    host.sync.flush();
    await eventually(() => expect(syncMessages().length).toBeGreaterThan(1));
    const [snapshot, ...batches] = syncMessages();
    expect(batches.map((b) => b.seq)).toEqual(batches.map((_, i) => snapshot.seq + i + 1));
    expect(batches.flatMap((b) => (b.kind === 'batch' ? b.actions : [])).length).toBeGreaterThanOrEqual(2);
  });

  it('a snapshot request from our page resynchronises; from elsewhere it is refused', () => {
    ipcMain.emit('cabin:snapshot', fromOurPage());
    expect(syncMessages().map((m) => m.kind)).toEqual(['snapshot', 'snapshot']);
    const other = new FakeWebContents();
    ipcMain.emit('cabin:snapshot', { sender: other, senderFrame: other.mainFrame });
    expect(syncMessages()).toHaveLength(2);
    expect(transport.rejectedSenders).toBe(1);
    expect(transport.snapshotsSent).toBe(2);
  });

  it('a resync replaces the subscription instead of adding a second one', async () => {
    ipcMain.emit('cabin:snapshot', fromOurPage());
    ipcMain.emit('cabin:snapshot', fromOurPage());
    await ipcMain.invoke('cabin:intent', fromOurPage(), 'settings.update', JSON.stringify({ clockFormat: '12h' }));
    host.sync.flush();
    // Other services (the stations dataset loading) may add batches of their own; none may arrive twice.
    const batches = syncMessages().filter((m) => m.kind === 'batch');
    const seqs = batches.map((b) => b.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(batches.filter(carriesClockChange)).toHaveLength(1);
  });

  it('batches stop while the page navigates away and resume from a fresh snapshot when it has loaded', async () => {
    contents.autoFinishLoads = false;
    await contents.loadURL('app://cabin/index.html');
    await ipcMain.invoke('cabin:intent', fromOurPage(), 'settings.update', JSON.stringify({ clockFormat: '12h' }));
    host.sync.flush();
    expect(syncMessages().map((m) => m.kind)).toEqual(['snapshot']);
    contents.emit('did-finish-load');
    const last = syncMessages().at(-1);
    expect(last).toMatchObject({ kind: 'snapshot', state: { settings: { clockFormat: '12h' } } });
  });

  it('in-page navigation (a hash change) keeps the subscription', async () => {
    contents.emit('did-start-navigation', new FakeEvent({ isMainFrame: true, isSameDocument: true }));
    await ipcMain.invoke('cabin:intent', fromOurPage(), 'settings.update', JSON.stringify({ clockFormat: '12h' }));
    host.sync.flush();
    const [first, ...rest] = syncMessages();
    expect(first.kind).toBe('snapshot');
    expect(rest.every((m) => m.kind === 'batch')).toBe(true);
    expect(rest.filter(carriesClockChange)).toHaveLength(1);
  });

  it('a destroyed window is unsubscribed and its IPC handlers removed', async () => {
    window.close();
    expect(ipcMain.handlers.has('cabin:intent')).toBe(false);
    expect(ipcMain.listenerCount('cabin:snapshot')).toBe(0);
    // The host keeps working, and nothing is sent to the dead contents.
    await host.invoke('settings.update', { clockFormat: '12h' });
    host.sync.flush();
    expect(syncMessages()).toHaveLength(1);
  });
});
