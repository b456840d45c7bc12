// The theme and screen brightness in force now, from settings and the vehicle's light signals.
import { selectEffectivePreferences } from '../../shared/state/profilesSlice';
import { useAppSelector } from './store';
import { effectiveTheme, type EffectiveTheme } from '../../shared/display/effectiveTheme';

/** `now` is host time (for the light signals' freshness); `wall` the wall clock (for the hour of the day). */
export function useTheme(now: number, wall: number): { theme: EffectiveTheme; brightness: number } {
  // Day/night follows the active profile's preference; brightness stays the device's.
  const settings = useAppSelector(selectEffectivePreferences);
  const signals = useAppSelector((s) => s.vehicle.signals);
  const theme = effectiveTheme(settings.themeMode, signals, now, new Date(wall).getHours());
  return { theme, brightness: theme === 'night' ? settings.nightBrightness : settings.dayBrightness };
}
