// Intents of the vehicle service: actuator targets on the write path (the restriction engine decides per target).
import { z } from 'zod';
import type { IntentSpec } from './contract';

/** More targets than a seat, both mirrors and the climate need at once is not a driver's request. */
export const MAX_COMMAND_TARGETS = 16;

export const vehicleIntents = {
  /**
   * Ask the vehicle to move actuators (seat, mirrors, climate, drive mode…), by VSS path. The answer
   * says the command frames went out (or were replaced by a newer target first); the read-back signals
   * show whether the car followed.
   */
  'vehicle.command': {
    request: z
      .object({
        targets: z
          .record(z.string().min(1).max(200), z.union([z.number().finite(), z.string().max(64), z.boolean()]))
          .refine((t) => Object.keys(t).length >= 1, { message: `between 1 and ${MAX_COMMAND_TARGETS} targets` }),
        feature: z.string().min(1).max(40),
      })
      .strict(),
    response: z.object({ frames: z.number().int().min(0), superseded: z.number().int().min(0) }).strict(),
    // 16 targets + feature: checked before the schema ever sees a 150,000-key object.
    budget: { maxBytes: 4096, maxEntries: MAX_COMMAND_TARGETS + 2, maxDepth: 3, maxStringLength: 200 },
  },
} as const satisfies Record<string, IntentSpec>;
