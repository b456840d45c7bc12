// What the gateway client counts about what it receives and sends: frames, bytes, gaps, malformed batches — the diagnostics behind the link.
import type { CanFrame } from '../../shared/can/frame';
import { decodeBatch } from '../../shared/gateway/batch';
import type { GatewayHello } from '../../shared/gateway/protocol';
import type { GatewayDiagnostics } from '../../shared/state/connectionSlice';

export type GatewayClientState = 'connecting' | 'connected' | 'stale' | 'disconnected' | 'refused' | 'closed';

export interface GatewayClientDiagnostics extends GatewayDiagnostics {
  state: GatewayClientState;
  url: string;
  gateway: GatewayHello['gateway'] | null;
  buses: string[];
  batches: number;
  /** Frames skipped inside otherwise valid batches. */
  skippedFrames: number;
  heartbeats: number;
  /** Host monotonic ms. */
  lastHeartbeatAt: number | null;
  lastFrameAt: number | null;
  sent: number;
  sendErrors: number;
  sourceErrors: number;
  /** Times the gateway said its source started again (a replay's loop). */
  sourceRestarts: number;
  /** Distinct ids the decoder reported as unknown (first 256). */
  unknownIdList: number[];
  connectErrors: number;
  lastError: string | null;
  auditErrors: number;
}

export type BatchOutcome =
  | { ok: true; frames: CanFrame[]; seq: number; sentAt: number; skippedProblem: string | null }
  | { ok: false; problem: string };

export interface ReceiveAccounting {
  readonly counters: GatewayClientDiagnostics;
  /** A new connection: sequence numbers start again. */
  connectionStarted(): void;
  /** Decodes and counts one frame batch (gaps, malformed frames); the frames are the caller's. */
  batch(payload: unknown, now: number): BatchOutcome;
  /** A heartbeat names the next sequence number: frames between are lost. */
  heartbeat(nextSeq: number | null, now: number): void;
  unknownId(id: number): void;
  snapshot(): GatewayClientDiagnostics;
}

const HALF_SEQ_SPACE = 0x80000000;

export function createReceiveAccounting(url: string): ReceiveAccounting {
  const counters: GatewayClientDiagnostics = {
    state: 'connecting',
    url,
    gateway: null,
    buses: [],
    frames: 0,
    bytes: 0,
    dropped: 0,
    malformed: 0,
    unknownIds: 0,
    reconnects: 0,
    batches: 0,
    skippedFrames: 0,
    heartbeats: 0,
    lastHeartbeatAt: null,
    lastFrameAt: null,
    sent: 0,
    sendErrors: 0,
    sourceErrors: 0,
    sourceRestarts: 0,
    unknownIdList: [],
    connectErrors: 0,
    lastError: null,
    auditErrors: 0,
  };
  let expectedSeq = 0;

  return {
    counters,
    connectionStarted() {
      expectedSeq = 0;
    },
    batch(payload, now) {
      const size = payload instanceof Uint8Array ? payload.length : payload instanceof ArrayBuffer ? payload.byteLength : 0;
      counters.bytes += size;
      const r = decodeBatch(payload as Uint8Array, counters.buses);
      if (!r.ok) {
        counters.malformed++;
        return { ok: false, problem: `malformed frame batch from the gateway: ${r.error}` };
      }
      counters.batches++;
      if (r.seq !== expectedSeq) {
        const gap = (r.seq - expectedSeq) >>> 0;
        if (gap < HALF_SEQ_SPACE) counters.dropped += gap;
      }
      expectedSeq = (r.seq + r.count) >>> 0;
      let skippedProblem: string | null = null;
      if (r.skipped.length) {
        counters.skippedFrames += r.skipped.length;
        counters.malformed += r.skipped.length;
        skippedProblem = `gateway batch ${r.seq}: ${r.skipped[0]}${r.skipped.length > 1 ? ` (+${r.skipped.length - 1} more)` : ''}`;
      }
      if (r.frames.length) {
        counters.frames += r.frames.length;
        counters.lastFrameAt = now;
      }
      return { ok: true, frames: r.frames, seq: r.seq, sentAt: r.sentAt, skippedProblem };
    },
    heartbeat(nextSeq, now) {
      counters.heartbeats++;
      counters.lastHeartbeatAt = now;
      if (nextSeq === null) return;
      const gap = (nextSeq - expectedSeq) >>> 0;
      if (gap > 0 && gap < HALF_SEQ_SPACE) {
        counters.dropped += gap;
        expectedSeq = nextSeq;
      }
    },
    unknownId(id) {
      counters.unknownIds++;
      if (counters.unknownIdList.length < 256 && !counters.unknownIdList.includes(id)) counters.unknownIdList.push(id);
    },
    snapshot() {
      return { ...counters, buses: [...counters.buses], unknownIdList: [...counters.unknownIdList] };
    },
  };
}
