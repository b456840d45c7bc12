// Tests that the connection slice follows a real gateway client: connecting → connected with counters → lost when the gateway goes.
import { configureStore } from '@reduxjs/toolkit';
import { afterEach, describe, expect, it } from 'vitest';
import { startGateway } from '../../gateway/server';
import { replayFrames } from '../../gateway/sources/replay';
import { connectionSlice } from '../../shared/state/connectionSlice';
import { createGatewayClient } from './gatewayClient';
import { linkGatewayToStore } from './gatewayStoreLink';
import { until } from '../../test/fixtures/until';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});


describe('linkGatewayToStore', () => {
  it('mirrors link state and sampled counters into the connection slice', async () => {
    const frames = Array.from({ length: 50 }, (_, i) => ({ t: i / 100, bus: 'can0', id: 0x100 + i, extended: false, flags: 0, data: new Uint8Array([i]) }));
    const g = await startGateway({ source: replayFrames({ frames, errors: [], buses: ['can0'] }, { speed: Infinity }), waitForClient: true });
    cleanups.push(() => g.close());
    const store = configureStore({ reducer: { connection: connectionSlice.reducer } });
    const actions: string[] = [];
    const sampled: string[] = [];
    // Each sample asks the decoder for its counters: that is how the test sees samples being taken.
    let samplesTaken = 0;
    const decoderCounters = () => {
      samplesTaken++;
      return { malformed: 0, unknownIds: 0 };
    };
    const client = createGatewayClient({ url: g.url, token: g.token, reconnect: { initialMs: 50, maxMs: 100 } });
    cleanups.push(() => client.close());
    const stop = linkGatewayToStore(
      client,
      (a) => {
        actions.push(a.type);
        if (a.type === 'connection/gatewayDiagnosticsSampled') sampled.push(JSON.stringify(a.payload));
        return store.dispatch(a);
      },
      { sampleMs: 20, decoderCounters },
    );
    cleanups.push(stop);
    client.connect();
    await client.waitFor('connected');
    await until(() => store.getState().connection.diagnostics.frames === 50, '50 frames in the store');
    expect(store.getState().connection.gateway).toMatchObject({ status: 'connected', url: g.url, gateway: 'cabin-gateway 0.1.0' });
    expect(store.getState().connection.diagnostics).toMatchObject({ dropped: 0, malformed: 0, reconnects: 0 });

    await g.close();
    await until(() => store.getState().connection.gateway.status !== 'connected', 'the link to drop');
    expect(['lost', 'connecting']).toContain(store.getState().connection.gateway.status);
    // Unchanged counters are not re-dispatched at every sample: each dispatch carries a change (the
    // reconnect attempts after the drop are one), and most samples dispatch nothing.
    const taken = samplesTaken;
    await until(() => samplesTaken >= taken + 5, 'five more samples');
    expect(sampled.filter((value, i) => i > 0 && value === sampled[i - 1])).toEqual([]);
    expect(sampled.length).toBeLessThan(samplesTaken - 3);
  });
});
