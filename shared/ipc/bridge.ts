// CabinBridge: the one object the renderer uses to reach the host, over Electron IPC or socket.io.
import type { SyncMessage } from '../state/sync';
import type { IntentName, IntentRequest, IntentResponse, IntentResult } from './intents';

export interface CabinBridge {
  readonly transport: 'electron' | 'web';
  /** Sends an intent; the host validates it and answers with a result, never a thrown error. */
  invoke<N extends IntentName>(name: N, request: IntentRequest<N>): Promise<IntentResult<IntentResponse<N>>>;
  /** Receives the snapshot and the ordered batches; returns an unsubscribe function. */
  onSync(listener: (message: SyncMessage) => void): () => void;
  /** Asks the host for a fresh snapshot (after a gap). */
  requestSnapshot(): void;
  /**
   * Whether the bridge itself is up (the web bridge can drop; Electron IPC cannot, so it may omit this).
   * Returns an unsubscribe function.
   */
  onLinkChange?(listener: (up: boolean) => void): () => void;
}

/** Channel names shared by the preload, the Electron IPC transport and the web bridge. */
export const BridgeChannel = {
  intent: 'cabin:intent',
  sync: 'cabin:sync',
  snapshot: 'cabin:snapshot',
} as const;
