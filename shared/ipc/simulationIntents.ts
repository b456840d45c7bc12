// Request schemas for the simulation control panel, shared so the panel validates (and explains) before it sends.
import { z } from 'zod';
import { faultKindSchema, faultSchema } from '../simulation/faults';
// The override schema lives with the simulated world's vocabulary; the intent table takes it from here.
export { simOverrideSchema, type SimOverride } from '../simulation/overrides';

export const PLAYBACK_LIMITS = {
  /** Simulated seconds per wall-clock second. */
  acceleration: { min: 1, max: 60 },
} as const;

export const simControlSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('play') }),
  z.strictObject({ action: z.literal('pause') }),
  z.strictObject({ action: z.literal('seek'), seconds: z.number().finite().min(0) }),
  z.strictObject({
    action: z.literal('acceleration'),
    value: z.number().min(PLAYBACK_LIMITS.acceleration.min).max(PLAYBACK_LIMITS.acceleration.max),
  }),
]);

/** Inject a fault (replacing any active one of its kind), or clear every active fault of a kind. */
export const simFaultSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('inject'), fault: faultSchema }),
  z.strictObject({ action: z.literal('clear'), kind: faultKindSchema }),
]);

export const simResultSchema = z.strictObject({ applied: z.boolean() });

export type SimControl = z.infer<typeof simControlSchema>;
export type SimFaultRequest = z.infer<typeof simFaultSchema>;
