// The write path: VSS actuator targets → allowlisted command frames → gateway send, rate-limited per message and audited.
import { encodeMessage } from '../../shared/can/dbcEncode';
import type { DbcMessage } from '../../shared/can/dbcModel';
import { FrameFlag } from '../../shared/can/frame';
import type { VehicleMapping } from '../../shared/vehicle/mapping';
import { createVssToDbc } from '../../shared/vehicle/mappingRuntime';
import type { GatewayClient } from './gatewayClient';

export type WriteResult = { ok: true; frames: number } | { ok: false; error: string };

export interface VehicleWriter {
  readonly writablePaths: readonly string[];
  /**
   * Sends the targets as command frames. Success means the gateway put them on the bus; whether
   * the car obeyed shows in the read-back signals, never here.
   */
  write(targets: Record<string, unknown>, meta: { feature: string }): Promise<WriteResult>;
}

export interface VehicleWriterOptions {
  client: Pick<GatewayClient, 'send'>;
  mapping: VehicleMapping;
  bus?: string;
  /** No command message is sent more often than this: an ECU flooded with requests may ignore all of them. */
  minIntervalMs?: number;
  now?: () => number;
}

export function createVehicleWriter({ client, mapping, bus = 'can0', minIntervalMs = 100, now = () => performance.now() }: VehicleWriterOptions): VehicleWriter {
  const vss2dbc = createVssToDbc(mapping);
  const nextAllowedAt = new Map<DbcMessage, number>();
  return {
    writablePaths: vss2dbc.writablePaths,
    async write(targets, { feature }) {
      const encoded = vss2dbc.encodeMany(targets);
      if (!encoded.ok) return encoded;
      for (const { message, signals } of encoded.writes) {
        const wait = (nextAllowedAt.get(message) ?? 0) - now();
        // Reserve the slot before waiting, so concurrent writes queue behind each other.
        nextAllowedAt.set(message, Math.max(now(), nextAllowedAt.get(message) ?? 0) + minIntervalMs);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        let data: Uint8Array;
        try {
          data = encodeMessage(message, signals);
        } catch (error) {
          return { ok: false, error: `${message.name}: ${(error as Error).message}` };
        }
        const flags = message.fd ? FrameFlag.FD : 0;
        const ack = await client.send({ bus, id: message.id, extended: message.extended, flags, data }, { feature });
        if (!ack.ok) return { ok: false, error: `${message.name}: ${ack.error}` };
      }
      return { ok: true, frames: encoded.writes.length };
    },
  };
}
