// Turns the host store's accepted actions into ordered batches, at most one per display frame.
import type { Middleware, UnknownAction } from '@reduxjs/toolkit';
import type { RootState } from '../../shared/state/rootReducer';
import type { BatchMessage, SnapshotMessage, SyncMessage } from '../../shared/state/sync';

/** ~60 Hz: a head-unit display cannot show more, so more batches would only cost the renderer. */
export const FRAME_MS = 1000 / 60;

export interface SyncPublisher {
  /** Store middleware that records every action the host store accepts. */
  middleware: Middleware;
  /** A snapshot consistent with the batches that follow it (pending actions are flushed first). */
  snapshot(): SnapshotMessage;
  subscribe(listener: (message: SyncMessage) => void): () => void;
  /** Sends pending actions now (tests, shutdown). */
  flush(): void;
  readonly seq: number;
  close(): void;
}

export interface SyncPublisherOptions {
  frameMs?: number;
  now?: () => number;
}

export function createSyncPublisher(
  getState: () => RootState,
  { frameMs = FRAME_MS, now = () => performance.now() }: SyncPublisherOptions = {},
): SyncPublisher {
  const listeners = new Set<(message: SyncMessage) => void>();
  let pending: UnknownAction[] = [];
  let seq = 0;
  let lastFlushAt = -Infinity;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  const flush = () => {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (pending.length === 0) return;
    seq += 1;
    const batch: BatchMessage = { kind: 'batch', seq, hostTime: now(), actions: pending };
    pending = [];
    lastFlushAt = now();
    for (const listener of listeners) listener(batch);
  };

  const schedule = () => {
    if (timer || closed) return;
    // The first change after a quiet spell goes out at once; later ones wait for the next frame
    // slot, so no change is held back longer than one frame.
    const wait = Math.max(0, lastFlushAt + frameMs - now());
    timer = setTimeout(flush, wait);
  };

  const middleware: Middleware = () => (next) => (action) => {
    const result = next(action);
    // With nobody listening there is nothing to send: the next subscriber starts from a snapshot.
    if (!closed && listeners.size > 0) {
      pending.push(action as UnknownAction);
      schedule();
    }
    return result;
  };

  return {
    middleware,
    snapshot() {
      flush();
      return { kind: 'snapshot', seq, hostTime: now(), state: getState() };
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    flush,
    get seq() {
      return seq;
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      pending = [];
      listeners.clear();
    },
  };
}
