// Joins the gateway client, the vehicle's frame pipeline and the host store: CAN frames in, coalesced VSS updates out.
import { join } from 'node:path';
import type { DbcDatabase } from '../../shared/can/dbcModel';
import { signalsUpdated, vehicleSelected, type SignalUpdate } from '../../shared/state/vehicleSlice';
import { createFramePipeline, type FramePipeline } from '../../shared/vehicle/framePipeline';
import type { VehicleMapping } from '../../shared/vehicle/mapping';
import type { VssUpdate } from '../../shared/vehicle/mappingRuntime';
import type { HostStore } from '../host/hostStore';
import { FRAME_MS } from '../host/syncPublisher';
import { createGatewayClient, type GatewayClient } from './gatewayClient';
import { linkGatewayToStore } from './gatewayStoreLink';

export interface VehicleLinkOptions {
  store: HostStore;
  vehicleId: string;
  db: DbcDatabase;
  mapping: VehicleMapping;
  gateway: { url: string; token: string };
  /** The audit log of sent frames goes to `<dataDir>/audit`. */
  dataDir: string;
  report?: (line: string) => void;
  now?: () => number;
  /** How often diagnostics counters are copied into the store. */
  diagnosticsEveryMs?: number;
}

export interface VehicleLink {
  client: GatewayClient;
  pipeline: FramePipeline;
  close(): Promise<void>;
}

/**
 * Updates are coalesced per path (the latest value wins) and dispatched at most once per display
 * frame, so a 50,000 frames/s bus costs the store ~60 small actions a second, not 50,000.
 */
export function startVehicleLink(options: VehicleLinkOptions): VehicleLink {
  const { store, db, mapping, report = () => undefined, now = Date.now } = options;
  const pipeline = createFramePipeline(db, mapping);
  const paths = mapping.dbc2vss.map((r) => r.path);
  const sources = Object.fromEntries(paths.map((p) => [p, pipeline.signals.sourceOf(p) ?? '']));
  store.dispatch(vehicleSelected({ vehicleId: options.vehicleId, paths, sources }));

  const pending = new Map<string, SignalUpdate>();
  const scratch: VssUpdate[] = [];
  let flushTimer: NodeJS.Timeout | null = null;

  const flush = () => {
    flushTimer = null;
    if (pending.size === 0) return;
    const updates = [...pending.values()];
    pending.clear();
    store.dispatch(signalsUpdated(updates));
  };

  const client = createGatewayClient({
    url: options.gateway.url,
    token: options.gateway.token,
    audit: { dir: join(options.dataDir, 'audit') },
    onFrames(frames) {
      // Freshness is judged by when the host received a value: a replayed log's own timestamps may be years old.
      const seenAt = now();
      for (const frame of frames) {
        scratch.length = 0;
        pipeline.onFrame(frame, scratch);
        for (const u of scratch) pending.set(u.path, { path: u.path, value: u.value, seenAt, staleAfterMs: u.staleAfterMs });
      }
      if (pending.size > 0 && !flushTimer) flushTimer = setTimeout(flush, FRAME_MS);
    },
  });

  const stopMirroring = linkGatewayToStore(client, store.dispatch, {
    sampleMs: options.diagnosticsEveryMs,
    decoderCounters: () => ({
      malformed: pipeline.counters.muxErrors + pipeline.counters.truncated,
      unknownIds: pipeline.counters.unknownIds,
    }),
  });
  const offProblem = client.on('problem', (message) => report(`gateway: ${message}`));
  // The gateway filters to what the mapping reads; the subscription is re-applied after reconnects.
  const offHello = client.on('hello', () => {
    void client.subscribe(pipeline.subscriptions.map((s) => s.id));
  });

  client.connect();

  return {
    client,
    pipeline,
    async close() {
      if (flushTimer) clearTimeout(flushTimer);
      stopMirroring();
      offProblem();
      offHello();
      await client.close();
    },
  };
}
