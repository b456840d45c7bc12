import { describe, expect, it } from 'vitest';
import { describeIssues } from '../ipc/contract';
import { nameProblem, newProfile, profileNameSchema, profilePatchSchema, profileSchema } from './profileSchema';

const base = () => newProfile('pli0001', 'Li', 'teal', 1_700_000_000_000);

describe('profile names', () => {
  it.each([
    ['', 'empty', /the name is empty/],
    ['x'.repeat(200), 'tooLong', /longer than 40 characters/],
    ['Li\u0007', 'controlCharacters', /control characters/],
    ['Li\nWang', 'controlCharacters', /control characters/],
    ['\u202eiL', 'controlCharacters', /control characters/],
    ['    ', 'onlySpaces', /only spaces/],
    ['\u3000\u3000', 'onlySpaces', /only spaces/],
  ])('refuses %j (%s) with a message saying why', (name, problem, message) => {
    expect(nameProblem(name)).toBe(problem);
    const parsed = profileNameSchema.safeParse(name);
    expect(parsed.success).toBe(false);
    expect(describeIssues(parsed.error!)).toMatch(message);
  });

  it('keeps a good name, trimmed, counting characters not UTF-16 units', () => {
    expect(profileNameSchema.parse('  王小明  ')).toBe('王小明');
    expect(nameProblem('😀'.repeat(40))).toBeNull();
    expect(nameProblem('😀'.repeat(41))).toBe('tooLong');
  });
});

describe('the profile schema', () => {
  it('accepts a new profile and refuses out-of-range seat and temperature with their paths', () => {
    expect(profileSchema.parse(base())).toEqual(base());
    const bad = { ...base(), seat: { ...base().seat, position: 900 }, climate: { ...base().climate, temperature: 45 } };
    const parsed = profileSchema.safeParse(bad);
    expect(parsed.success).toBe(false);
    const text = describeIssues(parsed.error!);
    expect(text).toMatch(/seat\.position: seat position mm above 500/);
    expect(text).toMatch(/climate\.temperature: climate temperature °C above 32/);
  });

  it('refuses a fob listed twice and an operator both preferred and excluded', () => {
    const bad = { ...base(), keyFobs: [7, 7], charging: { ...base().charging, preferredOperators: ['a'], excludedOperators: ['a'] } };
    const text = describeIssues(profileSchema.safeParse(bad).error!);
    expect(text).toMatch(/keyFobs\.1: key fob 7 is listed twice/);
    expect(text).toMatch(/charging\.preferredOperators\.0: operator a is both preferred and excluded/);
  });

  it('a patch may not touch identity, dates or the history', () => {
    expect(profilePatchSchema.safeParse({ id: 'other' }).success).toBe(false);
    expect(profilePatchSchema.safeParse({ learning: { enabled: true, history: [] } }).success).toBe(false);
    expect(profilePatchSchema.safeParse({ learning: { enabled: true }, climate: { temperature: 21, fan: null, seatHeating: 1 } }).success).toBe(true);
  });
});
