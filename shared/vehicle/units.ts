// Converts canonical VSS units (km, km/h, °C, m, W) to the driver's units and formats them with Intl for a locale.
import type { DistanceUnit, TemperatureUnit } from '../state/settingsSlice';
import type { VssUnit } from './catalog';

export const KM_PER_MILE = 1.609344;

export interface UnitPreferences {
  distanceUnit: DistanceUnit;
  temperatureUnit: TemperatureUnit;
}

export const kmToMiles = (km: number): number => km / KM_PER_MILE;
export const milesToKm = (mi: number): number => mi * KM_PER_MILE;
/** Same factor as km → mi: a speed in km/h is distance per hour. */
export const kmhToMph = kmToMiles;
export const celsiusToFahrenheit = (c: number): number => (c * 9) / 5 + 32;
export const fahrenheitToCelsius = (f: number): number => ((f - 32) * 5) / 9;

/** A number ready to show: the value in the driver's unit, the unit's short label, and the formatted text. */
export interface DisplayQuantity {
  value: number;
  unit: string;
  text: string;
}

// Intl.NumberFormat construction is slow compared with format(): one per (locale, digits), reused.
const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, maxDigits: number, minDigits = 0): Intl.NumberFormat {
  const key = `${locale}|${minDigits}|${maxDigits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: maxDigits, minimumFractionDigits: minDigits });
    formatters.set(key, f);
  }
  return f;
}

/** Formats a plain number with the locale's digit grouping and decimal mark. */
export function formatNumber(value: number, locale: string, maxFractionDigits = 0): string {
  return numberFormat(locale, maxFractionDigits).format(value);
}

/** Vehicle.Speed (km/h) → km/h or mph, whole numbers (a speedometer never shows decimals). */
export function displaySpeed(kmh: number, locale: string, prefs: Pick<UnitPreferences, 'distanceUnit'>): DisplayQuantity {
  const value = prefs.distanceUnit === 'mi' ? kmhToMph(kmh) : kmh;
  const unit = prefs.distanceUnit === 'mi' ? 'mph' : 'km/h';
  return quantity(Math.round(value), unit, locale, 0);
}

/** A distance in km (odometer, trip) → km or mi; one decimal below 100, whole above. */
export function displayDistanceKm(km: number, locale: string, prefs: Pick<UnitPreferences, 'distanceUnit'>): DisplayQuantity {
  const value = prefs.distanceUnit === 'mi' ? kmToMiles(km) : km;
  const unit = prefs.distanceUnit === 'mi' ? 'mi' : 'km';
  return quantity(value, unit, locale, Math.abs(value) < 100 ? 1 : 0);
}

/** Vehicle.Powertrain.Range is in metres (VSS); range is shown in whole km or mi. */
export function displayRangeMeters(m: number, locale: string, prefs: Pick<UnitPreferences, 'distanceUnit'>): DisplayQuantity {
  const km = m / 1000;
  const value = prefs.distanceUnit === 'mi' ? kmToMiles(km) : km;
  return quantity(Math.round(value), prefs.distanceUnit === 'mi' ? 'mi' : 'km', locale, 0);
}

/** °C → °C or °F, `digits` decimals (0 for cabin set points that step by a degree, 1 for sensors). */
export function displayTemperature(
  celsius: number,
  locale: string,
  prefs: Pick<UnitPreferences, 'temperatureUnit'>,
  digits = 0,
): DisplayQuantity {
  const f = prefs.temperatureUnit === 'fahrenheit';
  return quantity(f ? celsiusToFahrenheit(celsius) : celsius, f ? '°F' : '°C', locale, digits);
}

/** Percent (SoC, SoH) as a whole number; the caller adds its own % sign layout if needed. */
export function displayPercent(percent: number, locale: string): DisplayQuantity {
  return quantity(Math.round(percent), '%', locale, 0);
}

/** Power in kW (charging power); W inputs should divide by 1000 first. One decimal under 10 kW. */
export function displayPowerKw(kw: number, locale: string): DisplayQuantity {
  return quantity(kw, 'kW', locale, Math.abs(kw) < 10 ? 1 : 0);
}

function quantity(value: number, unit: string, locale: string, digits: number): DisplayQuantity {
  const rounded = digits === 0 ? Math.round(value) : Number(value.toFixed(digits));
  // -0 would print as "-0" in some locales.
  const v = Object.is(rounded, -0) ? 0 : rounded;
  const text = `${numberFormat(locale, digits).format(v)}${unit === '%' || unit.startsWith('°') ? '' : ' '}${unit}`;
  return { value: v, unit, text };
}

/** How a VSS unit is written on screen: symbols read the same in every language ("percent" → "%"). */
export function unitSymbol(unit: VssUnit | undefined): string {
  switch (unit) {
    case undefined:
      return '';
    case 'percent':
      return '%';
    case 'celsius':
      return '°C';
    case 'degrees':
      return '°';
    default:
      return unit;
  }
}
