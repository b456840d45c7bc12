// Explains why a control-panel request would be refused, as a translation key, so the panel never sends an invalid one.
import {
  SIM_LIMITS,
  simFaultSchema,
  simOverrideSchema,
  type SimFaultRequest,
  type SimOverride,
} from '../../../shared/ipc/simulationIntents';
import { describeIssues } from '../../../shared/ipc/intents';

export const LATITUDE = SIM_LIMITS.latitude;
export const LONGITUDE = SIM_LIMITS.longitude;
export const KEY_FOB_MAX_LENGTH = SIM_LIMITS.keyFobLength.max;

export type ProblemKey =
  | 'speedRange'
  | 'socRange'
  | 'latitudeRange'
  | 'longitudeRange'
  | 'keyFob'
  | 'frameLossRange'
  | 'garbageRange'
  | 'choosePath'
  | 'chooseBus'
  | 'invalid';

/** A translation key under `simulator.errors` with its interpolation values. */
export interface Problem {
  key: ProblemKey;
  params: Record<string, number | string>;
}

/** A number typed into a field; blank is not zero. */
export function parseNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

export function overrideProblem(request: SimOverride): Problem | null {
  const parsed = simOverrideSchema.safeParse(request);
  if (parsed.success) return null;
  switch (request.kind) {
    case 'speed':
      return { key: 'speedRange', params: { ...SIM_LIMITS.speedKmh } };
    case 'soc':
      return { key: 'socRange', params: { ...SIM_LIMITS.socPercent } };
    case 'location':
      return parsed.error.issues[0]?.path[0] === 'longitude'
        ? { key: 'longitudeRange', params: { ...LONGITUDE } }
        : { key: 'latitudeRange', params: { ...LATITUDE } };
    case 'keyFob':
      return { key: 'keyFob', params: { max: KEY_FOB_MAX_LENGTH } };
    default:
      return { key: 'invalid', params: { detail: describeIssues(parsed.error) } };
  }
}

export function faultProblem(request: SimFaultRequest): Problem | null {
  // The schema lets the host pick a default; the panel asks for an explicit choice so the developer knows what is stuck.
  if (request.kind === 'stuckSignal' && request.active && !request.path) return { key: 'choosePath', params: {} };
  if (request.kind === 'busOff' && request.active && !request.bus) return { key: 'chooseBus', params: {} };
  const parsed = simFaultSchema.safeParse(request);
  if (parsed.success) return null;
  if (request.kind === 'frameLoss') return { key: 'frameLossRange', params: { ...SIM_LIMITS.frameLossPercent } };
  if (request.kind === 'garbage') return { key: 'garbageRange', params: { ...SIM_LIMITS.garbagePerSecond } };
  return { key: 'invalid', params: { detail: describeIssues(parsed.error) } };
}
