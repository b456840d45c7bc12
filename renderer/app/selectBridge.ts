// Chooses the host bridge: Electron's preload object when present, otherwise socket.io to the web simulation.
import type { CabinBridge } from '../../shared/ipc/bridge';
import { createWebBridge } from './webBridge';

declare global {
  interface Window {
    cabin?: CabinBridge;
  }
}

export function selectBridge(win: Window): CabinBridge {
  return win.cabin ?? createWebBridge(win);
}
