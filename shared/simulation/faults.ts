// The simulated world's one fault vocabulary: each fault's kind and parameters, as scenarios, the sim source, the host and the panel all spell them.
import { z } from 'zod';

export const FAULT_KINDS = ['gateway-disconnect', 'frame-loss', 'garbage', 'stuck-signal', 'bus-off'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const FAULT_LIMITS = {
  /** Share of frames dropped by frame-loss, %. */
  percent: { min: 0, max: 100 },
  /** Garbage frames added per second of bus time. */
  framesPerSecond: { min: 1, max: 100_000 },
  /** Longest fault a timer clears by itself, s (a day). */
  durationS: { max: 86_400 },
  /** Longest VSS path a stuck-signal names. */
  signalLength: { max: 200 },
  busNameLength: { max: 32 },
} as const;

export const busNameSchema = z
  .string()
  .max(FAULT_LIMITS.busNameLength.max)
  .regex(/^[A-Za-z0-9_-]+$/, 'a bus name such as can0');

export const faultKindSchema = z.enum(FAULT_KINDS);

const percent = z.number().min(FAULT_LIMITS.percent.min).max(FAULT_LIMITS.percent.max);
const framesPerSecond = z.number().min(FAULT_LIMITS.framesPerSecond.min).max(FAULT_LIMITS.framesPerSecond.max);
const signal = z.string().min(1).max(FAULT_LIMITS.signalLength.max);

/**
 * The fault schema with `extra` fields on every kind: a scenario step adds its `duration`, an
 * injection request its optional `durationS`. The kinds and their parameters are written only here.
 */
export function faultSchemaWith<Extra extends z.ZodRawShape>(extra: Extra) {
  return z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('gateway-disconnect'), ...extra }),
    z.strictObject({ kind: z.literal('frame-loss'), percent, bus: busNameSchema.optional(), ...extra }),
    z.strictObject({ kind: z.literal('garbage'), framesPerSecond, bus: busNameSchema.optional(), ...extra }),
    z.strictObject({ kind: z.literal('stuck-signal'), signal, ...extra }),
    z.strictObject({ kind: z.literal('bus-off'), bus: busNameSchema, ...extra }),
  ]);
}

/** A fault and its parameters, nothing else. */
export const faultSchema = faultSchemaWith({});
export type Fault = z.output<typeof faultSchema>;

/** A fault to start now; `durationS` clears it by itself after that much bus time. */
export const faultRequestSchema = faultSchemaWith({ durationS: z.number().positive().max(FAULT_LIMITS.durationS.max).optional() });
export type FaultRequest = z.output<typeof faultRequestSchema>;

/** Who started a fault: the control panel, or the scenario's timeline. */
export type FaultOrigin = 'panel' | 'scenario';

/** A fault in force, as the sim source lists it and the simulation slice carries it: plain JSON. */
export type ActiveFault = FaultRequest & {
  id: number;
  origin: FaultOrigin;
  /** Bus time it started, s. */
  sinceS: number;
  /** Bus time it ends by itself, s; null = until cleared. */
  untilS: number | null;
};

/** The parameter that tells one fault of a kind from another (percent, rate, signal or bus), if it has one. */
export function faultParameter(fault: Fault): number | string | undefined {
  switch (fault.kind) {
    case 'gateway-disconnect':
      return undefined;
    case 'frame-loss':
      return fault.percent;
    case 'garbage':
      return fault.framesPerSecond;
    case 'stuck-signal':
      return fault.signal;
    case 'bus-off':
      return fault.bus;
  }
}
