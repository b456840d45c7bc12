// Gateway protocol 1: event names, limits and zod schemas of the control messages both ends validate (see docs/gateway-protocol.md).
import type { Result } from '../result';
import { z } from 'zod';

/** Bumped on any incompatible change to events, schemas or the batch layout. */
export const GATEWAY_PROTOCOL = 1;

/**
 * Socket.io event names. Server → client: hello, frames, heartbeat, buses, source-end, source-error,
 * source-restarted. Client → server: subscribe, send.
 */
export const GatewayEvent = {
  hello: 'hello',
  frames: 'frames',
  heartbeat: 'heartbeat',
  buses: 'buses',
  sourceEnd: 'source-end',
  sourceError: 'source-error',
  sourceRestarted: 'source-restarted',
  subscribe: 'subscribe',
  send: 'send',
} as const;

/** The protocol promises a heartbeat at least this often, frames or not. */
export const HEARTBEAT_MAX_INTERVAL_MS = 250;
/** How often the reference gateway sends one (margin below the promise for timer jitter). */
export const HEARTBEAT_INTERVAL_MS = 200;
/** A client that heard nothing for this long treats the gateway as stale. */
export const STALE_AFTER_MS = 1000;
/** Upper bounds a receiver enforces on one binary batch. */
export const MAX_BATCH_FRAMES = 8192;
export const MAX_BATCH_BYTES = 1 << 20;

/** Tokens shorter than this (UTF-8 bytes) are refused when a gateway starts. */
export const MIN_TOKEN_BYTES = 16;
/** A connection that has not passed the handshake within this long is closed. */
export const HANDSHAKE_TIMEOUT_MS = 2000;

/**
 * Why a handshake was refused; carried in the connect_error's `data.code`. All are final (retrying
 * cannot help) except `offline`: the gateway is up but not serving (e.g. a simulated outage), retry later.
 * `origin`: a browser page whose Origin the operator did not allow (--allow-origin).
 */
export type RefusalCode = 'no-token' | 'bad-token' | 'protocol' | 'offline' | 'origin';

/** Handshake `auth` the client sends. */
export const authSchema = z.object({
  token: z.string().min(1),
  protocol: z.number().int(),
  client: z.string().max(200).optional(),
});
export type GatewayAuth = z.infer<typeof authSchema>;

export const busInfoSchema = z.object({
  /** Index used in binary batches. */
  index: z.number().int().min(0).max(255),
  name: z.string().min(1),
});
export type BusInfo = z.infer<typeof busInfoSchema>;

export const helloSchema = z.object({
  protocol: z.number().int(),
  gateway: z.object({ name: z.string(), version: z.string() }),
  buses: z.array(busInfoSchema),
  /** What feeds the gateway: "replay", "socketcan", "sim", … */
  source: z.string(),
  /** True when this client's token may not send. */
  readOnly: z.boolean(),
  heartbeatMs: z.number().int().positive(),
  maxBatchFrames: z.number().int().positive(),
  /** What this client may send and how fast (absent from gateways older than this field). */
  send: z
    .object({
      /** "none": every send is refused; "any": a developer gateway without an allowlist; else the allowed ids. */
      allow: z.union([z.literal('none'), z.literal('any'), z.array(z.object({ id: z.number().int(), extended: z.boolean() }))]),
      /** Frames per second per bus, and how many may wait per bus before a send is refused. */
      ratePerBus: z.number().positive(),
      queuePerBus: z.number().int().min(0),
    })
    .optional(),
});
export type GatewayHello = z.infer<typeof helloSchema>;

export const heartbeatSchema = z.object({
  /** Gateway wall clock, epoch ms. */
  time: z.number(),
  /** Sequence number the next frame sent to this client will carry (detects drops at a quiet tail). */
  nextSeq: z.number().int().min(0),
});
export type GatewayHeartbeat = z.infer<typeof heartbeatSchema>;

export const busesSchema = z.object({ buses: z.array(busInfoSchema) });

const canId = z.number().int().min(0).max(0x1fffffff);

/** `subscribe`: only these arbitration ids are forwarded (both 11- and 29-bit with that value); null = everything. */
export const subscribeSchema = z.object({
  ids: z.array(canId).max(65536).nullable(),
});
export type GatewaySubscribe = z.infer<typeof subscribeSchema>;

/** `send`: one frame to put on a bus; data is hex (the control path is low-rate, readability wins). */
export const sendSchema = z
  .object({
    bus: z.string().min(1),
    id: canId,
    extended: z.boolean(),
    flags: z.number().int().min(0).max(0x1f),
    data: z.string().regex(/^([0-9A-Fa-f]{2}){0,64}$/, 'data must be hex bytes, at most 64'),
    /** Which app feature asked, for the gateway's log. */
    feature: z.string().max(100).optional(),
  })
  .refine((f) => f.extended || f.id <= 0x7ff, { message: 'an 11-bit id must be at most 0x7FF', path: ['id'] })
  .refine((f) => (f.flags & 0x01) !== 0 || f.data.length <= 16, {
    message: 'a classic CAN frame carries at most 8 bytes',
    path: ['data'],
  });
export type GatewaySend = z.infer<typeof sendSchema>;

/** Acknowledgement of `subscribe` and `send`. */
/** A gateway acknowledgement is the project's one result type. */
export type GatewayAck = Result;

export const ackSchema = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

/** Source-level problems (a malformed log line, a dead candump) forwarded to clients for diagnostics. */
export const sourceErrorSchema = z.object({ message: z.string() });

/**
 * `source-restarted`: the source began again (a replay looped, a source's clock stepped back).
 * Frames from `seq` on belong to the new run; their times still never go backwards, but the
 * values start over, so a client resets per-signal change detection and throttling.
 */
export const sourceRestartedSchema = z.object({
  /** "loop" (a replay started its log again), "clock-step" (the source's time went back by more than a second), or a source's own word. */
  reason: z.string(),
  /** Restarts since the gateway started, 1 for the first. */
  count: z.number().int().positive(),
  /** Sequence number of this client's first frame after the restart. */
  seq: z.number().int().min(0),
});
export type GatewaySourceRestarted = z.infer<typeof sourceRestartedSchema>;

/** Formats a zod error as "path: message; …" for one-line acks. */
export function describeZodError(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`).join('; ');
}

export function bytesToHex(data: Uint8Array): string {
  let s = '';
  for (let i = 0; i < data.length; i++) s += (data[i] < 16 ? '0' : '') + data[i].toString(16).toUpperCase();
  return s;
}

export function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}
