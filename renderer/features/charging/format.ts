// How the Charging screens say things: ages ("2 min ago"), connector standards by their common names, statuses, minutes.
import type { TFunction } from 'i18next';
import type { ConnectorStandard, EvseStatus } from '../../../shared/stations/model';

export type AgeUnit = 'justNow' | 'seconds' | 'minutes' | 'hours' | 'days' | 'months';

/** An age in the largest unit that reads at a glance: 45 s, 2 min, 3 h, 12 days, 11 months. */
export function ageParts(ms: number): { unit: AgeUnit; count: number } {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 5) return { unit: 'justNow', count: 0 };
  if (seconds < 60) return { unit: 'seconds', count: seconds };
  if (seconds < 3600) return { unit: 'minutes', count: Math.floor(seconds / 60) };
  if (seconds < 48 * 3600) return { unit: 'hours', count: Math.floor(seconds / 3600) };
  if (seconds < 60 * 86_400) return { unit: 'days', count: Math.floor(seconds / 86_400) };
  return { unit: 'months', count: Math.floor(seconds / (30 * 86_400)) };
}

/** "2 min ago" from a time on the host's clock and the host's now. */
export function ageText(t: TFunction, seenAt: number, now: number): string {
  const { unit, count } = ageParts(now - seenAt);
  return t(`charging.age.${unit}`, { count });
}

/** The standards drivers know by name; the others show their OCPI code. */
const NAMED: ReadonlySet<string> = new Set([
  'GBT_AC',
  'GBT_DC',
  'CHAOJI',
  'CHADEMO',
  'IEC_62196_T1',
  'IEC_62196_T1_COMBO',
  'IEC_62196_T2',
  'IEC_62196_T2_COMBO',
  'IEC_62196_T3A',
  'IEC_62196_T3C',
  'SAE_J3400',
  'TESLA_R',
  'TESLA_S',
  'DOMESTIC_F',
  'DOMESTIC_G',
]);

export function standardName(t: TFunction, standard: ConnectorStandard | string): string {
  return NAMED.has(standard) ? t(`charging.standards.${standard as 'GBT_DC'}`) : standard;
}

export function statusName(t: TFunction, status: EvseStatus): string {
  return t(`charging.status.${status}`);
}

/** "Available · 2 min ago": a status is only as good as its age. */
export function statusWithAge(t: TFunction, status: EvseStatus, seenAt: number, now: number): string {
  return t('charging.statusAge', { status: statusName(t, status), age: ageText(t, seenAt, now) });
}

/** Whole minutes, at least 1 (a drive of 20 s is "1 min"). */
export const minutes = (value: number) => Math.max(1, Math.round(value));

/** A station's distance: metres close by, one decimal under 10, whole numbers beyond (miles for drivers who use them). */
export function distanceText(t: TFunction, number: (value: number, digits?: number) => string, metres: number, unit: 'km' | 'mi'): string {
  if (unit === 'mi') {
    const miles = metres / 1609.344;
    return t('charging.distance.mi', { value: number(miles, miles < 10 ? 1 : 0) });
  }
  if (metres < 1000) return t('charging.distance.m', { value: number(Math.max(10, Math.round(metres / 10) * 10)) });
  const km = metres / 1000;
  return t('charging.distance.km', { value: number(km, km < 10 ? 1 : 0) });
}
