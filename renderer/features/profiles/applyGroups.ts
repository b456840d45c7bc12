// How applying a profile went, per group of settings (seat, mirrors, climate…): one line each, for a glance.
import type { IntentReason } from '../../../shared/ipc/contract';
import { SETTING_GROUPS, settingGroup, type SettingGroup, type VehicleSettingId } from '../../../shared/profiles/vehicleSettings';
import type { SettingApply } from '../../../shared/state/profilesSlice';

export type GroupApply =
  | { group: SettingGroup; state: 'pending' | 'confirmed' | 'unavailable' }
  /** The settings that failed, and the first failure's reason (a group fails for one reason: moving, no car…). */
  | { group: SettingGroup; state: 'failed'; reason: IntentReason; detail: string; failed: VehicleSettingId[] };

/**
 * A group is failed if any of its settings failed (the driver must be told), else pending while any is on its
 * way, else confirmed if any was set, else not available on this car. Groups the profile does not touch are left out.
 */
export function groupApply(settings: Partial<Record<VehicleSettingId, SettingApply>>): GroupApply[] {
  const out: GroupApply[] = [];
  for (const group of SETTING_GROUPS) {
    const entries = (Object.entries(settings) as Array<[VehicleSettingId, SettingApply]>).filter(([id]) => settingGroup(id) === group);
    const items = entries.map(([, s]) => s);
    if (items.length === 0) continue;
    const failed = entries.filter((e): e is [VehicleSettingId, Extract<SettingApply, { state: 'failed' }>] => e[1].state === 'failed');
    if (failed.length) out.push({ group, state: 'failed', reason: failed[0][1].reason, detail: failed[0][1].detail, failed: failed.map(([id]) => id) });
    else if (items.some((s) => s.state === 'pending')) out.push({ group, state: 'pending' });
    else if (items.some((s) => s.state === 'confirmed')) out.push({ group, state: 'confirmed' });
    else out.push({ group, state: 'unavailable' });
  }
  return out;
}
