import { describe, expect, it } from 'vitest';
import { configureStore } from '@reduxjs/toolkit';
import { rootReducer } from '../state/rootReducer';
import { activeProfileChanged, profileSaved, profilesLoaded, selectEffectivePreferences, toProfileView } from '../state/profilesSlice';
import { defaultSettings, settingsChanged } from '../state/settingsSlice';
import { effectivePreferences, splitSettingsPatch } from './preferences';
import { newProfile } from './profileSchema';

describe('device defaults and the active profile', () => {
  it('the guest gets the device defaults as they are', () => {
    expect(effectivePreferences(defaultSettings, null)).toBe(defaultSettings);
  });

  it('each preference the profile sets overrides the device; unset ones follow the device', () => {
    const device = { ...defaultSettings, language: 'en' as const, distanceUnit: 'km' as const, dayBrightness: 70 };
    const out = effectivePreferences(device, { language: 'zh-CN', temperatureUnit: 'fahrenheit' });
    expect(out).toEqual({ ...device, language: 'zh-CN', temperatureUnit: 'fahrenheit' });
    // Brightness is the panel's: a profile never carries it.
    expect(out.dayBrightness).toBe(70);
  });

  it('a change in Settings edits the active profile, except the panel settings; the guest edits the device', () => {
    expect(splitSettingsPatch({ language: 'zh-CN', dayBrightness: 50 }, true)).toEqual({ profile: { language: 'zh-CN' }, device: { dayBrightness: 50 } });
    expect(splitSettingsPatch({ clockFormat: '12h' }, true)).toEqual({ profile: { clockFormat: '12h' }, device: null });
    expect(splitSettingsPatch({ language: 'zh-CN', dayBrightness: 50 }, false)).toEqual({ profile: null, device: { language: 'zh-CN', dayBrightness: 50 } });
  });

  it('the selector follows who drives, and a device change shows only where the profile does not override it', () => {
    const store = configureStore({ reducer: rootReducer });
    const li = { ...newProfile('pli0001', 'Li', 'teal', 0), preferences: { language: 'zh-CN' as const, distanceUnit: 'mi' as const } };
    store.dispatch(profilesLoaded([toProfileView(li)]));
    expect(selectEffectivePreferences(store.getState()).language).toBe('en');
    store.dispatch(activeProfileChanged({ id: 'pli0001' }));
    expect(selectEffectivePreferences(store.getState())).toMatchObject({ language: 'zh-CN', distanceUnit: 'mi', clockFormat: '24h' });
    store.dispatch(settingsChanged({ language: 'en', clockFormat: '12h' }));
    expect(selectEffectivePreferences(store.getState())).toMatchObject({ language: 'zh-CN', clockFormat: '12h' });
    const before = selectEffectivePreferences(store.getState());
    expect(selectEffectivePreferences(store.getState())).toBe(before); // memoised: no re-render without a change
    store.dispatch(profileSaved(toProfileView({ ...li, preferences: {} })));
    expect(selectEffectivePreferences(store.getState()).language).toBe('en');
    store.dispatch(activeProfileChanged({ id: null }));
    expect(selectEffectivePreferences(store.getState())).toEqual(store.getState().settings);
  });
});
