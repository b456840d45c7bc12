import { describe, expect, it } from 'vitest';
import { ageParts, minutes } from './format';

describe('ages as drivers read them', () => {
  it.each([
    [0, 'justNow', 0],
    [4_000, 'justNow', 0],
    [45_000, 'seconds', 45],
    [120_000, 'minutes', 2],
    [3 * 3_600_000, 'hours', 3],
    [47 * 3_600_000, 'hours', 47],
    [12 * 86_400_000, 'days', 12],
    [335 * 86_400_000, 'months', 11],
  ])('%d ms → %s %d', (ms, unit, count) => {
    expect(ageParts(ms)).toEqual({ unit, count });
  });

  it('never shows a negative age (a clock a little ahead)', () => {
    expect(ageParts(-3000)).toEqual({ unit: 'justNow', count: 0 });
  });

  it('rounds drive and charge minutes, and never shows 0 min', () => {
    expect(minutes(0.3)).toBe(1);
    expect(minutes(25.6)).toBe(26);
  });
});
