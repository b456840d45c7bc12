// Validates a parsed brand.json: schema, declared tokens, tighter-only restrictions and WCAG contrast; every problem with its JSON path.
import type { z } from 'zod';
import { DEFAULT_UX_THRESHOLDS } from '../ux/restrictions';
import { tightenThresholds } from '../ux/thresholds';
import { BUNDLED_CJK_FAMILY, FEATURES, brandFileSchema, type BrandFile } from './brandSchema';
import { THEME_MODES } from './colorTokens';
import { checkContrast, describeContrastFailure, type ContrastResult } from './contrastPairs';
import { allFeatures, copyThresholds, type ResolvedBrand } from './resolvedBrand';
import { resolveTokens, type TokenResolution } from './tokenOverrides';

export type BrandIssueCategory = 'json' | 'schema' | 'token' | 'contrast' | 'restriction' | 'asset' | 'font';

export interface BrandIssue {
  category: BrandIssueCategory;
  /** JSON path inside brand.json, or [] for a problem with the file itself. */
  path: (string | number)[];
  message: string;
  /** The asset file the problem is in, relative to the pack folder, when it is not brand.json. */
  file?: string;
}

export interface BrandValidation {
  /** The brand as the app would use it; null when the file's shape is too broken to say. */
  brand: ResolvedBrand | null;
  issues: BrandIssue[];
  /** Every pair checked, by day and by night, passing or not. */
  contrast: ContrastResult[];
}

const TOP_LEVEL_KEYS = Object.keys(brandFileSchema.shape);

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let here = root;
  for (const key of path) {
    if (typeof here !== 'object' || here === null) return undefined;
    here = (here as Record<PropertyKey, unknown>)[key];
  }
  return here;
}

/** zod's issues in the words of the brand guide: unknown keys one by one, missing fields called missing. */
function schemaIssues(error: z.ZodError, root: unknown): BrandIssue[] {
  const out: BrandIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k));
    if (path[0] === 'tokens') continue; // tokens get their own, more specific, check
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const message =
          path.length === 1 && path[0] === 'features'
            ? `unknown feature flag "${key}"; the features are ${FEATURES.join(', ')}`
            : path.length === 0
              ? `unknown key "${key}"; brand.json has ${TOP_LEVEL_KEYS.filter((k) => k !== '$schema').join(', ')}`
              : `unknown key "${key}"`;
        out.push({ category: 'schema', path: [...path, key], message });
      }
      continue;
    }
    const missing = issue.code === 'invalid_type' && valueAt(root, path) === undefined;
    const message = missing ? `missing; expected ${issue.expected}` : issue.message.replace(/^Invalid input: /, '');
    out.push({ category: 'schema', path, message });
  }
  return out;
}

function contrastIssues(resolution: TokenResolution): { results: ContrastResult[]; issues: BrandIssue[] } {
  const results: ContrastResult[] = [];
  const issues: BrandIssue[] = [];
  for (const mode of THEME_MODES) {
    const invalid = resolution.invalidColors[mode];
    for (const result of checkContrast(resolution.tokens.color[mode], mode)) {
      if (invalid.has(result.foreground) || invalid.has(result.background)) continue;
      results.push(result);
      if (result.ok) continue;
      // Point at the token the pack set; with neither set, at the mode (the defaults are not the pack's doing).
      const set = resolution.overridden.color[mode];
      const token = set.has(result.foreground) ? result.foreground : set.has(result.background) ? result.background : null;
      issues.push({ category: 'contrast', path: token ? ['tokens', 'color', mode, token] : ['tokens', 'color', mode], message: describeContrastFailure(result) });
    }
  }
  return { results, issues };
}

function restrictionIssues(file: BrandFile): { issues: BrandIssue[]; thresholds: ResolvedBrand['drivingRestrictions'] } {
  if (!file.drivingRestrictions) return { issues: [], thresholds: copyThresholds(DEFAULT_UX_THRESHOLDS) };
  const result = tightenThresholds(DEFAULT_UX_THRESHOLDS, file.drivingRestrictions);
  if (result.ok) return { issues: [], thresholds: result.value };
  const issues = result.problems.map((problem): BrandIssue => {
    // The engine names each problem "path: what"; keep the path as a JSON path under drivingRestrictions.
    const split = problem.indexOf(': ');
    const path = split > 0 ? problem.slice(0, split).split('.') : [];
    return { category: 'restriction', path: ['drivingRestrictions', ...path], message: split > 0 ? problem.slice(split + 2) : problem };
  });
  return { issues, thresholds: copyThresholds(DEFAULT_UX_THRESHOLDS) };
}

/** Everything about a pack that can be judged from brand.json alone (the loader adds its files). */
export function validateBrandFile(value: unknown): BrandValidation {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { brand: null, issues: [{ category: 'schema', path: [], message: 'brand.json must hold one JSON object' }], contrast: [] };
  }
  const parsed = brandFileSchema.safeParse(value);
  const tokens = resolveTokens((value as Record<string, unknown>).tokens);
  const tokenIssues = tokens.issues.map((i): BrandIssue => ({ category: 'token', ...i }));
  const contrast = contrastIssues(tokens);
  if (!parsed.success) {
    return { brand: null, issues: [...schemaIssues(parsed.error, value), ...tokenIssues, ...contrast.issues], contrast: contrast.results };
  }
  const file = parsed.data;
  const restrictions = restrictionIssues(file);
  const brand: ResolvedBrand = {
    id: file.id,
    name: file.name,
    appId: file.appId,
    logos: file.logos,
    fonts: { text: file.fonts.text, cjk: file.fonts.cjk ?? { family: BUNDLED_CJK_FAMILY } },
    tokens: tokens.tokens,
    defaults: file.defaults,
    features: { ...allFeatures(), ...Object.fromEntries(Object.entries(file.features ?? {}).filter(([, on]) => on !== undefined)) },
    map: file.map,
    preferred: { swapNetworks: file.preferred?.swapNetworks ?? [], chargingOperators: file.preferred?.chargingOperators ?? [] },
    drivingRestrictions: restrictions.thresholds,
  };
  return { brand, issues: [...tokenIssues, ...contrast.issues, ...restrictions.issues], contrast: contrast.results };
}
