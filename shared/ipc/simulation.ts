// Intents of the developer control panel (simulation only): playback, overrides and faults.
import { simControlSchema, simFaultSchema, simOverrideSchema, simResultSchema } from './simulationIntents';
import type { IntentSpec } from './contract';

export const simulationIntents = {
  /** Scenario playback. */
  'sim.control': { request: simControlSchema, response: simResultSchema, budget: { maxBytes: 1024 } },
  /** A live override of the simulated vehicle. */
  'sim.override': { request: simOverrideSchema, response: simResultSchema, budget: { maxBytes: 1024 } },
  /** Start or clear an injected fault. */
  'sim.fault': { request: simFaultSchema, response: simResultSchema, budget: { maxBytes: 1024 } },
} as const satisfies Record<string, IntentSpec>;
