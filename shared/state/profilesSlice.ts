// Driver profiles as the screens see them: the profiles (without their history), who drives, how applying went, the picker and switch notice.
import { batteryThresholdsOf } from '../profiles/batteryWarnings';
import { createSelector, createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { IntentReason } from '../ipc/contract';
import type { Condition, LearnableSetting, Suggestion } from '../profiles/learningModel';
import { effectivePreferences } from '../profiles/preferences';
import type { Profile } from '../profiles/profileSchema';
import type { VehicleSettingId } from '../profiles/vehicleSettings';
import type { Settings } from './settingsSlice';

/** A profile in the store: everything but the adjustment history, which stays in the host (large, and private). */
export type ProfileView = Omit<Profile, 'learning'> & { learning: Omit<Profile['learning'], 'history'> & { historyCount: number } };

export function toProfileView(profile: Profile): ProfileView {
  const { history, ...learning } = profile.learning;
  return { ...profile, learning: { ...learning, historyCount: history.length } };
}

/** One setting of the profile being applied to the car. */
export type SettingApply =
  | { state: 'pending'; target: number | string; rule?: string }
  | { state: 'confirmed'; target: number | string; rule?: string }
  /** `reason` is what the driver reads (translated); `detail` is the untranslated technical line. */
  | { state: 'failed'; target: number | string; rule?: string; reason: IntentReason; detail: string }
  /** The car's mapping cannot write it: shown as "not available on this car". */
  | { state: 'unavailable' };

export type PickerCause = 'startup' | 'unknownFob' | 'twoFobs' | 'manual';

export type ProfilesNoticeCode = 'restoredFromBackup' | 'unreadable' | 'newerSchema' | 'wrongKey' | 'keyUnavailable' | 'notSaved' | 'readOnly';

export interface ProfilesNotice {
  id: string;
  code: ProfilesNoticeCode;
  /** The profile it is about, when its name could be read. */
  profileName?: string;
  /** Untranslated technical line (the file and what was wrong). */
  detail: string;
}

/** A rule that changed a setting this drive, and why: the condition and the value the car reported. */
export interface RuleFiring {
  ruleId: string;
  setting: LearnableSetting;
  value: number;
  condition: Condition;
  outsideC: number | null;
  /** Epoch ms. */
  at: number;
}

export interface ProfilesState {
  loaded: boolean;
  /** Sorted by name. */
  profiles: ProfileView[];
  /** Null: the guest (device defaults, nothing stored). */
  activeId: string | null;
  /** Settings the connected car can write; null while no vehicle is connected. */
  writable: VehicleSettingId[] | null;
  application: { profileId: string | null; settings: Partial<Record<VehicleSettingId, SettingApply>> } | null;
  picker: { open: false } | { open: true; cause: PickerCause; fob?: number; fobs?: number[] };
  /** A key fob named a driver: the switch happens at `dueAt` (host monotonic ms) unless cancelled. */
  pendingSwitch: { profileId: string; fob: number; dueAt: number } | null;
  /** Habits found for the active profile, offered until accepted or refused. */
  suggestions: Suggestion[];
  fired: RuleFiring[];
  notices: ProfilesNotice[];
}

const initialState: ProfilesState = {
  loaded: false,
  profiles: [],
  activeId: null,
  writable: null,
  application: null,
  picker: { open: false },
  pendingSwitch: null,
  suggestions: [],
  fired: [],
  notices: [],
};

const byName = (a: ProfileView, b: ProfileView) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
const MAX_NOTICES = 5;
const MAX_FIRED = 10;

export const profilesSlice = createSlice({
  name: 'profiles',
  initialState,
  reducers: {
    /** The stored profiles were read at start-up. */
    profilesLoaded: (state, action: PayloadAction<ProfileView[]>) => {
      state.loaded = true;
      state.profiles = [...action.payload].sort(byName);
    },
    /** A profile was created or changed (and its save attempted). */
    profileSaved: (state, action: PayloadAction<ProfileView>) => {
      state.profiles = [...state.profiles.filter((p) => p.id !== action.payload.id), action.payload].sort(byName);
    },
    profileDeleted: (state, action: PayloadAction<{ id: string }>) => {
      state.profiles = state.profiles.filter((p) => p.id !== action.payload.id);
      if (state.activeId === action.payload.id) {
        state.activeId = null;
        state.suggestions = [];
        state.fired = [];
      }
      if (state.pendingSwitch?.profileId === action.payload.id) state.pendingSwitch = null;
    },
    /** Someone else drives now (null: the guest). */
    activeProfileChanged: (state, action: PayloadAction<{ id: string | null }>) => {
      state.activeId = action.payload.id;
      state.pendingSwitch = null;
      state.picker = { open: false };
      state.suggestions = [];
      state.fired = [];
    },
    writableSettingsChanged: (state, action: PayloadAction<VehicleSettingId[] | null>) => {
      state.writable = action.payload;
    },
    applicationStarted: (state, action: PayloadAction<NonNullable<ProfilesState['application']>>) => {
      state.application = action.payload;
    },
    settingApplyChanged: (state, action: PayloadAction<{ id: VehicleSettingId; status: SettingApply }>) => {
      if (state.application) state.application.settings[action.payload.id] = action.payload.status;
    },
    pickerChanged: (state, action: PayloadAction<ProfilesState['picker']>) => {
      state.picker = action.payload;
    },
    switchScheduled: (state, action: PayloadAction<NonNullable<ProfilesState['pendingSwitch']>>) => {
      state.pendingSwitch = action.payload;
    },
    switchCancelled: (state) => {
      state.pendingSwitch = null;
    },
    suggestionsFound: (state, action: PayloadAction<Suggestion[]>) => {
      state.suggestions = action.payload;
    },
    ruleFired: (state, action: PayloadAction<RuleFiring>) => {
      state.fired = [...state.fired.filter((f) => f.ruleId !== action.payload.ruleId), action.payload].slice(-MAX_FIRED);
    },
    profilesNoticeRaised: (state, action: PayloadAction<ProfilesNotice>) => {
      state.notices = [...state.notices.filter((n) => n.id !== action.payload.id), action.payload].slice(-MAX_NOTICES);
    },
    profilesNoticeDismissed: (state, action: PayloadAction<{ id: string }>) => {
      state.notices = state.notices.filter((n) => n.id !== action.payload.id);
    },
  },
  selectors: {
    selectProfiles: (state) => state.profiles,
    selectActiveProfileId: (state) => state.activeId,
    selectProfilesState: (state) => state,
  },
});

export const {
  profilesLoaded,
  profileSaved,
  profileDeleted,
  activeProfileChanged,
  writableSettingsChanged,
  applicationStarted,
  settingApplyChanged,
  pickerChanged,
  switchScheduled,
  switchCancelled,
  suggestionsFound,
  ruleFired,
  profilesNoticeRaised,
  profilesNoticeDismissed,
} = profilesSlice.actions;
export const { selectProfiles, selectActiveProfileId, selectProfilesState } = profilesSlice.selectors;

/** The part of the root state the effective preferences depend on (kept structural: this file is part of the root). */
interface PreferencesRoot {
  settings: Settings;
  profiles: ProfilesState;
}

export function selectActiveProfile(state: { profiles: ProfilesState }): ProfileView | null {
  const { activeId, profiles } = state.profiles;
  return activeId === null ? null : (profiles.find((p) => p.id === activeId) ?? null);
}

/**
 * The preferences in force: the device defaults with the active profile's overrides. Language, units, clock and
 * day/night everywhere read this, never `state.settings` directly. Memoised, so screens re-render only when it changes.
 */
export const selectEffectivePreferences = createSelector(
  [(state: PreferencesRoot) => state.settings, (state: PreferencesRoot) => selectActiveProfile(state)?.preferences],
  (settings, preferences) => effectivePreferences(settings, preferences),
);

/** The low-battery thresholds in force (the active profile's, else the defaults): Home, the status bar and the assistant read this. */
export const selectBatteryThresholds = createSelector(
  [(state: { profiles: ProfilesState }) => selectActiveProfile(state)?.batteryWarnings],
  (warnings) => batteryThresholdsOf(warnings),
);
