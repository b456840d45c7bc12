// Joins the gateway client, the vehicle's frame pipeline and the host store: CAN frames in, coalesced VSS updates out.
import { join } from 'node:path';
import type { DbcDatabase } from '../../shared/can/dbcModel';
import { signalsUpdated, vehicleSelected, type SignalUpdate } from '../../shared/state/vehicleSlice';
import { createFramePipeline, type FramePipeline } from '../../shared/vehicle/framePipeline';
import type { VehicleMapping } from '../../shared/vehicle/mapping';
import type { VssUpdate } from '../../shared/vehicle/mappingRuntime';
import type { HostStore } from '../host/hostStore';
import { createGatewayClient, type GatewayClient } from './gatewayClient';
import { linkGatewayToStore } from './gatewayStoreLink';
import { createVehicleWriter, type VehicleWriter } from './vehicleWriter';

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
  /** Actuator targets → command frames (allowlisted, rate-limited, audited). */
  writer: VehicleWriter;
  close(): Promise<void>;
}

/**
 * Updates are coalesced per path (the latest value wins) within each batch the gateway delivers
 * (it batches every few ms), so a 50,000 frames/s bus costs the store one small action per batch,
 * not 50,000 — and no value waits for a timer. The renderer gets at most one batch per display frame
 * from the sync publisher.
 */
export function startVehicleLink(options: VehicleLinkOptions): VehicleLink {
  const { store, db, mapping, report = () => undefined, now = Date.now } = options;
  const pipeline = createFramePipeline(db, mapping);
  const paths = mapping.dbc2vss.map((r) => r.path);
  const sources = Object.fromEntries(paths.map((p) => [p, pipeline.signals.sourceOf(p) ?? '']));
  store.dispatch(vehicleSelected({ vehicleId: options.vehicleId, paths, sources }));

  const pending = new Map<string, SignalUpdate>();
  const scratch: VssUpdate[] = [];

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
      if (pending.size === 0) return;
      const updates = [...pending.values()];
      pending.clear();
      store.dispatch(signalsUpdated(updates));
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
    writer: createVehicleWriter({ client, mapping }),
    async close() {
      stopMirroring();
      offProblem();
      offHello();
      await client.close();
    },
  };
}
