// The write path below the policy: VSS actuator targets → allowlisted command frames through the bounded queue → gateway send, audited.
import { encodeMessage } from '../../shared/can/dbcEncode';
import type { DbcMessage } from '../../shared/can/dbcModel';
import { FrameFlag } from '../../shared/can/frame';
import type { VehicleMapping } from '../../shared/vehicle/mapping';
import { createVssToDbc } from '../../shared/vehicle/mappingRuntime';
import { monotonicNow, type MonotonicClock } from '../host/clock';
import { createCommandQueue, type PartOutcome } from './commandQueue';
import type { GatewayClient } from './gatewayClient';

export type WriteResult =
  | { ok: true; frames: number; superseded: number }
  | { ok: false; code: 'INVALID' | 'DROPPED' | 'SEND_FAILED'; error: string };

export interface WriteMeta {
  feature: string;
  /** Who asked (a page's connection): its pending commands are dropped when it goes away. */
  client: string;
  /** Not sent by then → dropped. */
  deadlineMs?: number;
}

export interface VehicleWriter {
  readonly writablePaths: readonly string[];
  /**
   * Sends the targets as command frames. Success means the gateway put them on the bus (or a newer
   * target replaced them first); whether the car obeyed shows in the read-back signals, never here.
   */
  write(targets: Record<string, unknown>, meta: WriteMeta): Promise<WriteResult>;
  dropClient(client: string): number;
  readonly pendingCount: number;
  close(): void;
}

export interface VehicleWriterOptions {
  client: Pick<GatewayClient, 'send'>;
  mapping: VehicleMapping;
  bus?: string;
  minIntervalMs?: number;
  /** How long a command may wait for its slot before it is dropped. */
  deadlineMs?: number;
  clock?: MonotonicClock;
}

export const DEFAULT_COMMAND_DEADLINE_MS = 1000;

export function createVehicleWriter({
  client,
  mapping,
  bus = 'can0',
  minIntervalMs = 100,
  deadlineMs = DEFAULT_COMMAND_DEADLINE_MS,
  clock = monotonicNow,
}: VehicleWriterOptions): VehicleWriter {
  const vss2dbc = createVssToDbc(mapping);
  const queue = createCommandQueue<DbcMessage>({
    minIntervalMs,
    clock,
    idle: (message) => vss2dbc.idleSignals(message),
    async send(message, signals, feature) {
      let data: Uint8Array;
      try {
        data = encodeMessage(message, signals);
      } catch (error) {
        return `${message.name}: ${(error as Error).message}`;
      }
      const flags = message.fd ? FrameFlag.FD : 0;
      const ack = await client.send({ bus, id: message.id, extended: message.extended, flags, data }, { feature });
      return ack.ok ? null : `${message.name}: ${ack.error}`;
    },
  });

  return {
    writablePaths: vss2dbc.writablePaths,
    async write(targets, meta) {
      const resolved = vss2dbc.resolveTargets(targets);
      if (!resolved.ok) return { ok: false, code: 'INVALID', error: resolved.error };
      const outcomes: PartOutcome[] = await Promise.all(
        resolved.value.map(({ message, signals }) =>
          queue.enqueue(message, signals, { client: meta.client, feature: meta.feature, deadlineMs: meta.deadlineMs ?? deadlineMs }),
        ),
      );
      const failed = outcomes.find((o) => o.kind === 'failed');
      if (failed?.kind === 'failed') return { ok: false, code: 'SEND_FAILED', error: failed.error };
      const dropped = outcomes.find((o) => o.kind === 'dropped');
      if (dropped?.kind === 'dropped') return { ok: false, code: 'DROPPED', error: `dropped: ${dropped.reason}` };
      return {
        ok: true,
        frames: outcomes.filter((o) => o.kind === 'sent').length,
        superseded: outcomes.filter((o) => o.kind === 'superseded').length,
      };
    },
    dropClient: (c) => queue.dropClient(c),
    get pendingCount() {
      return queue.pendingCount;
    },
    close: () => queue.close(),
  };
}
