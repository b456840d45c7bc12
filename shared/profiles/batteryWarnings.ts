// The low-battery thresholds in force for a driver: the profile's own, else 20 % amber and 10 % red — one rule for Home, the status bar and the assistant.

export interface BatteryThresholds {
  /** At or below this SoC (%) the battery shows amber and the assistant offers options. */
  lowPercent: number;
  /** At or below this SoC (%) it shows red. */
  criticalPercent: number;
  /** On the road, red as well once the range left is this short (km): at 11 % and 47 km the next charger matters now. */
  criticalRangeKm: number;
}

export const DEFAULT_BATTERY_THRESHOLDS: BatteryThresholds = { lowPercent: 20, criticalPercent: 10, criticalRangeKm: 50 };

/** From a profile's `batteryWarnings` (null fields follow the defaults); red above amber is impossible, so amber is raised to it. */
export function batteryThresholdsOf(warnings: { lowPercent: number | null; criticalPercent: number | null } | null | undefined): BatteryThresholds {
  if (!warnings) return DEFAULT_BATTERY_THRESHOLDS;
  const criticalPercent = warnings.criticalPercent ?? DEFAULT_BATTERY_THRESHOLDS.criticalPercent;
  const lowPercent = Math.max(criticalPercent, warnings.lowPercent ?? DEFAULT_BATTERY_THRESHOLDS.lowPercent);
  return { ...DEFAULT_BATTERY_THRESHOLDS, lowPercent, criticalPercent };
}
