// The typed intent contract: every request the renderer may make, with zod schemas for both directions.
import { z } from 'zod';
import { settingsPatchSchema, settingsSchema } from '../state/settingsSlice';
import { simControlSchema, simFaultSchema, simOverrideSchema, simResultSchema } from './simulationIntents';

export const intentContract = {
  /** Change device settings; the response is the settings now in force. */
  'settings.update': { request: settingsPatchSchema, response: settingsSchema },
  /** Dismiss a notice the driver has read. */
  'notices.dismiss': {
    request: z.object({ id: z.string().min(1).max(100) }).strict(),
    response: z.object({ dismissed: z.boolean() }).strict(),
  },
  /** Licences of shipped dependencies and third-party data attributions, for the About screen. */
  'about.licenses': {
    request: z.object({}).strict(),
    response: z
      .object({
        packages: z.array(
          z.object({ name: z.string(), version: z.string(), license: z.string(), text: z.string() }),
        ),
        dataSources: z.array(z.object({ id: z.enum(['covesaVss']), name: z.string(), license: z.string() })),
      })
      .strict(),
  },
  /**
   * Ask the vehicle to move actuators (seat, mirrors, climate, drive mode…), by VSS path. The answer
   * says the command frames went out; the read-back signals show whether the car followed.
   */
  'vehicle.command': {
    request: z
      .object({
        targets: z
          .record(z.string().min(1).max(200), z.union([z.number().finite(), z.string().max(64), z.boolean()]))
          .refine((t) => Object.keys(t).length >= 1 && Object.keys(t).length <= 16, { message: 'between 1 and 16 targets' }),
        feature: z.string().min(1).max(40),
      })
      .strict(),
    response: z.object({ frames: z.number().int().min(0) }).strict(),
  },
  /** Developer control panel (simulation only): scenario playback. */
  'sim.control': { request: simControlSchema, response: simResultSchema },
  /** Developer control panel: a live override of the simulated vehicle. */
  'sim.override': { request: simOverrideSchema, response: simResultSchema },
  /** Developer control panel: start or clear an injected fault. */
  'sim.fault': { request: simFaultSchema, response: simResultSchema },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

export type IntentContract = typeof intentContract;
export type IntentName = keyof IntentContract;
export type IntentRequest<N extends IntentName> = z.input<IntentContract[N]['request']>;
export type IntentResponse<N extends IntentName> = z.output<IntentContract[N]['response']>;

export type IntentErrorCode = 'UNKNOWN_INTENT' | 'INVALID_REQUEST' | 'NOT_ALLOWED' | 'FAILED';

export interface IntentError {
  code: IntentErrorCode;
  /** One line naming what was wrong, e.g. `settings.update: language: Invalid option…`. */
  message: string;
}

export type IntentResult<T> = { ok: true; value: T } | { ok: false; error: IntentError };

export function isIntentName(name: unknown): name is IntentName {
  return typeof name === 'string' && Object.hasOwn(intentContract, name);
}

/** Formats zod issues as `path: message` pairs, so a rejected payload says exactly where it is wrong. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(request)'}: ${issue.message}`)
    .join('; ');
}
