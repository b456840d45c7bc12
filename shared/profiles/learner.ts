// Finds stable habits in one driver's adjustments ("22 °C whenever it is below 5 °C outside") as rules to offer; small and explainable.
import {
  LEARNABLE,
  LEARNABLE_SETTINGS,
  conditionHolds,
  suggestionKey,
  weekdayOf,
  type Adjustment,
  type Condition,
  type LearnableSetting,
  type LearnedRule,
  type Suggestion,
} from './learningModel';

/**
 * The whole method, so a driver (or a reviewer) can check it:
 * 1. Settle: changes of one setting within SETTLE_MS are one adjustment (its last value); then one per day per
 *    setting and condition side, so an afternoon of fiddling counts once.
 * 2. For each candidate condition, the days the driver adjusted the setting while it held ("inside") and while
 *    it did not ("outside").
 * 3. A habit is a value chosen on at least MIN_DAYS inside days, on at least CONSISTENCY of them, and on at most
 *    CONTRAST of the outside days (at least MIN_OUTSIDE of those): the condition has to explain the choice.
 * 4. Per setting and value, the condition with the best score (matching days minus twice the exceptions) wins;
 *    refused suggestions and existing rules are left out.
 */
export const LEARNER = {
  SETTLE_MS: 10 * 60_000,
  MIN_DAYS: 4,
  CONSISTENCY: 0.8,
  CONTRAST: 0.34,
  MIN_OUTSIDE: 2,
  BELOW: [0, 5, 10, 15],
  ABOVE: [20, 25, 30],
} as const;

/** Which conditions can explain each setting: the weather for the climate, the day of the week for charging. */
function candidates(setting: LearnableSetting): Condition[] {
  if (setting === 'charging.targetSoc') return [0, 1, 2, 3, 4, 5, 6].map((day) => ({ kind: 'weekday', day }));
  return [
    ...LEARNER.BELOW.map((celsius): Condition => ({ kind: 'outsideBelow', celsius })),
    ...LEARNER.ABOVE.map((celsius): Condition => ({ kind: 'outsideAbove', celsius })),
  ];
}

/** A value on the setting's step, inside its range. */
export function roundToStep(setting: LearnableSetting, value: number): number {
  const { min, max, step } = LEARNABLE[setting];
  const rounded = Math.round(value / step) * step;
  return Math.min(max, Math.max(min, Number(rounded.toFixed(2))));
}

/** Step 1: the value the driver settled on each time, rounded to the setting's step. */
export function settle(history: readonly Adjustment[]): Adjustment[] {
  const sorted = [...history].sort((a, b) => a.at - b.at);
  const out: Adjustment[] = [];
  const lastIndex = new Map<LearnableSetting, number>();
  for (const entry of sorted) {
    const value = roundToStep(entry.setting, entry.value);
    const previous = lastIndex.get(entry.setting);
    if (previous !== undefined && entry.at - out[previous].at <= LEARNER.SETTLE_MS) {
      out[previous] = { ...entry, value };
      continue;
    }
    lastIndex.set(entry.setting, out.length);
    out.push({ ...entry, value });
  }
  return out;
}

interface DayChoice {
  day: number;
  value: number;
}

/** One entry per day: the last value of the day on that side of the condition. */
function byDay(entries: readonly Adjustment[]): DayChoice[] {
  const days = new Map<number, number>();
  for (const e of entries) days.set(e.day, e.value);
  return [...days].map(([day, value]) => ({ day, value }));
}

function knows(condition: Condition, entry: Adjustment): boolean {
  return condition.kind === 'weekday' || entry.outsideC !== null;
}

/** The habits found in `history` that are neither refused nor already rules, best evidence first. */
export function findHabits(history: readonly Adjustment[], known: { refused: readonly string[]; rules: readonly LearnedRule[] }): Suggestion[] {
  const refused = new Set(known.refused);
  for (const rule of known.rules) refused.add(suggestionKey(rule.setting, rule.value, rule.condition));
  const settled = settle(history);
  const found: Suggestion[] = [];
  for (const setting of LEARNABLE_SETTINGS) {
    const entries = settled.filter((e) => e.setting === setting);
    if (entries.length < LEARNER.MIN_DAYS) continue;
    const best = new Map<number, { suggestion: Suggestion; score: number }>();
    for (const condition of candidates(setting)) {
      const usable = entries.filter((e) => knows(condition, e));
      const context = (e: Adjustment) => ({ outsideC: e.outsideC, day: e.day });
      const inside = byDay(usable.filter((e) => conditionHolds(condition, context(e))));
      const outside = byDay(usable.filter((e) => !conditionHolds(condition, context(e))));
      if (inside.length < LEARNER.MIN_DAYS || outside.length < LEARNER.MIN_OUTSIDE) continue;
      const counts = new Map<number, number>();
      for (const { value } of inside) counts.set(value, (counts.get(value) ?? 0) + 1);
      for (const [value, matching] of counts) {
        if (matching < LEARNER.MIN_DAYS || matching / inside.length < LEARNER.CONSISTENCY) continue;
        const outsideSame = outside.filter((d) => d.value === value).length;
        if (outsideSame / outside.length > LEARNER.CONTRAST) continue;
        const score = matching - 2 * (inside.length - matching) - 2 * outsideSame;
        const key = suggestionKey(setting, value, condition);
        if (refused.has(key)) continue;
        const current = best.get(value);
        if (!current || score > current.score) {
          best.set(value, { score, suggestion: { key, setting, value, condition, evidence: { matching, inside: inside.length } } });
        }
      }
    }
    for (const { suggestion } of best.values()) found.push(suggestion);
  }
  return found.sort((a, b) => b.evidence.matching - a.evidence.matching || a.key.localeCompare(b.key));
}

/** The accepted rules that apply now, at most one per setting (the most recently accepted wins). */
export function firingRules(rules: readonly LearnedRule[], context: { outsideC: number | null; day: number }): LearnedRule[] {
  const bySetting = new Map<LearnableSetting, LearnedRule>();
  for (const rule of [...rules].sort((a, b) => a.acceptedAt - b.acceptedAt)) {
    if (conditionHolds(rule.condition, context)) bySetting.set(rule.setting, rule);
  }
  return [...bySetting.values()];
}

export { weekdayOf };
