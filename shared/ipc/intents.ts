// The typed intent contract: every domain's intents joined into one table, with zod schemas for both directions.
import type { z } from 'zod';
import { appIntents } from './app';
import { brandIntents } from './brand';
import type { IntentSpec } from './contract';
import { profilesIntents } from './profiles';
import { settingsIntents } from './settings';
import { simulationIntents } from './simulation';
import { stationsIntents } from './stations';
import { swapIntents } from './swap';
import { reservationsIntents } from './reservations';
import { vehicleIntents } from './vehicle';

export { describeIssues, type IntentError, type IntentErrorCode, type IntentReason, type IntentResult } from './contract';

/** One line per domain: a new service adds its own file in shared/ipc and one spread here. */
export const intentContract = {
  ...settingsIntents,
  ...appIntents,
  ...vehicleIntents,
  ...simulationIntents,
  ...profilesIntents,
  ...brandIntents,
  ...stationsIntents,
  ...swapIntents,
  ...reservationsIntents,
} as const satisfies Record<string, IntentSpec>;

export type IntentContract = typeof intentContract;
export type IntentName = keyof IntentContract;
export type IntentRequest<N extends IntentName> = z.input<IntentContract[N]['request']>;
export type IntentResponse<N extends IntentName> = z.output<IntentContract[N]['response']>;

export function isIntentName(name: unknown): name is IntentName {
  return typeof name === 'string' && Object.hasOwn(intentContract, name);
}
