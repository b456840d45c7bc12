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
import { useAppSelector } from './store';

export function useFormatters() {
  const settings = useAppSelector((s) => s.settings);
  return useMemo(() => {
    const locale = settings.language;
    const timeFormat = new Intl.DateTimeFormat(locale, {
      hour: 'numeric',
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
