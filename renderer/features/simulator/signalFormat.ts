// Formats a VSS value for the signal inspector: booleans and strings as they are, numbers with digits that suit their size.
import type { SignalValue } from '../../../shared/state/vehicleSlice';
import { type VssSignal } from '../../../shared/vehicle/catalog';
import { isIntegerType } from '../../../shared/vehicle/vssValue';
import { formatNumber } from '../../../shared/vehicle/units';

export function formatSignalValue(value: SignalValue, signal: Pick<VssSignal, 'datatype' | 'unit'> | undefined, locale: string): string {
  if (typeof value !== 'number') return String(value);
  if (!Number.isFinite(value)) return String(value);
  if ((signal && isIntegerType(signal.datatype)) || Number.isInteger(value)) return formatNumber(value, locale, 0);
  // Degrees are GPS coordinates here: six decimals is about 0.1 m, what a route needs.
  if (signal?.unit === 'degrees') return formatNumber(value, locale, 6);
  const magnitude = Math.abs(value);
  return formatNumber(value, locale, magnitude >= 100 ? 1 : magnitude >= 10 ? 2 : 3);
}

// One formatter per locale: Intl.NumberFormat construction costs more than a row's whole render.
const ageFormats = new Map<string, Intl.NumberFormat>();

/** Seconds since a value was seen, always with one decimal so the column does not jitter. */
export function formatAgeSeconds(ageMs: number, locale: string): string {
  let format = ageFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    ageFormats.set(locale, format);
  }
  return format.format(Math.max(0, ageMs) / 1000);
}
