// WCAG 2.x colour contrast: hex colours → relative luminance → contrast ratio (1:1 to 21:1).

/** An sRGB colour with 8-bit channels and alpha 0–1. */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

const HEX = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;

/** True for #RGB, #RRGGBB and #RRGGBBAA. */
export function isHexColor(value: string): boolean {
  return HEX.test(value);
}

/** Parses #RGB, #RRGGBB or #RRGGBBAA; null for anything else. */
export function parseHexColor(value: string): Rgba | null {
  if (!HEX.test(value)) return null;
  let hex = value.slice(1);
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
  const channel = (i: number) => parseInt(hex.slice(i, i + 2), 16);
  return { r: channel(0), g: channel(2), b: channel(4), a: hex.length === 8 ? channel(6) / 255 : 1 };
}

/** sRGB channel (0–255) → linear light, the piecewise curve WCAG 2.x takes from IEC 61966-2-1. */
function linear(channel: number): number {
  const c = channel / 255;
  // WCAG 2.0 printed 0.03928, the sRGB standard says 0.04045; no 8-bit value lies between them.
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance: 0 for black, 1 for white. Alpha is ignored: composite first. */
export function relativeLuminance(color: Rgba): number {
  return 0.2126 * linear(color.r) + 0.7152 * linear(color.g) + 0.0722 * linear(color.b);
}

/** Contrast ratio of two opaque colours, always ≥ 1 (order does not matter). */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  const [hi, lo] = la >= lb ? [la, lb] : [lb, la];
  return (hi + 0.05) / (lo + 0.05);
}

/** Contrast ratio of two hex colours; throws on a malformed colour (validate first). */
export function hexContrast(foreground: string, background: string): number {
  const fg = parseHexColor(foreground);
  const bg = parseHexColor(background);
  if (!fg || !bg) throw new Error(`not a colour: ${fg ? background : foreground}`);
  return contrastRatio(fg, bg);
}

/**
 * A ratio as people write it ("4.48:1"). A failing ratio is never shown rounded up to its threshold
 * (4.4996 against 4.5 reads "4.499:1", not "4.50:1").
 */
export function formatRatio(ratio: number, threshold?: number): string {
  const two = ratio.toFixed(2);
  if (threshold !== undefined && ratio < threshold && Number(two) >= threshold) {
    return `${(Math.floor(ratio * 1000) / 1000).toFixed(3)}:1`;
  }
  return `${two}:1`;
}
