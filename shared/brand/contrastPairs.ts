// Which colour tokens are drawn on which, how large, and the WCAG 2.x minimum each pair must meet.
import { formatRatio, hexContrast } from './contrast';
import type { ColorSet, ColorToken, ThemeMode } from './colorTokens';

/**
 * `body`: text of any size (WCAG 1.4.3, 4.5:1). `large`: only text ≥ 24 px, or ≥ 18.66 px bold, and
 * icons or control outlines (WCAG 1.4.3 large text and 1.4.11 non-text contrast, 3:1). A screen may use
 * a `large` pair only at those sizes; anything smaller needs a `body` pair.
 */
export type PairKind = 'body' | 'large';

export const MINIMUM_CONTRAST: Record<PairKind, number> = { body: 4.5, large: 3 };

export interface ContrastPair {
  foreground: ColorToken;
  background: ColorToken;
  kind: PairKind;
}

const body = (foreground: ColorToken, ...backgrounds: ColorToken[]): ContrastPair[] =>
  backgrounds.map((background) => ({ foreground, background, kind: 'body' }));
const large = (foreground: ColorToken, ...backgrounds: ColorToken[]): ContrastPair[] =>
  backgrounds.map((background) => ({ foreground, background, kind: 'large' }));

/** Every pair a screen may draw. A foreground on a background not listed here is a design bug. */
export const CONTRAST_PAIRS: readonly ContrastPair[] = [
  ...body('text', 'background', 'surface', 'surfaceRaised'),
  ...body('textMuted', 'background', 'surface', 'surfaceRaised'),
  ...body('textStale', 'background', 'surface'),
  ...body('onAccent', 'accent'),
  // Warnings and errors appear as small text too (data age, "link lost", form errors).
  ...body('warning', 'background', 'surface'),
  ...body('onWarning', 'warning'),
  ...body('danger', 'background', 'surface'),
  // "Available" and "Charging" are small text on station rows and chips, which are raised.
  ...body('success', 'background', 'surface', 'surfaceRaised'),
  ...body('onDanger', 'danger'),
  ...large('accent', 'background', 'surface'),
  ...large('focus', 'background', 'surface'),
  ...large('controlBorder', 'background', 'surface'),
];

export interface ContrastResult extends ContrastPair {
  mode: ThemeMode;
  foregroundColor: string;
  backgroundColor: string;
  ratio: number;
  minimum: number;
  ok: boolean;
}

/** Checks every declared pair in one mode's colours. */
export function checkContrast(colors: ColorSet, mode: ThemeMode): ContrastResult[] {
  return CONTRAST_PAIRS.map((pair) => {
    const foregroundColor = colors[pair.foreground];
    const backgroundColor = colors[pair.background];
    const ratio = hexContrast(foregroundColor, backgroundColor);
    const minimum = MINIMUM_CONTRAST[pair.kind];
    return { ...pair, mode, foregroundColor, backgroundColor, ratio, minimum, ok: ratio >= minimum };
  });
}

/**
 * One line for a failing pair. The backlight scales the whole panel, and WCAG's relative luminance is
 * relative to the panel's own white, so the ratio at the lowest brightness is this same number.
 */
export function describeContrastFailure(r: ContrastResult): string {
  const what = r.kind === 'body' ? 'body text' : 'large text and icons';
  return (
    `contrast ${formatRatio(r.ratio, r.minimum)} by ${r.mode} (and at the lowest brightness): ` +
    `${r.foreground} ${r.foregroundColor} on ${r.background} ${r.backgroundColor} needs ${r.minimum}:1 for ${what}`
  );
}
