// The shape every intent declares (schemas, payload budget, the restriction it obeys) and the result envelope, for every domain's intents.
import type { z } from 'zod';
import type { Restriction } from '../ux/restrictions';

/** Cheap limits checked before any schema parsing, so a hostile payload costs microseconds, not seconds. */
export interface PayloadBudget {
  /** Characters of the JSON text as it crossed the bridge. */
  maxBytes: number;
  /** Object keys and array items, counted over the whole payload. */
  maxEntries: number;
  maxDepth: number;
  maxStringLength: number;
}

export const DEFAULT_BUDGET: PayloadBudget = { maxBytes: 16 * 1024, maxEntries: 256, maxDepth: 8, maxStringLength: 4096 };

export interface IntentSpec {
  request: z.ZodType;
  response: z.ZodType;
  /** The host refuses this intent while the restriction is active (the driving-restriction engine decides). */
  restriction?: Restriction;
  /** Overrides parts of DEFAULT_BUDGET. */
  budget?: Partial<PayloadBudget>;
}

export type IntentErrorCode = 'UNKNOWN_INTENT' | 'INVALID_REQUEST' | 'NOT_ALLOWED' | 'FAILED';

/** Why an intent was refused, for the driver: an i18n key (e.g. `ux.refused.parkedOnly`) and its values. */
export interface IntentReason {
  key: string;
  params?: Record<string, string | number>;
}

export interface IntentError {
  code: IntentErrorCode;
  /** One line naming what was wrong, e.g. `settings.update: language: Invalid option…`. */
  message: string;
  reason?: IntentReason;
}

export type IntentResult<T> = { ok: true; value: T } | { ok: false; error: IntentError };

/** Formats zod issues as `path: message` pairs, so a rejected payload says exactly where it is wrong. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(request)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Walks a parsed payload within the budget and stops at the first excess, so its cost is bounded by
 * the budget, not by the payload. Returns the problem (with its JSON path) or null.
 */
export function overBudget(payload: unknown, budget: PayloadBudget): string | null {
  let entries = 0;
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: payload, path: '(request)', depth: 0 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.length > budget.maxStringLength) return `${path}: string longer than ${budget.maxStringLength} characters`;
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= budget.maxDepth) return `${path}: nested deeper than ${budget.maxDepth} levels`;
    if (Array.isArray(value)) {
      if (value.length > budget.maxEntries - entries) return `${path}: more than ${budget.maxEntries} entries in the request`;
      entries += value.length;
      value.forEach((item, i) => stack.push({ value: item, path: `${path}.${i}`, depth: depth + 1 }));
      continue;
    }
    // for…in stops early; Object.keys would list every key of a 150,000-key object first.
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      if (++entries > budget.maxEntries) return `${path}: more than ${budget.maxEntries} entries in the request`;
      if (key.length > budget.maxStringLength) return `${path}: a key longer than ${budget.maxStringLength} characters`;
      stack.push({ value: (value as Record<string, unknown>)[key], path: `${path}.${key.slice(0, 40)}`, depth: depth + 1 });
    }
  }
  return null;
}
