import { describe, expect, it } from 'vitest';
import { batteryThresholdsOf, DEFAULT_BATTERY_THRESHOLDS } from './batteryWarnings';
import { profileSchema, newProfile } from './profileSchema';

describe('low-battery thresholds from the profile', () => {
  it('unset follows the defaults; set replaces them; amber is never below red', () => {
    expect(batteryThresholdsOf(null)).toEqual(DEFAULT_BATTERY_THRESHOLDS);
    expect(batteryThresholdsOf({ lowPercent: null, criticalPercent: null })).toEqual(DEFAULT_BATTERY_THRESHOLDS);
    expect(batteryThresholdsOf({ lowPercent: 30, criticalPercent: 15 })).toMatchObject({ lowPercent: 30, criticalPercent: 15 });
    expect(batteryThresholdsOf({ lowPercent: null, criticalPercent: 25 })).toMatchObject({ lowPercent: 25, criticalPercent: 25 });
  });

  it('a stored profile with red above amber, or out of range, is refused with its JSON path', () => {
    const p = newProfile('li-wei', 'Li Wei', 'teal', 0);
    const above = profileSchema.safeParse({ ...p, batteryWarnings: { lowPercent: 15, criticalPercent: 25 } });
    expect(above.success).toBe(false);
    expect(above.error?.issues[0].path).toEqual(['batteryWarnings', 'criticalPercent']);
    expect(profileSchema.safeParse({ ...p, batteryWarnings: { lowPercent: 90, criticalPercent: null } }).success).toBe(false);
    expect(profileSchema.safeParse({ ...p, batteryWarnings: { lowPercent: 30, criticalPercent: 15 } }).success).toBe(true);
  });
});
