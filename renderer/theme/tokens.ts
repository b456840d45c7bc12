// Design tokens for day and night, applied as CSS custom properties (brand packs will override these).
export interface ThemeTokens {
  background: string;
  surface: string;
  surfaceRaised: string;
  text: string;
  textMuted: string;
  accent: string;
  accentText: string;
  warning: string;
  danger: string;
  stale: string;
  border: string;
}

export const dayTokens: ThemeTokens = {
  background: '#eef1f4',
  surface: '#ffffff',
  surfaceRaised: '#e2e7ec',
  text: '#0d1620',
  textMuted: '#44505c',
  accent: '#0a5cc2',
  accentText: '#ffffff',
  warning: '#8a5a00',
  danger: '#b3261e',
  stale: '#7b858f',
  border: '#c5ccd3',
};

export const nightTokens: ThemeTokens = {
  background: '#0b0f14',
  surface: '#141b23',
  surfaceRaised: '#1f2a35',
  text: '#e8edf2',
  textMuted: '#a9b4bf',
  accent: '#5aa2ff',
  accentText: '#06121f',
  warning: '#f0b44c',
  danger: '#ff8a80',
  stale: '#6b7580',
  border: '#2b3845',
};

export function tokensToCss(tokens: ThemeTokens): Record<string, string> {
  const css: Record<string, string> = {};
  for (const [name, value] of Object.entries(tokens)) {
    css[`--cabin-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`] = value;
  }
  return css;
}
