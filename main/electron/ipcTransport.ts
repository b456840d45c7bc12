// CabinBridge over Electron IPC, main side: sender-checked intents, and snapshot-then-batches sync per page load.
import { ipcMain, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { BridgeChannel } from '../../shared/ipc/bridge';
import type { IntentResult } from '../../shared/ipc/intents';
import type { SyncMessage } from '../../shared/state/sync';
import type { Host } from '../host/createHost';
import { originOf } from './security';

export interface IpcTransportOptions {
  window: BrowserWindow;
  host: Pick<Host, 'connect' | 'sync'>;
  /** Origins whose main frame may talk to the host: our app origin (and the dev server in development). */
  allowedOrigins: readonly string[];
  report: (line: string) => void;
}

export interface IpcTransport {
  /** Sends a fresh snapshot, then every later batch, to the window's current page. */
  resync(): void;
  /** IPC messages refused because they did not come from our window's main frame on our origin. */
  readonly rejectedSenders: number;
  readonly snapshotsSent: number;
  close(): void;
}

const REFUSED: IntentResult<never> = {
  ok: false,
  error: { code: 'NOT_ALLOWED', message: 'intent refused: it did not come from the Cabin window' },
};

export function attachIpcTransport({ window, host, allowedOrigins, report }: IpcTransportOptions): IpcTransport {
  const contents = window.webContents;
  const allowed = new Set(allowedOrigins);
  let unsubscribe: (() => void) | null = null;
  let rejectedSenders = 0;
  let snapshotsSent = 0;
  let closed = false;
  // One client per page load: a reload drops whatever the old page left pending on the write path.
  let client = host.connect('electron');

  /** Why a message must be refused, or null when it comes from our page. */
  const refusal = (event: IpcMainEvent | IpcMainInvokeEvent): string | null => {
    if (contents.isDestroyed() || event.sender !== contents) return 'another web contents';
    const frame = event.senderFrame;
    if (!frame) return 'a frame that is gone';
    // Only the top document of our window: an iframe, even a same-origin one, is not trusted.
    if (frame.parent !== null) return 'a sub-frame';
    const origin = originOf(frame.url);
    if (origin === null || !allowed.has(origin)) return `origin ${JSON.stringify(origin ?? frame.url.slice(0, 80))}`;
    return null;
  };

  const refuse = (what: string, reason: string) => {
    rejectedSenders += 1;
    report(`ipc: refused ${what} from ${reason} (${rejectedSenders} refused so far)`);
  };

  const send = (message: SyncMessage) => {
    if (contents.isDestroyed()) return drop();
    try {
      contents.send(BridgeChannel.sync, message);
    } catch (error) {
      // A page torn down between the check and the send: it gets a fresh snapshot when it loads again.
      report(`ipc: could not send sync ${message.kind} ${message.seq}: ${(error as Error).message}`);
      drop();
    }
  };

  const drop = () => {
    unsubscribe?.();
    unsubscribe = null;
  };

  const resync = () => {
    if (closed || contents.isDestroyed()) return;
    drop();
    // snapshot() flushes pending actions first, so the first batch after it is exactly seq + 1.
    send(host.sync.snapshot());
    snapshotsSent += 1;
    unsubscribe = host.sync.subscribe(send);
  };

  const onIntent = async (event: IpcMainInvokeEvent, name: unknown, request: unknown) => {
    const reason = refusal(event);
    if (reason) {
      const shown = typeof name === 'string' ? JSON.stringify(name.slice(0, 80)) : typeof name;
      refuse(`intent ${shown}`, reason);
      return REFUSED;
    }
    return client.invoke.text(name, request);
  };
  const onSnapshotRequest = (event: IpcMainEvent) => {
    const reason = refusal(event);
    if (reason) return refuse('snapshot request', reason);
    resync();
  };
  const onNavigation = (details: { isMainFrame?: boolean; isSameDocument?: boolean }) => {
    // The old page is going away: batches sent now would be lost, and the new page starts from a snapshot.
    if (details.isMainFrame !== false && !details.isSameDocument) {
      drop();
      newClient();
    }
  };
  const newClient = () => {
    client.close();
    client = host.connect('electron');
  };
  const onGone = () => {
    drop();
    newClient();
  };

  ipcMain.handle(BridgeChannel.intent, onIntent);
  ipcMain.on(BridgeChannel.snapshot, onSnapshotRequest);
  contents.on('did-finish-load', resync);
  contents.on('did-start-navigation', onNavigation);
  contents.on('render-process-gone', onGone);
  contents.once('destroyed', () => close());

  function close() {
    if (closed) return;
    closed = true;
    drop();
    ipcMain.removeHandler(BridgeChannel.intent);
    ipcMain.removeListener(BridgeChannel.snapshot, onSnapshotRequest);
    contents.removeListener('did-finish-load', resync);
    contents.removeListener('did-start-navigation', onNavigation);
    contents.removeListener('render-process-gone', onGone);
    client.close();
  }

  return {
    resync,
    get rejectedSenders() {
      return rejectedSenders;
    },
    get snapshotsSent() {
      return snapshotsSent;
    },
    close,
  };
}
