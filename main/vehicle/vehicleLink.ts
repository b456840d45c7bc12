// Joins the gateway client, the vehicle's frame pipeline and the host store: CAN frames in, coalesced VSS updates out.
import { join } from 'node:path';
import type { DbcDatabase } from '../../shared/can/dbcModel';
import { signalsUpdated, vehicleSelected, type SignalUpdate } from '../../shared/state/vehicleSlice';
import { createFramePipeline, type FramePipeline } from '../../shared/vehicle/framePipeline';
import type { VehicleMapping } from '../../shared/vehicle/mapping';
import type { VssUpdate } from '../../shared/vehicle/mappingRuntime';
import type { VehicleCapabilities } from '../../shared/vehicle/vehicleCapabilities';
import type { HostStore } from '../host/hostStore';
import { monotonicNow, type MonotonicClock } from '../host/clock';
import { createGatewayClient, type GatewayClient } from './gatewayClient';
import { linkGatewayToStore } from './gatewayStoreLink';
import { createVehicleWriter, type VehicleWriter } from './vehicleWriter';

export interface VehicleLinkOptions {
  store: HostStore;
  vehicleId: string;
  db: DbcDatabase;
  mapping: VehicleMapping;
  /** What vehicle.json says the car is; screens it cannot use are not offered. */
  capabilities?: VehicleCapabilities;
  gateway: { url: string; token: string };
  /** The audit log of sent frames goes to `<dataDir>/audit`. */
  dataDir: string;
  report?: (line: string) => void;
  /** Receive times, throttling and staleness: the host's monotonic clock (never the wall clock, never the gateway's). */
  clock?: MonotonicClock;
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
  const { store, db, mapping, report = () => undefined, clock = monotonicNow } = options;
  const pipeline = createFramePipeline(db, mapping);
  const paths = mapping.dbc2vss.map((r) => r.path);
  const sources = Object.fromEntries(paths.map((p) => [p, pipeline.signals.sourceOf(p) ?? '']));
  store.dispatch(vehicleSelected({ vehicleId: options.vehicleId, paths, sources, capabilities: options.capabilities }));

  const pending = new Map<string, SignalUpdate>();
  const scratch: VssUpdate[] = [];

  const client = createGatewayClient({
    url: options.gateway.url,
    token: options.gateway.token,
    audit: { dir: join(options.dataDir, 'audit') },
    clock,
    onFrames(frames) {
      // Freshness is judged by when the host received a value, on its own monotonic clock: a replayed
      // log's timestamps may be years old, and a restarted gateway's clock starts again at zero.
      const seenAt = clock();
      for (const frame of frames) {
        scratch.length = 0;
        pipeline.onFrame(frame, scratch, seenAt);
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
  // A new connection or a replay's loop: every signal's next value goes out at once, so values are live again at once.
  const offRestarted = client.on('restarted', () => pipeline.reset());
  // The gateway filters to what the mapping reads; the subscription is re-applied after reconnects.
  const offHello = client.on('hello', () => {
    void client.subscribe(pipeline.subscriptions.map((s) => s.id));
  });

  client.connect();
  const writer = createVehicleWriter({ client, mapping, clock });

  return {
    client,
    pipeline,
    writer,
    async close() {
      writer.close();
      stopMirroring();
      offProblem();
      offRestarted();
      offHello();
      await client.close();
    },
  };
}
