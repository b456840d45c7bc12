// The swatch each profile colour is drawn with: the driver's own choice (data, like an avatar), not a theme colour.
import type { ProfileColour } from '../../../shared/profiles/profileSchema';

/** Mid-tone swatches that read on the day and the night theme alike, each carrying a white initial at ≥ 4.5:1. */
export const PROFILE_SWATCHES: Record<ProfileColour, string> = {
  teal: '#0f766e',
  amber: '#a16207',
  violet: '#6d28d9',
  rose: '#be123c',
  sky: '#0369a1',
  lime: '#4d7c0f',
  slate: '#475569',
  coral: '#c2410c',
};

/** The initial drawn on every swatch. */
export const INITIAL_INK = '#ffffff';

/** The first character a person would write for the name (a CJK name's first character, a Latin one's capital). */
export function initialOf(name: string): string {
  const first = [...name.trim()][0] ?? '?';
  return first.toLocaleUpperCase();
}

/** Ambient light colours a profile can choose (sent to the car as #rrggbb). */
export const AMBIENT_SWATCHES = [
  { name: 'warm', value: '#ffb86b' },
  { name: 'ice', value: '#7dd3fc' },
  { name: 'blue', value: '#3b82f6' },
  { name: 'violet', value: '#8b5cf6' },
  { name: 'red', value: '#ef4444' },
  { name: 'green', value: '#22c55e' },
] as const;
