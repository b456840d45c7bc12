// Sandboxed preload: gives the page exactly one object, `window.cabin`, and never raw ipcRenderer.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BridgeChannel, type CabinBridge } from '../../shared/ipc/bridge';
import type { SyncMessage } from '../../shared/state/sync';

/** The subset of ipcRenderer the bridge needs, so the bridge can be built around a fake in tests. */
type BridgeIpc = Pick<typeof ipcRenderer, 'invoke' | 'send' | 'on' | 'removeListener'>;

function createElectronBridge(ipc: BridgeIpc) {
  return {
    transport: 'electron',
    // JSON text, so the host can judge the size of a request before it parses it.
    invoke: (name, request) => ipc.invoke(BridgeChannel.intent, name, JSON.stringify(request)),
    onSync(listener) {
      // Only the message crosses into the page: the IpcRendererEvent carries `sender`, which is ipcRenderer.
      const handler = (_event: IpcRendererEvent, message: SyncMessage) => listener(message);
      ipc.on(BridgeChannel.sync, handler);
      return () => {
        ipc.removeListener(BridgeChannel.sync, handler);
      };
    },
    requestSnapshot() {
      ipc.send(BridgeChannel.snapshot);
    },
  } satisfies CabinBridge;
}

contextBridge.exposeInMainWorld('cabin', createElectronBridge(ipcRenderer));
