// A brand or market may tighten the driving-restriction thresholds, never loosen them.
import { RESTRICTIONS, uxThresholdsSchema, type DrivingState, type UxThresholds } from './restrictions';
import { z } from 'zod';

/** What a brand pack may say about restrictions: any part of the thresholds, each only stricter. */
export const uxThresholdsOverrideSchema = uxThresholdsSchema
  .extend({
    restrictedWhile: z
      .object({
        parked: z.array(z.enum(RESTRICTIONS)),
        idling: z.array(z.enum(RESTRICTIONS)),
        moving: z.array(z.enum(RESTRICTIONS)),
      })
      .strict()
      .partial(),
  })
  .partial()
  .strict();
export type UxThresholdsOverride = z.infer<typeof uxThresholdsOverrideSchema>;

export type TightenResult = { ok: true; value: UxThresholds } | { ok: false; problems: string[] };

/**
 * Applies an override on top of `base`. Each loosening is a problem named by its JSON path, e.g.
 * `movingAboveKmh: 5 would loosen 1 (only lower values are allowed)`.
 */
export function tightenThresholds(base: UxThresholds, override: UxThresholdsOverride): TightenResult {
  const problems: string[] = [];
  const next: UxThresholds = { ...base, restrictedWhile: { ...base.restrictedWhile } };
  const lowerOnly = (key: 'movingAboveKmh' | 'maxListItems' | 'maxStringChars') => {
    const value = override[key];
    if (value === undefined) return;
    if (value > base[key]) problems.push(`${key}: ${value} would loosen ${base[key]} (only lower values are allowed)`);
    else next[key] = value;
  };
  lowerOnly('movingAboveKmh');
  lowerOnly('maxListItems');
  lowerOnly('maxStringChars');
  for (const state of ['parked', 'idling', 'moving'] as DrivingState[]) {
    const list = override.restrictedWhile?.[state];
    if (!list) continue;
    const dropped = base.restrictedWhile[state].filter((r) => !list.includes(r));
    if (dropped.length) problems.push(`restrictedWhile.${state}: drops ${dropped.join(', ')} (a brand may only add restrictions)`);
    else next.restrictedWhile[state] = RESTRICTIONS.filter((r) => list.includes(r));
  }
  return problems.length ? { ok: false, problems } : { ok: true, value: next };
}
