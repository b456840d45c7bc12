// React access to the CabinBridge, so screens send intents without knowing the transport.
import { createContext, useContext } from 'react';
import type { CabinBridge } from '../../shared/ipc/bridge';

export const BridgeContext = createContext<CabinBridge | null>(null);

export function useBridge(): CabinBridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useBridge needs <AppProviders>');
  return bridge;
}
