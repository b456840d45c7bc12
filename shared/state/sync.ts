// The state-sync envelope between host and replica: a snapshot, then ordered action batches.
import type { UnknownAction } from '@reduxjs/toolkit';
import type { RootState } from './rootReducer';

export interface SnapshotMessage {
  kind: 'snapshot';
  /** The host's monotonic clock when sent: ages in the state (`seenAt`…) are on this clock, never the wall clock. */
  hostTime: number;
  /** Sequence number of the last batch already contained in `state`. */
  seq: number;
  state: RootState;
}

export interface BatchMessage {
  kind: 'batch';
  hostTime: number;
  /** Consecutive from 1; a replica that sees a gap asks for a fresh snapshot. */
  seq: number;
  actions: UnknownAction[];
}

export type SyncMessage = SnapshotMessage | BatchMessage;

/** Replica-only actions: never dispatched on the host, never sent over the bridge. */
export const SNAPSHOT_APPLIED = 'sync/snapshotApplied';
export const BATCH_APPLIED = 'sync/batchApplied';
