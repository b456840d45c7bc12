// Device settings (language, units, clock, day/night): the defaults every driver profile layers on.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { z } from 'zod';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export const DISTANCE_UNITS = ['km', 'mi'] as const;
export const TEMPERATURE_UNITS = ['celsius', 'fahrenheit'] as const;
export const CLOCK_FORMATS = ['24h', '12h'] as const;
export const THEME_MODES = ['auto', 'day', 'night'] as const;

const brightness = z.number().int().min(10).max(100);

export const settingsSchema = z
  .object({
    language: z.enum(LANGUAGES),
    distanceUnit: z.enum(DISTANCE_UNITS),
    temperatureUnit: z.enum(TEMPERATURE_UNITS),
    clockFormat: z.enum(CLOCK_FORMATS),
    themeMode: z.enum(THEME_MODES),
    /** Screen brightness in % while the day theme is showing. */
    dayBrightness: brightness,
    /** Screen brightness in % while the night theme is showing; kept apart so night never dazzles. */
    nightBrightness: brightness,
  })
  .strict();

export type Settings = z.infer<typeof settingsSchema>;
export type Language = Settings['language'];
export type DistanceUnit = Settings['distanceUnit'];
export type TemperatureUnit = Settings['temperatureUnit'];
export type ThemeMode = Settings['themeMode'];

/** A partial change to settings, as the Settings screen sends it: at least one field. */
export const settingsPatchSchema = settingsSchema
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'a settings change needs at least one field' });
export type SettingsPatch = Partial<Settings>;

export const defaultSettings: Settings = {
  language: 'en',
  distanceUnit: 'km',
  temperatureUnit: 'celsius',
  clockFormat: '24h',
  themeMode: 'auto',
  dayBrightness: 90,
  nightBrightness: 40,
};

export const settingsSlice = createSlice({
  name: 'settings',
  initialState: defaultSettings,
  reducers: {
    /** Settings were read from storage at start-up (or replaced by defaults). */
    settingsLoaded: (_state, action: PayloadAction<Settings>) => action.payload,
    /** The driver changed some settings and the host accepted them. */
    settingsChanged: (state, action: PayloadAction<SettingsPatch>) => ({ ...state, ...action.payload }),
  },
  selectors: {
    selectSettings: (state) => state,
    selectLanguage: (state) => state.language,
  },
});

export const { settingsLoaded, settingsChanged } = settingsSlice.actions;
export const { selectSettings, selectLanguage } = settingsSlice.selectors;
