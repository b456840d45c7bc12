// Control-panel overrides applied to the running vehicle: validated against the shared override schema, refused with the field and value named.
import { parseOverride, type OverrideIssue, type SimOverride } from '../../shared/simulation/overrides';
import { lightsModeOf } from '../actions';
import type { SimVehicle } from '../vehicle/simVehicle';

/** A stable key-fob id for a driver id: "guest" has none (0), a decimal id is its own number, others hash (FNV-1a, never 0). */
export function keyFobIdFor(driverId: string): number {
  if (driverId === 'guest') return 0;
  if (/^\d{1,10}$/.test(driverId) && Number(driverId) <= 0xffff_ffff) return Number(driverId);
  let h = 0x811c9dc5;
  for (let i = 0; i < driverId.length; i++) h = Math.imul(h ^ driverId.charCodeAt(i), 0x01000193) >>> 0;
  return h === 0 ? 1 : h;
}

/** `location.lat 95 refused: …`: the field, the value given and why. */
export function describeOverrideIssue(issue: OverrideIssue): string {
  if (issue.key === null) return `override refused: ${issue.message}`;
  return `${issue.path.join('.')} ${JSON.stringify(issue.value)} refused: ${issue.message}`;
}

export interface OverrideContext {
  /** Scenario name and route id when the car follows a route (location overrides need a car without one). */
  scenario: string;
  routeId: string | null;
}

/**
 * Validates and applies one override. On success returns the override as it took effect (a key
 * fob id derived from the driver id filled in), which is what the status lists.
 */
export function applyOverride(vehicle: SimVehicle, input: unknown, context: OverrideContext): { ok: true; applied: SimOverride } | { ok: false; error: string } {
  const parsed = parseOverride(input);
  if (!parsed.ok) return { ok: false, error: describeOverrideIssue(parsed.issue) };
  const o = parsed.override;
  const done = (result: { ok: true } | { ok: false; error: string }, applied: SimOverride = o) => (result.ok ? { ok: true as const, applied } : result);
  if ('speed' in o) {
    const gear = vehicle.gear;
    if (gear !== 'D' && gear !== 'R') return { ok: false, error: `speed ${o.speed} km/h refused: the car is in ${gear}; select D or R first` };
    return done(vehicle.motion.setTargetSpeed(o.speed));
  }
  if ('gear' in o) return done(vehicle.setGear(o.gear));
  if ('soc' in o) return done(vehicle.battery.setSoc(o.soc));
  if ('location' in o) {
    if (context.routeId !== null) {
      return { ok: false, error: `location refused: scenario ${context.scenario} follows route ${context.routeId}; location overrides only work without a route` };
    }
    return done(vehicle.motion.setLocation(o.location.lat, o.location.lon));
  }
  if ('lights' in o) return done(vehicle.lights.setMode(lightsModeOf(o.lights)));
  const keyFob = o.driver.keyFob ?? keyFobIdFor(o.driver.id);
  return done(vehicle.keyFob.present(o.driver.id, keyFob), { driver: { id: o.driver.id, keyFob } });
}
