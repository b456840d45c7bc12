// The override rule between device defaults (Settings) and the active profile, and where a Settings change goes.
import type { Settings, SettingsPatch } from '../state/settingsSlice';
import type { ProfilePreferences } from './profileSchema';

/** The device settings a profile may override; brightness stays the device's (it belongs to the panel, not the driver). */
export const PROFILE_PREFERENCE_KEYS = ['language', 'distanceUnit', 'temperatureUnit', 'clockFormat', 'themeMode'] as const;
export type ProfilePreferenceKey = (typeof PROFILE_PREFERENCE_KEYS)[number];

const isPreferenceKey = (key: string): key is ProfilePreferenceKey => (PROFILE_PREFERENCE_KEYS as readonly string[]).includes(key);

/**
 * The preferences in force: each one the active profile sets overrides the device default; one it leaves
 * unset follows the device. The guest (no profile) gets the device defaults as they are.
 */
export function effectivePreferences(device: Settings, profile: ProfilePreferences | null | undefined): Settings {
  if (!profile) return device;
  let changed = false;
  const out: Settings = { ...device };
  for (const key of PROFILE_PREFERENCE_KEYS) {
    const value = profile[key];
    if (value !== undefined && value !== device[key]) {
      (out as Record<ProfilePreferenceKey, unknown>)[key] = value;
      changed = true;
    }
  }
  return changed ? out : device;
}

/**
 * Where a change made in Settings goes: while a profile is active its preferences are edited in that profile
 * and only the device-only fields (brightness) reach the device; the guest edits the device defaults.
 */
export function splitSettingsPatch(patch: SettingsPatch, profileActive: boolean): { device: SettingsPatch | null; profile: ProfilePreferences | null } {
  if (!profileActive) return { device: Object.keys(patch).length ? patch : null, profile: null };
  const device: SettingsPatch = {};
  const profile: ProfilePreferences = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (isPreferenceKey(key)) (profile as Record<string, unknown>)[key] = value;
    else (device as Record<string, unknown>)[key] = value;
  }
  return { device: Object.keys(device).length ? device : null, profile: Object.keys(profile).length ? profile : null };
}
