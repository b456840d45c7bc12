// The driver's brightness setting on a perceptual scale: the backlight level it asks for (never below the 30 % floor), and the simulation's stand-in dimming.

/** The least light the panel gives: dimmer than this, glare in a bright cabin would wash the screen out. */
export const BACKLIGHT_FLOOR = 0.3;
/** The setting's range (settings brightness, %). */
export const BRIGHTNESS_SETTING = { min: 10, max: 100 } as const;

/** CIE 1976 lightness L* (0–100) of a relative luminance Y (0–1): how bright a light looks, not how much there is. */
export function lightness(y: number): number {
  return y > 216 / 24389 ? 116 * Math.cbrt(y) - 16 : (24389 / 27) * y;
}

/** The relative luminance Y (0–1) that looks as bright as `l` (L*, 0–100). */
export function luminance(l: number): number {
  return l > 8 ? ((l + 16) / 116) ** 3 : (27 / 24389) * l;
}

/**
 * The backlight's luminance (a fraction of full) for a setting of 10–100 %. The setting is spread evenly in
 * lightness between the floor and full, so each step looks like the same change: 10 % is the floor (0.3),
 * 100 % is full, 40 % (the night default) about 0.47.
 */
export function backlightLevel(settingPercent: number): number {
  const { min, max } = BRIGHTNESS_SETTING;
  const t = (Math.min(max, Math.max(min, settingPercent)) - min) / (max - min);
  const floor = lightness(BACKLIGHT_FLOOR);
  return luminance(floor + (100 - floor) * t);
}

/** The simulation's dimming layer is black: it stands for light the panel does not give, not a colour of the design. */
export const NO_LIGHT = '#000000';

/**
 * Opacity of the black layer that stands in for the backlight in the browser simulation. A layer blends in
 * sRGB-encoded values, so it scales light by (1 − opacity)^2.2, not linearly: the layer is made to dim the
 * pixels' light by the backlight level.
 */
export function dimmingOpacity(settingPercent: number): number {
  return 1 - backlightLevel(settingPercent) ** (1 / 2.2);
}
