// Explains why a control-panel request would be refused, as a translation key, so the panel never sends an invalid one.
import { describeIssues } from '../../../shared/ipc/intents';
import { simFaultSchema, type SimFaultRequest } from '../../../shared/ipc/simulationIntents';
import { FAULT_LIMITS } from '../../../shared/simulation/faults';
import { OVERRIDE_LIMITS, parseOverride, type SimOverride } from '../../../shared/simulation/overrides';

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

/** What would be wrong with sending this override (a draft the panel built from its fields), or null. */
export function overrideProblem(draft: SimOverride): Problem | null {
  const parsed = parseOverride(draft);
  if (parsed.ok) return null;
  const { key, path, message } = parsed.issue;
  switch (key) {
    case 'speed':
      return { key: 'speedRange', params: { ...OVERRIDE_LIMITS.speedKmh } };
    case 'soc':
      return { key: 'socRange', params: { ...OVERRIDE_LIMITS.socPercent } };
    case 'location':
      return path[1] === 'lon' ? { key: 'longitudeRange', params: { ...OVERRIDE_LIMITS.longitude } } : { key: 'latitudeRange', params: { ...OVERRIDE_LIMITS.latitude } };
    case 'driver':
      return { key: 'keyFob', params: { max: OVERRIDE_LIMITS.driverIdLength.max } };
    default:
      return { key: 'invalid', params: { detail: message } };
  }
}

export function faultProblem(request: SimFaultRequest): Problem | null {
  if (request.action === 'inject') {
    const fault = request.fault;
    // The panel asks for an explicit choice, so the developer knows what is stuck or silenced.
    if (fault.kind === 'stuck-signal' && !fault.signal) return { key: 'choosePath', params: {} };
    if (fault.kind === 'bus-off' && !fault.bus) return { key: 'chooseBus', params: {} };
  }
  const parsed = simFaultSchema.safeParse(request);
  if (parsed.success) return null;
  const kind = request.action === 'inject' ? request.fault.kind : request.kind;
  if (kind === 'frame-loss') return { key: 'frameLossRange', params: { ...FAULT_LIMITS.percent } };
  if (kind === 'garbage') return { key: 'garbageRange', params: { ...FAULT_LIMITS.framesPerSecond } };
  return { key: 'invalid', params: { detail: describeIssues(parsed.error) } };
}
