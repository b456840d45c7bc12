// The renderer's replica: the shared reducers plus snapshot/batch application with gap detection.
import { createAction, type Reducer, type UnknownAction } from '@reduxjs/toolkit';
import { rootReducer, type RootState } from './rootReducer';
import { BATCH_APPLIED, SNAPSHOT_APPLIED, type SyncMessage } from './sync';

export const snapshotApplied = createAction<RootState>(SNAPSHOT_APPLIED);
export const batchApplied = createAction<UnknownAction[]>(BATCH_APPLIED);
type ReplicaAction = ReturnType<typeof snapshotApplied> | ReturnType<typeof batchApplied>;

/**
 * Root reducer for the replica. A whole batch is folded in one dispatch so React renders once
 * per batch (at most once per display frame), not once per action.
 */
export const replicaReducer: Reducer<RootState, UnknownAction> = (state, action) => {
  if (snapshotApplied.match(action)) return action.payload;
  if (batchApplied.match(action)) {
    let next = state ?? rootReducer(undefined, { type: '@@cabin/init' });
    for (const inner of action.payload) next = rootReducer(next, inner);
    return next;
  }
  return rootReducer(state, action);
};

export type ReplicaPhase = 'awaiting-snapshot' | 'in-sync';

export interface ReplicaSync {
  receive(message: SyncMessage): void;
  /** The transport reconnected: anything may have been missed, so start again from a snapshot. */
  reset(): void;
  readonly phase: ReplicaPhase;
  readonly seq: number;
  /** How many times a gap forced a fresh snapshot (diagnostics). */
  readonly resyncs: number;
}

/**
 * Applies sync messages in order. Batches older than what the replica has are duplicates and
 * ignored; a batch that skips ahead means one was lost, so the replica asks for a snapshot and
 * ignores batches until it arrives (the snapshot contains them).
 */
export function createReplicaSync(
  dispatch: (action: ReplicaAction) => void,
  requestSnapshot: () => void,
): ReplicaSync {
  let phase: ReplicaPhase = 'awaiting-snapshot';
  let seq = 0;
  let resyncs = 0;
  let requested = false;

  const askForSnapshot = () => {
    phase = 'awaiting-snapshot';
    if (!requested) {
      requested = true;
      requestSnapshot();
    }
  };

  return {
    receive(message) {
      if (message.kind === 'snapshot') {
        // A snapshot older than what we already applied would roll the replica back.
        if (phase === 'in-sync' && message.seq < seq) return;
        dispatch(snapshotApplied(message.state));
        seq = message.seq;
        phase = 'in-sync';
        requested = false;
        return;
      }
      if (phase === 'awaiting-snapshot') return;
      if (message.seq <= seq) return;
      if (message.seq !== seq + 1) {
        resyncs += 1;
        askForSnapshot();
        return;
      }
      dispatch(batchApplied(message.actions));
      seq = message.seq;
    },
    reset() {
      requested = false;
      askForSnapshot();
    },
    get phase() {
      return phase;
    },
    get seq() {
      return seq;
    },
    get resyncs() {
      return resyncs;
    },
  };
}
