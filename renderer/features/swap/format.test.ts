// Money in minor units and countdowns as the swap screens show them.
import { describe, expect, it } from 'vitest';
import { countdownText, currencyDigits, moneyText } from './format';

describe('swap formats', () => {
  it('shows minor units in the currency’s own digits and the driver’s language', () => {
    expect(currencyDigits('CNY')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(moneyText('en', { amountMinor: 8430, currency: 'CNY' })).toBe('CN¥84.30');
    expect(moneyText('zh-CN', { amountMinor: 8430, currency: 'CNY' })).toBe('¥84.30');
    expect(moneyText('en', { amountMinor: 500, currency: 'JPY' })).toBe('¥500');
  });
  it('counts down in minutes and seconds, hours when needed, never below zero', () => {
    expect(countdownText(14 * 60_000 + 5000)).toBe('14:05');
    expect(countdownText(3_720_000)).toBe('1:02:00');
    expect(countdownText(-5000)).toBe('0:00');
    expect(countdownText(999)).toBe('0:01');
  });
});
