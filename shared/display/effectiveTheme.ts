// Decides day or night (the driver's choice, or in auto mode the headlights and the light sensor): the renderer's colours and the host's backlight follow it.
import type { ThemeMode } from '../state/settingsSlice';
import { signalFreshness, type SignalSample } from '../state/vehicleSlice';

export type EffectiveTheme = 'day' | 'night';

/** Below this outside light level (%, VSS LightIntensity) the screen goes dark even with headlights off. */
export const NIGHT_LIGHT_INTENSITY = 15;

export function effectiveTheme(
  mode: ThemeMode,
  signals: Record<string, SignalSample>,
  now: number,
  clockHour: number,
): EffectiveTheme {
  if (mode !== 'auto') return mode;
  const lights = signals['Vehicle.Body.Lights.Beam.Low.IsOn'];
  const lightsFresh = signalFreshness(lights, now) === 'fresh';
  // Headlights on is the strongest hint: the driver (or the car) decided it is dark.
  if (lightsFresh && lights!.value === true) return 'night';
  const sensor = signals['Vehicle.Exterior.LightIntensity'];
  if (signalFreshness(sensor, now) === 'fresh' && typeof sensor!.value === 'number') {
    return sensor!.value < NIGHT_LIGHT_INTENSITY ? 'night' : 'day';
  }
  if (lightsFresh) return 'day';
  // No vehicle data at all: fall back to the clock so a parked car at night is not dazzling.
  return clockHour >= 7 && clockHour < 19 ? 'day' : 'night';
}
