// Formats values in the driver's language and units (shared/vehicle/units) and clock style.
import { useMemo } from 'react';
import {
  displayPercent,
  displayPowerKw,
  displayRangeMeters,
  displayDistanceKm,
  displaySpeed,
  displayTemperature,
  formatNumber,
} from '../../shared/vehicle/units';
import { selectEffectivePreferences } from '../../shared/state/profilesSlice';
import { useAppSelector } from './store';

export function useFormatters() {
  // The active profile's language and units override the device's (the guest gets the device's).
  const settings = useAppSelector(selectEffectivePreferences);
  return useMemo(() => {
    const locale = settings.language;
    // A 24-hour clock reads 05:26 in every language (zh-CN would otherwise write 5:26); a 12-hour one 5:26 PM.
    const timeFormat = new Intl.DateTimeFormat(locale, {
      hour: settings.clockFormat === '12h' ? 'numeric' : '2-digit',
      minute: '2-digit',
      hourCycle: settings.clockFormat === '12h' ? 'h12' : 'h23',
    });
    return {
      locale,
      time: (epochMs: number) => timeFormat.format(epochMs),
      number: (value: number, maxFractionDigits = 0) => formatNumber(value, locale, maxFractionDigits),
      speed: (kmh: number) => displaySpeed(kmh, locale, settings),
      distanceKm: (km: number) => displayDistanceKm(km, locale, settings),
      rangeMeters: (m: number) => displayRangeMeters(m, locale, settings),
      temperature: (celsius: number, digits = 0) => displayTemperature(celsius, locale, settings, digits),
      percent: (value: number) => displayPercent(value, locale),
      powerKw: (kw: number) => displayPowerKw(kw, locale),
    };
  }, [settings]);
}
