// Declared tokens → CSS custom property names and values: the one place a token's CSS name is decided.
import { COLOR_TOKEN_NAMES, type ColorToken, type ThemeMode } from './colorTokens';
import { fontStack, type ResolvedBrand } from './resolvedBrand';
import { SCALE_TOKENS, SCALE_TOKEN_NAMES, type ScaleToken } from './scaleTokens';
import { tokenCssValue } from './tokenTypes';

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Tokens the renderer reads as data, not as CSS (the icon set picks components). */
const NOT_CSS: ReadonlySet<ScaleToken> = new Set(['icon.set']);

export function colorVariable(token: ColorToken): string {
  return `--cabin-color-${kebab(token)}`;
}

/** `fontSize.body` → `--cabin-font-size-body`, `space.2xs` → `--cabin-space-2xs`; null for data-only tokens. */
export function scaleVariable(token: ScaleToken): string | null {
  if (NOT_CSS.has(token)) return null;
  const [group, name] = token.split('.');
  return `--cabin-${kebab(group)}-${kebab(name)}`;
}

export const FONT_FAMILY_VARIABLE = '--cabin-font-family';

/** Every custom property for one mode: colours of that mode, the scale, and the font stack. */
export function brandCssVariables(brand: Pick<ResolvedBrand, 'tokens' | 'fonts'>, mode: ThemeMode): Record<string, string> {
  const css: Record<string, string> = {};
  const colors = brand.tokens.color[mode];
  for (const token of COLOR_TOKEN_NAMES) css[colorVariable(token)] = colors[token];
  const shadow = colorVariable('shadow');
  for (const token of SCALE_TOKEN_NAMES) {
    const name = scaleVariable(token);
    if (name) css[name] = tokenCssValue(SCALE_TOKENS[token].type, brand.tokens.scale[token], shadow);
  }
  css[FONT_FAMILY_VARIABLE] = [...fontStack(brand).map((f) => `"${f}"`), 'sans-serif'].join(', ');
  return css;
}
