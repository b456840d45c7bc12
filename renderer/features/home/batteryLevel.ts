// How worrying the traction battery's charge is: normal, low (amber) or critical (red), against thresholds the active profile may set.
import type { RootState } from '../../../shared/state/rootReducer';

export interface BatteryThresholds {
  /** At or below this SoC (%) the battery shows amber. */
  lowPercent: number;
  /** At or below this SoC (%) it shows red and Home offers the low-battery options. */
  criticalPercent: number;
  /**
   * On the road, red as well once the range left is this short (km): at 11 % and 47 km on a motorway the
   * next charger matters now, though the SoC alone would still read amber.
   */
  criticalRangeKm: number;
}

export const DEFAULT_BATTERY_THRESHOLDS: BatteryThresholds = { lowPercent: 20, criticalPercent: 10, criticalRangeKm: 50 };

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

/** Thresholds as a profile may carry them; read structurally so this works before and after profiles do. */
interface WithBatteryWarnings {
  batteryWarnings?: { lowPercent?: unknown; criticalPercent?: unknown; criticalRangeKm?: unknown } | null;
}

const within = (value: unknown, max: number, fallback: number) => (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= max ? value : fallback);
const percent = (value: unknown, fallback: number) => within(value, 100, fallback);

/**
 * The thresholds in force: the active profile's when it sets them (`batteryWarnings` on the profile),
 * else 20 %, 10 % and 50 km. A red threshold above the amber one is not possible: amber is raised to it.
 */
export function selectBatteryThresholds(state: RootState): BatteryThresholds {
  const profiles = (state as { profiles?: { activeId?: unknown; profiles?: unknown } }).profiles;
  const list = Array.isArray(profiles?.profiles) ? (profiles.profiles as Array<{ id?: unknown } & WithBatteryWarnings>) : [];
  const active = list.find((p) => p.id !== undefined && p.id === profiles?.activeId);
  const warnings = active?.batteryWarnings;
  if (!warnings) return DEFAULT_BATTERY_THRESHOLDS;
  const criticalPercent = percent(warnings.criticalPercent, DEFAULT_BATTERY_THRESHOLDS.criticalPercent);
  const lowPercent = Math.max(criticalPercent, percent(warnings.lowPercent, DEFAULT_BATTERY_THRESHOLDS.lowPercent));
  return { lowPercent, criticalPercent, criticalRangeKm: within(warnings.criticalRangeKm, 1000, DEFAULT_BATTERY_THRESHOLDS.criticalRangeKm) };
}
