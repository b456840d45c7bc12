// The declared colour tokens: what each styles, and the default brand's value by day and by night.

export interface ColorTokenDeclaration {
  /** What the token styles, for the brand guide and for people choosing its value. */
  styles: string;
  day: string;
  night: string;
  /** Only shadows and scrims may be translucent: text and surfaces must be opaque for contrast to mean anything. */
  alpha?: true;
}

/**
 * Colour roles, not colours: a screen asks for "muted text on a surface", never for grey. The values are
 * the default brand's; a brand pack overrides any of them per mode.
 */
export const COLOR_TOKENS = {
  background: {
    styles: 'the app background behind every screen, the status bar and the dock',
    day: '#eef1f4',
    night: '#0b0f14',
  },
  surface: {
    styles: 'cards and tiles, panels, the status bar, the dock and the driver strip',
    day: '#ffffff',
    night: '#141b23',
  },
  surfaceRaised: {
    styles: 'buttons, inputs, chips, unselected segments and notices: things that sit on a surface',
    day: '#e2e7ec',
    night: '#1f2a35',
  },
  text: {
    styles: 'primary text and values: speed, gear, SoC, titles, button labels',
    day: '#0d1620',
    night: '#e8edf2',
  },
  textMuted: {
    styles: 'labels, units, secondary values, hints and table headers',
    day: '#44505c',
    night: '#a9b4bf',
  },
  textStale: {
    styles: 'last-known values kept on screen after the vehicle link drops, with their age (must stay readable)',
    day: '#5c6670',
    night: '#8b96a1',
  },
  accent: {
    styles: 'primary buttons, selected segments and dock items, the car on the map, active icons',
    day: '#0a5cc2',
    night: '#5aa2ff',
  },
  onAccent: {
    styles: 'text and icons on an accent fill',
    day: '#ffffff',
    night: '#06121f',
  },
  success: {
    styles: 'battery in the normal range, charging, link connected, "Available" on station rows (text of any size)',
    day: '#186f35',
    night: '#5cd08a',
  },
  warning: {
    styles: 'cautions: battery at or below the amber threshold, stale-data age, simulation badge',
    day: '#8a5a00',
    night: '#f0b44c',
  },
  onWarning: {
    styles: 'text and icons on a warning fill (caution banners, fault chips)',
    day: '#ffffff',
    night: '#1a1000',
  },
  danger: {
    styles: 'critical states: battery at or below the red threshold, link lost, refused actions, errors',
    day: '#b3261e',
    night: '#ff8a80',
  },
  onDanger: {
    styles: 'text and icons on a danger fill (critical warning banners)',
    day: '#ffffff',
    night: '#1f0503',
  },
  border: {
    styles: 'decorative dividers and card outlines (not needed to see a control, so not contrast-checked)',
    day: '#c5ccd3',
    night: '#2b3845',
  },
  controlBorder: {
    styles: 'the outline that shows where a button, input or toggle is',
    day: '#7a848e',
    night: '#6f7c89',
  },
  focus: {
    styles: 'the keyboard and rotary-controller focus ring',
    day: '#0a5cc2',
    night: '#8cc0ff',
  },
  shadow: {
    styles: 'the colour of elevation shadows (translucent)',
    day: '#0d162029',
    night: '#00000099',
    alpha: true,
  },
  scrim: {
    styles: 'the veil behind sheets and dialogs (translucent)',
    day: '#0d162080',
    night: '#000000b3',
    alpha: true,
  },
} as const satisfies Record<string, ColorTokenDeclaration>;

export type ColorToken = keyof typeof COLOR_TOKENS;
export const COLOR_TOKEN_NAMES = Object.keys(COLOR_TOKENS) as ColorToken[];

export type ThemeMode = 'day' | 'night';
export const THEME_MODES: readonly ThemeMode[] = ['day', 'night'];

/** One mode's colours, every declared token present. */
export type ColorSet = Record<ColorToken, string>;

export function defaultColors(mode: ThemeMode): ColorSet {
  return Object.fromEntries(COLOR_TOKEN_NAMES.map((name) => [name, COLOR_TOKENS[name][mode]])) as ColorSet;
}
