import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configureStore, type UnknownAction } from '@reduxjs/toolkit';
import { rootReducer } from '../../shared/state/rootReducer';
import { settingsChanged } from '../../shared/state/settingsSlice';
import { signalsUpdated } from '../../shared/state/vehicleSlice';
import type { BatchMessage, SyncMessage } from '../../shared/state/sync';
import { createSyncPublisher, FRAME_MS } from './syncPublisher';

describe('sync publisher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup() {
    const publisher = createSyncPublisher(() => store.getState(), { now: () => Date.now() });
    const store = configureStore({
      reducer: rootReducer,
      middleware: (d) => d({ serializableCheck: false, immutableCheck: false }).concat(publisher.middleware),
    });
    const received: SyncMessage[] = [];
    publisher.subscribe((m) => received.push(m));
    return { store, publisher, received };
  }

  const update = (speed: number): UnknownAction =>
    signalsUpdated([{ path: 'Vehicle.Speed', value: speed, seenAt: 0, staleAfterMs: 1000 }]);

  it('coalesces a burst into at most one batch per frame, in order, with consecutive sequence numbers', () => {
    const { store, received } = setup();
    for (let i = 0; i < 1000; i += 1) store.dispatch(update(i));
    vi.advanceTimersByTime(0);
    // The first batch leaves at once with the whole synchronous burst.
    expect(received).toHaveLength(1);
    for (let frame = 0; frame < 10; frame += 1) {
      for (let i = 0; i < 100; i += 1) store.dispatch(update(i));
      vi.advanceTimersByTime(FRAME_MS / 4);
    }
    vi.advanceTimersByTime(FRAME_MS);
    const batches = received as BatchMessage[];
    // 10 × ¼ frame of updates = 2.5 frames of wall time: a batch per frame slot, never more.
    expect(batches.length).toBeLessThanOrEqual(1 + 4);
    expect(batches.map((b) => b.seq)).toEqual(batches.map((_, i) => i + 1));
    expect(batches.reduce((n, b) => n + b.actions.length, 0)).toBe(2000);
  });

  it('never holds a single change back longer than one frame', () => {
    const { store, received } = setup();
    store.dispatch(update(1));
    vi.advanceTimersByTime(0);
    expect(received).toHaveLength(1);
    store.dispatch(update(2)); // right after a flush: must wait for the next frame slot…
    vi.advanceTimersByTime(FRAME_MS - 1);
    expect(received).toHaveLength(1);
    vi.advanceTimersByTime(1); // …and not a moment longer.
    expect(received).toHaveLength(2);
  });

  it('a snapshot includes pending actions and the following batch continues after it', () => {
    const { store, publisher, received } = setup();
    store.dispatch(settingsChanged({ language: 'zh-CN' }));
    const snapshot = publisher.snapshot();
    expect(snapshot.state.settings.language).toBe('zh-CN');
    expect(snapshot.seq).toBe(1);
    expect(received).toHaveLength(1);
    store.dispatch(settingsChanged({ distanceUnit: 'mi' }));
    vi.advanceTimersByTime(FRAME_MS);
    expect(received.at(-1)).toMatchObject({ kind: 'batch', seq: 2 });
  });
});
