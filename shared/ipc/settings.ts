// Intents of the settings service: device defaults (language, units, clock, theme, brightness).
import { settingsPatchSchema, settingsSchema } from '../state/settingsSlice';
import type { IntentSpec } from './contract';

export const settingsIntents = {
  /** Change device settings; the response is the settings now in force. */
  'settings.update': { request: settingsPatchSchema, response: settingsSchema, budget: { maxBytes: 2048 } },
} as const satisfies Record<string, IntentSpec>;
