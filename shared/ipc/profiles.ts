// Intents of the profiles service: create, edit and delete (parked only), choose who drives, pair fobs, decide on learnt habits.
import { z } from 'zod';
import { profileIdSchema, profileNameSchema, profilePatchSchema, PROFILE_COLOURS } from '../profiles/profileSchema';
import type { IntentSpec } from './contract';

const id = profileIdSchema;
const none = z.strictObject({});

export const profilesIntents = {
  /** A new profile that follows the device defaults until edited. */
  'profiles.create': {
    request: z.strictObject({ name: profileNameSchema, colour: z.enum(PROFILE_COLOURS) }),
    response: z.strictObject({ id }),
    restriction: 'noSetup',
    budget: { maxBytes: 2048 },
  },
  /** Changes some of a profile's settings; the active profile's car settings are applied again. */
  'profiles.update': {
    request: z.strictObject({ id, patch: profilePatchSchema }),
    response: z.strictObject({ id }),
    restriction: 'noSetup',
  },
  /** Erases the profile: its data, its history and its learnt rules. */
  'profiles.delete': { request: z.strictObject({ id }), response: z.strictObject({ deleted: z.literal(true) }), restriction: 'noSetup' },
  /** Who drives now (null: the guest, never stored); applies the profile's settings. */
  'profiles.activate': { request: z.strictObject({ id: id.nullable() }), response: z.strictObject({ activeId: id.nullable() }) },
  /** Applies again the settings that failed (the seat only when parked). */
  'profiles.retry': { request: none, response: z.strictObject({ retried: z.number().int().min(0) }) },
  /** "Save the current seat, mirror and steering positions to my profile." */
  'profiles.capturePositions': {
    request: z.strictObject({ id }),
    response: z.strictObject({ captured: z.array(z.string()) }),
    restriction: 'noSetup',
  },
  /** Pairs the key fob present in the car with the profile. */
  'profiles.pairFob': { request: z.strictObject({ id }), response: z.strictObject({ fob: z.number().int() }), restriction: 'noSetup' },
  'profiles.unpairFob': {
    request: z.strictObject({ id, fob: z.number().int().min(1).max(4_294_967_295) }),
    response: z.strictObject({ removed: z.boolean() }),
    restriction: 'noSetup',
  },
  /** Keeps the current driver: the switch a key fob started does not happen. */
  'profiles.cancelSwitch': { request: none, response: z.strictObject({ cancelled: z.boolean() }) },
  /** Opens ("switch driver") or closes the picker. */
  'profiles.picker': { request: z.strictObject({ open: z.boolean() }), response: z.strictObject({ open: z.boolean() }) },
  /** Accepts (as offered, or with another value), or refuses, a habit the learner found for the active profile. */
  'profiles.suggestion': {
    request: z.strictObject({
      key: z.string().min(1).max(200),
      decision: z.enum(['accept', 'refuse']),
      value: z.number().finite().optional(),
    }),
    response: z.strictObject({ ruleId: z.string().nullable() }),
    restriction: 'noSetup',
  },
  'profiles.deleteRule': {
    request: z.strictObject({ id, ruleId: z.string().min(1).max(32) }),
    response: z.strictObject({ removed: z.boolean() }),
    restriction: 'noSetup',
  },
  'profiles.dismissNotice': { request: z.strictObject({ id: z.string().min(1).max(200) }), response: z.strictObject({ dismissed: z.boolean() }) },
} as const satisfies Record<string, IntentSpec>;
