// What the learner keeps per profile: the driver's settled adjustments, the rules they accepted, and the conditions a rule tests.
import { z } from 'zod';
import { PROFILE_LIMITS as L } from './limits';

/** Settings whose habits the learner looks for: the ones a driver adjusts by the weather or the week. */
export const LEARNABLE_SETTINGS = ['climate.temperature', 'climate.fan', 'climate.seatHeating', 'charging.targetSoc'] as const;
export type LearnableSetting = (typeof LEARNABLE_SETTINGS)[number];

/** Enough for months of a driver's adjustments after settling; the oldest go first. */
export const MAX_HISTORY = 500;
export const MAX_RULES = 20;
export const MAX_REFUSED = 200;

/** The range and the step a learnt value is rounded to, per setting. */
export const LEARNABLE: Record<LearnableSetting, { min: number; max: number; step: number }> = {
  'climate.temperature': { ...L.temperatureC, step: 0.5 },
  'climate.fan': { ...L.fanPercent, step: 10 },
  'climate.seatHeating': { ...L.seatHeatingLevel, step: 1 },
  'charging.targetSoc': { ...L.targetSocPercent, step: 5 },
};

const celsius = z.number().min(-40).max(50);
export const conditionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('outsideBelow'), celsius }),
  z.strictObject({ kind: z.literal('outsideAbove'), celsius }),
  /** 0 = Sunday … 6 = Saturday, in the car's time zone. */
  z.strictObject({ kind: z.literal('weekday'), day: z.number().int().min(0).max(6) }),
]);
export type Condition = z.output<typeof conditionSchema>;

export const adjustmentSchema = z.strictObject({
  /** Epoch ms. */
  at: z.number().int().min(0),
  /** Local calendar day (days since 1970-01-01 in the car's time zone): habits are counted in days, not taps. */
  day: z.number().int().min(0),
  setting: z.enum(LEARNABLE_SETTINGS),
  value: z.number().finite(),
  /** Outside temperature when the driver settled on the value; null when the car did not know it. */
  outsideC: z.number().min(-60).max(70).nullable(),
});
export type Adjustment = z.output<typeof adjustmentSchema>;

const evidenceSchema = z.strictObject({
  /** Days the driver chose this value while the condition held… */
  matching: z.number().int().min(0),
  /** …of the days the driver adjusted this setting while it held. */
  inside: z.number().int().min(0),
});

export const learnedRuleSchema = z
  .strictObject({
    id: z.string().regex(/^r[0-9a-z]{1,31}$/),
    setting: z.enum(LEARNABLE_SETTINGS),
    value: z.number().finite(),
    condition: conditionSchema,
    /** Epoch ms. */
    acceptedAt: z.number().int().min(0),
    evidence: evidenceSchema,
  })
  .superRefine((rule, ctx) => {
    const { min, max } = LEARNABLE[rule.setting];
    if (rule.value < min || rule.value > max) ctx.addIssue({ code: 'custom', path: ['value'], message: `${rule.setting} ${rule.value} is outside ${min}..${max}` });
  });
export type LearnedRule = z.output<typeof learnedRuleSchema>;

/** A habit the learner found, offered once as a rule. `key` identifies it across runs (refusals are kept by key). */
export interface Suggestion {
  key: string;
  setting: LearnableSetting;
  value: number;
  condition: Condition;
  evidence: { matching: number; inside: number };
}

/** Day 0 (1970-01-01) was a Thursday. */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export interface RuleContext {
  /** Outside temperature now, or null when unknown or stale: then no temperature rule fires. */
  outsideC: number | null;
  /** Local calendar day now. */
  day: number;
}

export function conditionHolds(condition: Condition, { outsideC, day }: RuleContext): boolean {
  switch (condition.kind) {
    case 'outsideBelow':
      return outsideC !== null && outsideC < condition.celsius;
    case 'outsideAbove':
      return outsideC !== null && outsideC > condition.celsius;
    case 'weekday':
      return weekdayOf(day) === condition.day;
  }
}

/**
 * The key a suggestion is remembered by. The threshold is left out on purpose: after "22 °C below 5 °C" was
 * refused, "22 °C below 10 °C" is the same idea and is not offered either.
 */
export function suggestionKey(setting: LearnableSetting, value: number, condition: Condition): string {
  return `${setting}|${condition.kind}${condition.kind === 'weekday' ? `:${condition.day}` : ''}|${value}`;
}
