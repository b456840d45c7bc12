// The renderer's replica store: the shared reducers, fed only by the host's snapshot and batches.
import { configureStore } from '@reduxjs/toolkit';
import { useDispatch, useSelector } from 'react-redux';
import type { CabinBridge } from '../../shared/ipc/bridge';
import { createReplicaSync, replicaReducer, type ReplicaSync } from '../../shared/state/replica';
import type { RootState } from '../../shared/state/rootReducer';
import { noteHostTime } from './hostClock';

export function createReplicaStore() {
  return configureStore({
    reducer: replicaReducer,
    // State arrives already validated and frozen-free from the host; the dev checks would only cost frames.
    middleware: (getDefault) => getDefault({ serializableCheck: false, immutableCheck: false }),
  });
}

export type ReplicaStore = ReturnType<typeof createReplicaStore>;
export type AppDispatch = ReplicaStore['dispatch'];
export type { RootState };

export const useAppSelector = useSelector.withTypes<RootState>();
export const useAppDispatch = useDispatch.withTypes<AppDispatch>();

/** Feeds the replica from the bridge; after the link drops, it starts again from a snapshot. */
export function connectReplica(store: ReplicaStore, bridge: CabinBridge): ReplicaSync {
  const sync = createReplicaSync(store.dispatch, () => bridge.requestSnapshot());
  bridge.onSync((message) => {
    noteHostTime(message);
    sync.receive(message);
  });
  bridge.onLinkChange?.((up) => {
    if (!up) sync.reset();
  });
  return sync;
}
