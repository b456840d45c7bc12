// Request schemas for the simulation control panel, shared so the panel validates (and explains) before it sends.
import { z } from 'zod';
import { faultKindSchema, faultSchema } from '../simulation/faults';
// The override schema lives with the simulated world's vocabulary; the intent table takes it from here.
export { simOverrideSchema, type SimOverride } from '../simulation/overrides';

export const PLAYBACK_LIMITS = {
  /** Simulated seconds per wall-clock second. */
  acceleration: { min: 1, max: 60 },
  /** Longest step back or forward, seconds (a day, as long as any scenario may run). */
  skipS: 86_400,
} as const;

/** Where a step of `deltaS` from `simTimeS` lands, kept inside the scenario (0..duration). */
export function skipTarget(simTimeS: number, deltaS: number, durationS: number | null): number {
  return Math.min(durationS ?? Number.POSITIVE_INFINITY, Math.max(0, simTimeS + deltaS));
}

export const simControlSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('play') }),
  z.strictObject({ action: z.literal('pause') }),
  z.strictObject({ action: z.literal('seek'), seconds: z.number().finite().min(0) }),
  // A step from wherever simulated time is when the host applies it: two quick taps are two steps, which a
  // target computed from the screen's (not yet updated) time would collapse into one.
  z.strictObject({ action: z.literal('skip'), seconds: z.number().finite().min(-PLAYBACK_LIMITS.skipS).max(PLAYBACK_LIMITS.skipS) }),
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
