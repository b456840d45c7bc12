// How the swap screens say money (minor units in the currency's own digits), countdowns and minutes.
import type { Money } from '../../../shared/state/swapSlice';

const digitsCache = new Map<string, number>();

/** Minor units of a currency: 2 for CNY, EUR, NOK; 0 for JPY. */
export function currencyDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** ¥84.30, 84,30 kr: the driver's language, the money's currency. */
export function moneyText(locale: string, money: Money): string {
  const digits = currencyDigits(money.currency);
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency }).format(money.amountMinor / 10 ** digits);
  } catch {
    return `${(money.amountMinor / 10 ** digits).toFixed(digits)} ${money.currency}`;
  }
}

/** "14:05" for 14 min 5 s left, "1:02:00" past an hour; never negative. */
export function countdownText(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** Whole minutes, at least 1. */
export const wholeMinutes = (value: number) => Math.max(1, Math.round(value));
