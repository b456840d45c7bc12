import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ipcRenderer, mainWorld, resetFakeElectron } from '../../test/fakes/fakeElectron';
import type { CabinBridge } from '../../shared/ipc/bridge';
import type { SyncMessage } from '../../shared/state/sync';

vi.mock('electron', async () => (await import('../../test/fakes/fakeElectron')).fakeElectronModule);

let bridge: CabinBridge;

beforeAll(async () => {
  resetFakeElectron();
  // Importing the preload is what runs it, exactly as Electron does. The path is a variable because
  // preload.ts belongs to tsconfig.preload.json (DOM, no Node types), not to the node project this test is in.
  const preload = './preload';
  await import(/* @vite-ignore */ preload);
  bridge = mainWorld.cabin as CabinBridge;
});

describe('preload', () => {
  it('exposes exactly one key, cabin, with exactly the CabinBridge members', () => {
    expect(Object.keys(mainWorld)).toEqual(['cabin']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onSync', 'requestSnapshot', 'transport']);
    expect(bridge.transport).toBe('electron');
    // Nothing on the bridge is, or leads to, ipcRenderer itself.
    for (const value of Object.values(bridge)) expect(value).not.toBe(ipcRenderer);
  });

  it('invoke goes to the intent channel with the name and the request as JSON text', async () => {
    const result = await bridge.invoke('settings.update', { language: 'zh-CN' });
    expect(result).toEqual({ ok: true, value: null });
    expect(ipcRenderer.invoked).toEqual([{ channel: 'cabin:intent', args: ['settings.update', JSON.stringify({ language: 'zh-CN' })] }]);
  });

  it('onSync hands the page only the message, never the IpcRendererEvent', () => {
    const received: unknown[][] = [];
    const unsubscribe = bridge.onSync((...args: unknown[]) => received.push(args));
    const message: SyncMessage = { kind: 'batch', seq: 1, hostTime: 1, actions: [{ type: 'ui/noticeDismissed', payload: { id: 'a' } }] };
    ipcRenderer.emit('cabin:sync', { sender: ipcRenderer, senderId: 0 }, message);
    expect(received).toEqual([[message]]);
    unsubscribe();
  });

  it("onSync's unsubscribe removes only its own listener", () => {
    const first: SyncMessage[] = [];
    const second: SyncMessage[] = [];
    const before = ipcRenderer.listenerCount('cabin:sync');
    const stopFirst = bridge.onSync((m) => first.push(m));
    const stopSecond = bridge.onSync((m) => second.push(m));
    expect(ipcRenderer.listenerCount('cabin:sync')).toBe(before + 2);
    stopFirst();
    expect(ipcRenderer.listenerCount('cabin:sync')).toBe(before + 1);
    const message: SyncMessage = { kind: 'batch', seq: 2, hostTime: 2, actions: [] };
    ipcRenderer.emit('cabin:sync', {}, message);
    expect(first).toEqual([]);
    expect(second).toEqual([message]);
    stopSecond();
    stopSecond();
    expect(ipcRenderer.listenerCount('cabin:sync')).toBe(before);
  });

  it('requestSnapshot asks on the snapshot channel', () => {
    bridge.requestSnapshot();
    expect(ipcRenderer.sentToMain).toEqual([{ channel: 'cabin:snapshot', args: [] }]);
  });
});
