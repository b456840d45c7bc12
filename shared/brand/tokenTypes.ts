// The kinds of value a design token may hold: how each is validated and how it is written as CSS.
import { isHexColor } from './contrast';

/** A box shadow cast straight down; its colour is the `color.shadow` token of the current mode. */
export interface Shadow {
  y: number;
  blur: number;
  spread?: number;
}

export type TokenValue = string | number | Shadow | 'none';

export type TokenType =
  | { kind: 'px'; min: number; max: number }
  | { kind: 'number'; min: number; max: number; step?: number }
  | { kind: 'em'; min: number; max: number }
  | { kind: 'ms'; min: number; max: number }
  | { kind: 'easing' }
  | { kind: 'shadow' }
  | { kind: 'enum'; values: readonly string[] };

const EASING_KEYWORDS = ['linear', 'ease', 'ease-in', 'ease-out', 'ease-in-out'];
const CUBIC_BEZIER = /^cubic-bezier\(\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*\)$/;

/** A short description of the allowed values, for messages and the brand guide. */
export function describeType(type: TokenType): string {
  switch (type.kind) {
    case 'px':
      return `whole pixels from ${type.min} to ${type.max}`;
    case 'number':
      return `a number from ${type.min} to ${type.max}${type.step ? ` in steps of ${type.step}` : ''}`;
    case 'em':
      return `em from ${type.min} to ${type.max}`;
    case 'ms':
      return `milliseconds from ${type.min} to ${type.max}`;
    case 'easing':
      return `${EASING_KEYWORDS.join(', ')} or cubic-bezier(x1, y1, x2, y2) with x in 0–1`;
    case 'shadow':
      return '"none" or { "y": px, "blur": px, "spread"?: px } (px from -32 to 64)';
    case 'enum':
      return type.values.map((v) => `"${v}"`).join(' or ');
  }
}

function inRange(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}

/** Null when `value` fits `type`, else why not (without the token's name: the caller adds the path). */
export function validateTokenValue(type: TokenType, value: unknown): string | null {
  const expected = `expected ${describeType(type)}, got ${JSON.stringify(value)}`;
  switch (type.kind) {
    case 'px':
      return inRange(value, type.min, type.max) && Number.isInteger(value) ? null : expected;
    case 'number': {
      if (!inRange(value, type.min, type.max)) return expected;
      // Compare in whole steps so 0.1-style steps do not trip over binary fractions.
      if (type.step && Math.abs(value / type.step - Math.round(value / type.step)) > 1e-9) return expected;
      return null;
    }
    case 'em':
    case 'ms':
      return inRange(value, type.min, type.max) ? null : expected;
    case 'easing': {
      if (typeof value !== 'string') return expected;
      if (EASING_KEYWORDS.includes(value)) return null;
      const m = CUBIC_BEZIER.exec(value);
      if (!m) return expected;
      const [x1, , x2] = [Number(m[1]), Number(m[2]), Number(m[3])];
      return [m[1], m[2], m[3], m[4]].every((n) => Number.isFinite(Number(n))) && x1 >= 0 && x1 <= 1 && x2 >= 0 && x2 <= 1
        ? null
        : expected;
    }
    case 'shadow': {
      if (value === 'none') return null;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return expected;
      const keys = Object.keys(value);
      if (keys.some((k) => !['y', 'blur', 'spread'].includes(k))) return expected;
      const s = value as Record<string, unknown>;
      const px = (v: unknown) => inRange(v, -32, 64) && Number.isInteger(v);
      return px(s.y) && px(s.blur) && (s.spread === undefined || px(s.spread)) && (s.blur as number) >= 0 ? null : expected;
    }
    case 'enum':
      return typeof value === 'string' && type.values.includes(value) ? null : expected;
  }
}

/** Null when `value` is a colour this token accepts. Text and surfaces must be opaque: contrast needs it. */
export function validateColor(value: unknown, alpha: boolean): string | null {
  if (typeof value !== 'string' || !isHexColor(value)) {
    return `expected a colour as ${alpha ? '#RGB, #RRGGBB or #RRGGBBAA' : '#RGB or #RRGGBB'}, got ${JSON.stringify(value)}`;
  }
  if (!alpha && value.length === 9) return `expected an opaque colour (#RGB or #RRGGBB), got ${value}: text and surfaces may not be translucent`;
  return null;
}

/** A validated token value as a CSS value; `shadowColor` is the custom property the shadow takes its colour from. */
export function tokenCssValue(type: TokenType, value: TokenValue, shadowColor: string): string {
  switch (type.kind) {
    case 'px':
      return `${value as number}px`;
    case 'em':
      return `${value as number}em`;
    case 'ms':
      return `${value as number}ms`;
    case 'number':
      return String(value);
    case 'shadow': {
      if (value === 'none') return 'none';
      const s = value as Shadow;
      return `0 ${s.y}px ${s.blur}px ${s.spread ?? 0}px var(${shadowColor})`;
    }
    case 'easing':
    case 'enum':
      return String(value);
  }
}
