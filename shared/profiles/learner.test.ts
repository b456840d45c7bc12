import { describe, expect, it } from 'vitest';
import { findHabits, firingRules, LEARNER, settle } from './learner';
import { suggestionKey, weekdayOf, type Adjustment, type LearnableSetting, type LearnedRule } from './learningModel';

/** A seeded generator, so a failing history can be rebuilt from the seed in the message. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY_MS = 86_400_000;
const FIRST_DAY = 19_700; // a day in 2023
const at = (day: number, hour: number, minute = 0) => day * DAY_MS + hour * 3_600_000 + minute * 60_000;
const entry = (day: number, setting: LearnableSetting, value: number, outsideC: number | null, hour = 8, minute = 0): Adjustment => ({
  at: at(day, hour, minute),
  day,
  setting,
  value,
  outsideC,
});

/** Thirty mornings: below 5 °C outside the driver ends on 22 °C (after fiddling); on milder days on 19–21. */
function winterMornings(seed: number): Adjustment[] {
  const random = mulberry32(seed);
  const out: Adjustment[] = [];
  for (let d = 0; d < 30; d += 1) {
    const day = FIRST_DAY + d;
    const cold = d % 3 !== 2;
    const outside = cold ? -6 + Math.floor(random() * 10) : 8 + Math.floor(random() * 12); // -6…3 or 8…19
    if (cold) {
      out.push(entry(day, 'climate.temperature', 24, outside, 7, 50)); // overshoot, corrected two minutes later
      out.push(entry(day, 'climate.temperature', 22, outside, 7, 52));
    } else {
      out.push(entry(day, 'climate.temperature', 19 + Math.floor(random() * 3), outside));
    }
  }
  return out;
}

describe('the learner on synthetic histories', () => {
  it('finds "22 °C whenever it is below 5 °C outside", with the evidence it rests on', () => {
    const found = findHabits(winterMornings(1), { refused: [], rules: [] });
    expect(found).toEqual([
      {
        key: 'climate.temperature|outsideBelow|22',
        setting: 'climate.temperature',
        value: 22,
        condition: { kind: 'outsideBelow', celsius: 5 },
        evidence: { matching: 20, inside: 20 },
      },
    ]);
  });

  it('finds the seat heater going on below 10 °C and the charge target raised on Fridays', () => {
    const history: Adjustment[] = [];
    for (let d = 0; d < 28; d += 1) {
      const day = FIRST_DAY + d;
      const outside = d % 2 === 0 ? 3 + (d % 5) : 14 + (d % 7);
      history.push(entry(day, 'climate.seatHeating', outside < 10 ? 2 : 0, outside));
      history.push(entry(day, 'charging.targetSoc', weekdayOf(day) === 5 ? 100 : 80, null, 20));
    }
    const found = findHabits(history, { refused: [], rules: [] });
    expect(found).toContainEqual(expect.objectContaining({ setting: 'climate.seatHeating', value: 2, condition: { kind: 'outsideBelow', celsius: 10 } }));
    expect(found).toContainEqual(expect.objectContaining({ setting: 'charging.targetSoc', value: 100, condition: { kind: 'weekday', day: 5 } }));
    // 80 % on the other days is the driver's plain preference, not a habit of one weekday.
    expect(found.filter((s) => s.setting === 'charging.targetSoc' && s.value === 80)).toEqual([]);
  });

  it('ignores noise: random temperatures at random weather, over many seeds', () => {
    for (let seed = 1; seed <= 40; seed += 1) {
      const random = mulberry32(seed);
      const history = Array.from({ length: 60 }, (_, i) =>
        entry(FIRST_DAY + i, 'climate.temperature', 16 + Math.floor(random() * 13), -10 + Math.floor(random() * 45)),
      );
      expect(findHabits(history, { refused: [], rules: [] }), `seed ${seed}`).toEqual([]);
    }
  });

  it('a plain preference (always 21 °C) and an afternoon of fiddling are not habits', () => {
    const always = Array.from({ length: 20 }, (_, i) => entry(FIRST_DAY + i, 'climate.temperature', 21, -5 + i * 2));
    expect(findHabits(always, { refused: [], rules: [] })).toEqual([]);
    const oneDay = Array.from({ length: 30 }, (_, i) => entry(FIRST_DAY, 'climate.temperature', 22, 1, 8, i * 15));
    expect(findHabits(oneDay, { refused: [], rules: [] })).toEqual([]);
  });

  it('a refused suggestion is never offered again, not with more evidence, nor with a nearby threshold', () => {
    const history = winterMornings(2);
    const [first] = findHabits(history, { refused: [], rules: [] });
    expect(first.key).toBe('climate.temperature|outsideBelow|22');
    const refused = [first.key];
    expect(findHabits(history, { refused, rules: [] })).toEqual([]);
    // Months later, colder and more consistent, at a threshold of 10 °C: still the same idea, still refused.
    const more = [...history, ...winterMornings(3).map((e) => ({ ...e, day: e.day + 60, at: e.at + 60 * DAY_MS }))];
    const shifted = more.map((e) => (e.value === 22 ? { ...e, outsideC: (e.outsideC ?? 0) + 5 } : e));
    expect(findHabits(shifted, { refused, rules: [] }).map((s) => s.key)).not.toContain(first.key);
    expect(findHabits(shifted, { refused, rules: [] }).filter((s) => s.setting === 'climate.temperature' && s.value === 22)).toEqual([]);
  });

  it('an accepted rule is not offered again either', () => {
    const rule: LearnedRule = {
      id: 'r1',
      setting: 'climate.temperature',
      value: 22,
      condition: { kind: 'outsideBelow', celsius: 5 },
      acceptedAt: 0,
      evidence: { matching: 20, inside: 20 },
    };
    expect(findHabits(winterMornings(4), { refused: [], rules: [rule] })).toEqual([]);
    expect(suggestionKey(rule.setting, rule.value, rule.condition)).toBe('climate.temperature|outsideBelow|22');
  });

  it('settles a burst of changes to the last value, and fires at most one rule per setting, the newest', () => {
    const burst = [entry(FIRST_DAY, 'climate.fan', 33, 0, 8, 0), entry(FIRST_DAY, 'climate.fan', 58, 0, 8, 5), entry(FIRST_DAY, 'climate.fan', 70, 0, 9, 0)];
    expect(settle(burst).map((e) => e.value)).toEqual([60, 70]);
    expect(LEARNER.SETTLE_MS).toBe(600_000);
    const rules: LearnedRule[] = [
      { id: 'ra', setting: 'climate.temperature', value: 22, condition: { kind: 'outsideBelow', celsius: 5 }, acceptedAt: 1, evidence: { matching: 4, inside: 4 } },
      { id: 'rb', setting: 'climate.temperature', value: 23, condition: { kind: 'outsideBelow', celsius: 0 }, acceptedAt: 2, evidence: { matching: 4, inside: 4 } },
      { id: 'rc', setting: 'charging.targetSoc', value: 100, condition: { kind: 'weekday', day: 5 }, acceptedAt: 3, evidence: { matching: 4, inside: 4 } },
    ];
    const friday = FIRST_DAY + ((5 - weekdayOf(FIRST_DAY) + 7) % 7);
    expect(firingRules(rules, { outsideC: -3, day: friday }).map((r) => r.id)).toEqual(['rb', 'rc']);
    expect(firingRules(rules, { outsideC: 3, day: friday + 1 }).map((r) => r.id)).toEqual(['ra']);
    expect(firingRules(rules, { outsideC: null, day: friday + 1 })).toEqual([]);
  });
});
