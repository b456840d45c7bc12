// How worrying the traction battery's charge is: normal, low (amber) or critical (red), against thresholds the active profile may set.

import type { BatteryThresholds } from '../../../shared/profiles/batteryWarnings';

export { DEFAULT_BATTERY_THRESHOLDS, type BatteryThresholds } from '../../../shared/profiles/batteryWarnings';
/** The thresholds in force: the active profile's when it sets them, else 20 %, 10 % and 50 km (one rule with the assistant's). */
export { selectBatteryThresholds } from '../../../shared/state/profilesSlice';

export type BatteryLevel = 'normal' | 'low' | 'critical';

export interface BatteryContext {
  /** The restriction engine's driving state is "moving". */
  moving: boolean;
  /** Range left in km, when known and fresh. */
  rangeKm: number | null;
}

export function batteryLevel(soc: number | null, thresholds: BatteryThresholds, context: BatteryContext = { moving: false, rangeKm: null }): BatteryLevel {
  if (soc === null) return 'normal';
  if (soc <= thresholds.criticalPercent) return 'critical';
  if (soc <= thresholds.lowPercent) return context.moving && context.rangeKm !== null && context.rangeKm <= thresholds.criticalRangeKm ? 'critical' : 'low';
  return 'normal';
}
