// CabinBridge over socket.io for the browser simulation; the per-run token comes from the URL cabin printed.
import { io } from 'socket.io-client';
import { BridgeChannel, type CabinBridge } from '../../shared/ipc/bridge';
import type { IntentResult } from '../../shared/ipc/intents';
import type { SyncMessage } from '../../shared/state/sync';

const TOKEN_KEY = 'cabin.bridgeToken';
const INTENT_TIMEOUT_MS = 10_000;

/** Takes the token out of the address bar (so it is not shared by accident) and keeps it for reloads. */
function takeToken(win: Window): string {
  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    win.sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    win.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return win.sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function createWebBridge(win: Window): CabinBridge {
  const token = takeToken(win);
  const socket = io({ path: '/bridge', transports: ['websocket'], auth: { token } });
  const syncListeners = new Set<(message: SyncMessage) => void>();
  const linkListeners = new Set<(up: boolean) => void>();

  socket.on(BridgeChannel.sync, (message: SyncMessage) => {
    for (const listener of syncListeners) listener(message);
  });
  socket.on('connect', () => linkListeners.forEach((l) => l(true)));
  socket.on('disconnect', () => linkListeners.forEach((l) => l(false)));
  socket.on('connect_error', () => linkListeners.forEach((l) => l(false)));

  return {
    transport: 'web',
    async invoke(name, request) {
      try {
        return (await socket.timeout(INTENT_TIMEOUT_MS).emitWithAck(BridgeChannel.intent, name, JSON.stringify(request))) as IntentResult<never>;
      } catch {
        return { ok: false, error: { code: 'FAILED', message: 'the vehicle system did not answer in time' } };
      }
    },
    onSync(listener) {
      syncListeners.add(listener);
      return () => syncListeners.delete(listener);
    },
    requestSnapshot() {
      socket.emit(BridgeChannel.snapshot);
    },
    onLinkChange(listener) {
      linkListeners.add(listener);
      return () => linkListeners.delete(listener);
    },
  } satisfies CabinBridge;
}
