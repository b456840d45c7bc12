// Applies a pack's token overrides to the declared set: declared tokens may change, new ones are refused (the AAOS overlay rule).
import { COLOR_TOKENS, COLOR_TOKEN_NAMES, THEME_MODES, defaultColors, type ColorSet, type ColorToken, type ThemeMode } from './colorTokens';
import { SCALE_GROUPS, SCALE_TOKENS, SCALE_TOKEN_NAMES, defaultScale, type ScaleSet, type ScaleToken } from './scaleTokens';
import { validateColor, validateTokenValue, type TokenValue } from './tokenTypes';

export interface ResolvedTokens {
  color: Record<ThemeMode, ColorSet>;
  scale: ScaleSet;
}

export interface TokenIssue {
  path: (string | number)[];
  message: string;
}

export interface TokenResolution {
  tokens: ResolvedTokens;
  issues: TokenIssue[];
  /** Colour tokens whose override was refused: contrast is not judged on a value the pack did not mean. */
  invalidColors: Record<ThemeMode, Set<ColorToken>>;
  /** Tokens the pack set (for locating a contrast failure in the file). */
  overridden: { color: Record<ThemeMode, Set<ColorToken>>; scale: Set<ScaleToken> };
}

export function defaultTokens(): ResolvedTokens {
  return { color: { day: defaultColors('day'), night: defaultColors('night') }, scale: defaultScale() };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Edit distance, for "did you mean"; names are short so the quadratic table is fine. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const here = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = here;
    }
  }
  return row[b.length];
}

function suggestion(name: string, candidates: readonly string[]): string {
  const lower = name.toLowerCase();
  const best = candidates
    .map((c) => ({ c, d: c.toLowerCase() === lower ? 0 : distance(lower, c.toLowerCase()) }))
    .sort((x, y) => x.d - y.d || Math.abs(x.c.length - name.length) - Math.abs(y.c.length - name.length))[0];
  return best && best.d <= Math.max(2, Math.floor(name.length / 4)) ? ` (did you mean "${best.c}"?)` : '';
}

const undeclared = (token: string, candidates: readonly string[]) =>
  `undeclared token "${token}": a pack may override declared tokens, not add new ones${suggestion(token.split('.').pop()!, candidates)}`;

/** Validates `tokens` from brand.json and lays the valid overrides over the defaults. */
export function resolveTokens(input: unknown): TokenResolution {
  const tokens = defaultTokens();
  const issues: TokenIssue[] = [];
  const invalidColors: TokenResolution['invalidColors'] = { day: new Set(), night: new Set() };
  const overridden: TokenResolution['overridden'] = { color: { day: new Set(), night: new Set() }, scale: new Set() };
  if (input === undefined) return { tokens, issues, invalidColors, overridden };
  if (!isPlainObject(input)) {
    issues.push({ path: ['tokens'], message: 'expected an object of token groups' });
    return { tokens, issues, invalidColors, overridden };
  }
  const groups = ['color', ...SCALE_GROUPS];
  for (const [group, members] of Object.entries(input)) {
    const groupPath = ['tokens', group];
    if (!groups.includes(group)) {
      issues.push({ path: groupPath, message: `undeclared token group "${group}"; the groups are ${groups.join(', ')}${suggestion(group, groups)}` });
      continue;
    }
    if (!isPlainObject(members)) {
      issues.push({ path: groupPath, message: group === 'color' ? 'expected { "day": {…}, "night": {…} }' : `expected an object of ${group} tokens` });
      continue;
    }
    if (group === 'color') {
      for (const [mode, colors] of Object.entries(members)) {
        if (!(THEME_MODES as readonly string[]).includes(mode)) {
          issues.push({ path: [...groupPath, mode], message: `colour tokens are given per mode, "day" and "night"; "${mode}" is not one` });
          continue;
        }
        if (!isPlainObject(colors)) {
          issues.push({ path: [...groupPath, mode], message: 'expected an object of colour tokens' });
          continue;
        }
        for (const [name, value] of Object.entries(colors)) {
          const path = [...groupPath, mode, name];
          if (!(COLOR_TOKEN_NAMES as readonly string[]).includes(name)) {
            issues.push({ path, message: undeclared(`color.${name}`, COLOR_TOKEN_NAMES) });
            continue;
          }
          const token = name as ColorToken;
          const problem = validateColor(value, 'alpha' in COLOR_TOKENS[token]);
          if (problem) {
            issues.push({ path, message: problem });
            invalidColors[mode as ThemeMode].add(token);
          } else {
            tokens.color[mode as ThemeMode][token] = (value as string).toLowerCase();
            overridden.color[mode as ThemeMode].add(token);
          }
        }
      }
      continue;
    }
    for (const [name, value] of Object.entries(members)) {
      const path = [...groupPath, name];
      const full = `${group}.${name}`;
      if (!(SCALE_TOKEN_NAMES as readonly string[]).includes(full)) {
        const inGroup = SCALE_TOKEN_NAMES.filter((t) => t.startsWith(`${group}.`)).map((t) => t.slice(group.length + 1));
        issues.push({ path, message: undeclared(full, inGroup) });
        continue;
      }
      const token = full as ScaleToken;
      const problem = validateTokenValue(SCALE_TOKENS[token].type, value);
      if (problem) issues.push({ path, message: problem });
      else {
        tokens.scale[token] = value as TokenValue;
        overridden.scale.add(token);
      }
    }
  }
  return { tokens, issues, invalidColors, overridden };
}
