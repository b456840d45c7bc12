// Request schemas for the simulation control panel, shared so the panel validates (and explains) before it sends.
import { z } from 'zod';

export const SIM_LIMITS = {
  speedKmh: { min: 0, max: 250 },
  socPercent: { min: 0, max: 100 },
  acceleration: { min: 1, max: 60 },
  frameLossPercent: { min: 0, max: 100 },
  garbagePerSecond: { min: 1, max: 1000 },
  latitude: { min: -90, max: 90 },
  longitude: { min: -180, max: 180 },
  keyFobLength: { min: 1, max: 32 },
} as const;

export const simControlSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('play') }).strict(),
  z.object({ action: z.literal('pause') }).strict(),
  z.object({ action: z.literal('seek'), seconds: z.number().finite().min(0) }).strict(),
  z
    .object({
      action: z.literal('acceleration'),
      value: z.number().min(SIM_LIMITS.acceleration.min).max(SIM_LIMITS.acceleration.max),
    })
    .strict(),
]);

export const simOverrideSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('speed'), value: z.number().min(SIM_LIMITS.speedKmh.min).max(SIM_LIMITS.speedKmh.max) }).strict(),
  z.object({ kind: z.literal('gear'), value: z.enum(['P', 'R', 'N', 'D']) }).strict(),
  z.object({ kind: z.literal('soc'), value: z.number().min(SIM_LIMITS.socPercent.min).max(SIM_LIMITS.socPercent.max) }).strict(),
  z
    .object({
      kind: z.literal('location'),
      latitude: z.number().min(SIM_LIMITS.latitude.min).max(SIM_LIMITS.latitude.max),
      longitude: z.number().min(SIM_LIMITS.longitude.min).max(SIM_LIMITS.longitude.max),
    })
    .strict(),
  z.object({ kind: z.literal('headlights'), value: z.enum(['on', 'off', 'auto']) }).strict(),
  z.object({ kind: z.literal('keyFob'), value: z.string().trim().min(SIM_LIMITS.keyFobLength.min).max(SIM_LIMITS.keyFobLength.max) }).strict(),
]);

export const simFaultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('disconnect'), active: z.boolean() }).strict(),
  z
    .object({
      kind: z.literal('frameLoss'),
      active: z.boolean(),
      percent: z.number().min(SIM_LIMITS.frameLossPercent.min).max(SIM_LIMITS.frameLossPercent.max).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('garbage'),
      active: z.boolean(),
      perSecond: z.number().min(SIM_LIMITS.garbagePerSecond.min).max(SIM_LIMITS.garbagePerSecond.max).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('stuckSignal'), active: z.boolean(), path: z.string().min(1).max(200).optional() }).strict(),
  z.object({ kind: z.literal('busOff'), active: z.boolean(), bus: z.string().min(1).max(32).optional() }).strict(),
]);

export const simResultSchema = z.object({ applied: z.boolean() }).strict();

export type SimControl = z.infer<typeof simControlSchema>;
export type SimOverride = z.infer<typeof simOverrideSchema>;
export type SimFaultRequest = z.infer<typeof simFaultSchema>;
