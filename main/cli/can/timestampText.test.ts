import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { timestampSpan } from './timestampText';

/** What the span stands for, or what JavaScript prints when there is none. */
function viaSpan(text: string): string | null {
  const span = timestampSpan(text, 0, text.length);
  return span < 0 ? null : text.slice(Math.floor(span / 256), Math.floor(span / 256) + (span % 256));
}

describe('timestampSpan', () => {
  it('takes candump timestamps as written, less the zeros JavaScript leaves out', () => {
    expect(viaSpan('1718000000.002900')).toBe('1718000000.0029');
    expect(viaSpan('1718000000.003622')).toBe('1718000000.003622');
    expect(viaSpan('0001.500')).toBe('1.5');
    expect(viaSpan('5.')).toBe('5');
    expect(viaSpan('0.000')).toBe('0');
    expect(viaSpan('0.000001')).toBe('0.000001');
  });

  it('declines what it cannot be sure of', () => {
    expect(viaSpan('.5')).toBeNull();
    expect(viaSpan('0.0000001')).toBeNull(); // JavaScript prints 1e-7
    expect(viaSpan('1718000000.0036221')).toBeNull(); // more digits than the double holds
    expect(viaSpan('1000000000.000001')).toBeNull(); // just above a power of ten
  });

  it('whenever it answers, the answer is exactly String(Number(text))', () => {
    const digits = (max: number) => fc.stringMatching(new RegExp(`^[0-9]{0,${max}}$`));
    const text = fc.oneof(
      fc.tuple(digits(12), digits(12)).map(([i, f]) => `${i}.${f}`),
      fc.tuple(fc.integer({ min: 0, max: 4294967295 }), fc.integer({ min: 0, max: 999999 }), fc.nat(3)).map(([s, us, pad]) => `${'0'.repeat(pad)}${s}.${String(us).padStart(6, '0')}`),
      digits(22),
    );
    let answered = 0;
    fc.assert(
      fc.property(text, (t) => {
        if (!/[0-9]/.test(t)) return;
        const span = viaSpan(t);
        if (span === null) return;
        answered++;
        expect(span).toBe(String(Number(t)));
      }),
      { numRuns: 20000 },
    );
    expect(answered).toBeGreaterThan(10000);
  });
});
