import { describe, expect, it } from 'vitest';
import { configureStore, type UnknownAction } from '@reduxjs/toolkit';
import { createReplicaSync, replicaReducer } from './replica';
import { rootReducer } from './rootReducer';
import { settingsChanged } from './settingsSlice';
import type { BatchMessage, SyncMessage } from './sync';

function setup() {
  const store = configureStore({ reducer: replicaReducer });
  const requests: number[] = [];
  const sync = createReplicaSync(store.dispatch, () => requests.push(sync.seq));
  return { store, sync, requests };
}

const snapshotAt = (seq: number, ...actions: UnknownAction[]): SyncMessage => ({
  kind: 'snapshot',
  seq,
  hostTime: seq,
  state: actions.reduce(rootReducer, rootReducer(undefined, { type: 'init' })),
});
const batch = (seq: number, ...actions: UnknownAction[]): BatchMessage => ({ kind: 'batch', seq, hostTime: seq, actions });

describe('replica sync', () => {
  it('ignores batches until the first snapshot, then applies consecutive batches', () => {
    const { store, sync } = setup();
    sync.receive(batch(1, settingsChanged({ language: 'zh-CN' })));
    expect(store.getState().settings.language).toBe('en');
    sync.receive(snapshotAt(1, settingsChanged({ language: 'zh-CN' })));
    sync.receive(batch(2, settingsChanged({ distanceUnit: 'mi' })));
    sync.receive(batch(3, settingsChanged({ clockFormat: '12h' }), settingsChanged({ themeMode: 'night' })));
    expect(store.getState().settings).toMatchObject({
      language: 'zh-CN',
      distanceUnit: 'mi',
      clockFormat: '12h',
      themeMode: 'night',
    });
    expect(sync.seq).toBe(3);
  });

  it('a gap triggers exactly one snapshot request and batches are ignored until it arrives', () => {
    const { store, sync, requests } = setup();
    sync.receive(snapshotAt(5));
    sync.receive(batch(7, settingsChanged({ distanceUnit: 'mi' })));
    sync.receive(batch(8, settingsChanged({ clockFormat: '12h' })));
    expect(requests).toHaveLength(1);
    expect(sync.phase).toBe('awaiting-snapshot');
    expect(store.getState().settings.distanceUnit).toBe('km');
    sync.receive(snapshotAt(8, settingsChanged({ distanceUnit: 'mi' }), settingsChanged({ clockFormat: '12h' })));
    sync.receive(batch(9, settingsChanged({ language: 'zh-CN' })));
    expect(store.getState().settings).toMatchObject({ distanceUnit: 'mi', clockFormat: '12h', language: 'zh-CN' });
    expect(sync.resyncs).toBe(1);
  });

  it('an out-of-order batch resynchronises instead of applying changes in the wrong order', () => {
    const { store, sync, requests } = setup();
    sync.receive(snapshotAt(0));
    sync.receive(batch(2, settingsChanged({ language: 'en' })));
    sync.receive(batch(1, settingsChanged({ language: 'zh-CN' })));
    // Batch 1 arrived late: the replica is waiting for a snapshot, so it must not apply it now.
    expect(requests).toHaveLength(1);
    expect(store.getState().settings.language).toBe('en');
    sync.receive(snapshotAt(2, settingsChanged({ language: 'zh-CN' }), settingsChanged({ language: 'en' })));
    expect(store.getState().settings.language).toBe('en');
    expect(sync.phase).toBe('in-sync');
  });

  it('duplicates and stale snapshots are ignored', () => {
    const { store, sync } = setup();
    sync.receive(snapshotAt(3, settingsChanged({ distanceUnit: 'mi' })));
    sync.receive(batch(3, settingsChanged({ distanceUnit: 'km' })));
    sync.receive(snapshotAt(2));
    expect(store.getState().settings.distanceUnit).toBe('mi');
    expect(sync.seq).toBe(3);
  });

  it('reset (reconnect) asks for a fresh snapshot', () => {
    const { sync, requests } = setup();
    sync.receive(snapshotAt(1));
    sync.reset();
    expect(sync.phase).toBe('awaiting-snapshot');
    expect(requests).toHaveLength(1);
  });
});
