// Tests of the gateway's admission policy on an injected monotonic clock: Origin, growing delays for bad tokens, one refusal line per address per minute.
import { describe, expect, it } from 'vitest';
import { createAdmission, normalizeOrigin, sameSecret } from './admission';

function rig(allowOrigins: string[] = []) {
  let t = 1000;
  const lines: string[] = [];
  const admission = createAdmission({ allowOrigins, now: () => t, log: (l) => lines.push(l) });
  return { admission, lines, advance: (ms: number) => (t += ms) };
}

describe('admission', () => {
  it('lets clients without an Origin in, and browser origins only when allowed', () => {
    const { admission } = rig(['http://localhost:5173/']);
    expect(admission.originRefusal(undefined)).toBeNull();
    expect(admission.originRefusal('http://LOCALHOST:5173')).toBeNull();
    expect(admission.originRefusal('https://evil.example')).toBe(
      'gateway refused the connection: browser origin "https://evil.example" is not allowed (start the gateway with --allow-origin https://evil.example to allow it)',
    );
    expect(admission.originRefusal('null')).toMatch(/browser origin "null" is not allowed/);
    expect(normalizeOrigin(' HTTP://a.example/ ')).toBe('http://a.example');
  });

  it('answers the first bad token at once, then waits longer each time up to a cap, per address; forgets after a quiet minute', () => {
    const { admission, advance } = rig();
    const delays = Array.from({ length: 7 }, () => admission.badTokenDelayMs('10.0.0.1'));
    expect(delays).toEqual([0, 125, 250, 500, 1000, 1000, 1000]);
    expect(admission.badTokenDelayMs('10.0.0.2')).toBe(0);
    advance(59_000);
    expect(admission.badTokenDelayMs('10.0.0.1')).toBe(1000);
    advance(60_000);
    expect(admission.badTokenDelayMs('10.0.0.1')).toBe(0);
    expect(admission.stats().delayedRefusals).toBe(7);
  });

  it('logs one refusal line per address per minute, then one summary with the count', () => {
    const { admission, lines, advance } = rig();
    for (let i = 0; i < 20; i++) admission.refused('10.0.0.1', i === 0 ? 'no-token' : 'bad-token', 'gateway refused the connection: wrong token');
    admission.refused('10.0.0.2', 'origin', 'origin refused');
    expect(lines).toEqual(['refused 10.0.0.1: gateway refused the connection: wrong token', 'refused 10.0.0.2: origin refused']);
    advance(30_000);
    admission.sweep();
    expect(lines).toHaveLength(2);
    advance(30_000);
    admission.sweep();
    expect(lines.slice(2)).toEqual(['refused 10.0.0.1 19 more times in the last 60 s (19× bad-token)']);
    expect(admission.stats().logLinesSuppressed).toBe(19);
    // A quiet address is forgotten; its next refusal is a fresh line.
    advance(60_000);
    admission.sweep();
    admission.refused('10.0.0.1', 'bad-token', 'wrong token again');
    expect(lines.at(-1)).toBe('refused 10.0.0.1: wrong token again');
    expect(lines).toHaveLength(4);
  });

  it('a refusal after the window carries the count of those before it when no sweep ran', () => {
    const { admission, lines, advance } = rig();
    admission.refused('a', 'bad-token', 'wrong token');
    admission.refused('a', 'bad-token', 'wrong token');
    advance(61_000);
    admission.refused('a', 'no-token', 'no token');
    expect(lines).toEqual(['refused a: wrong token', 'refused a: no token; before it, 1 more time in the last 61 s (1× bad-token)']);
  });

  it('remembers a bounded number of addresses', () => {
    const { admission } = rig();
    for (let i = 0; i < 5000; i++) admission.badTokenDelayMs(`10.0.${i >> 8}.${i & 255}`);
    // The first address was forgotten to make room, so its next mistake counts as a first one.
    expect(admission.badTokenDelayMs('10.0.0.0')).toBe(0);
    expect(admission.badTokenDelayMs('10.0.19.135')).toBe(125);
  });

  it('compares secrets of different lengths without throwing', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abcd')).toBe(false);
    expect(sameSecret('ábc', 'abc')).toBe(false);
  });
});
