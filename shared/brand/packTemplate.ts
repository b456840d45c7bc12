// What `cabin brand new ID` writes: a complete, valid brand.json with every declared token, and a plain square mark.
import { BRAND_SCHEMA_VERSION } from './brandSchema';
import { COLOR_TOKEN_NAMES, THEME_MODES } from './colorTokens';
import { SCALE_GROUPS, SCALE_TOKEN_NAMES } from './scaleTokens';
import { defaultTokens, type ResolvedTokens } from './tokenOverrides';

/** Resolved tokens in brand.json's nesting: tokens.color.day.text, tokens.fontSize.body, … */
export function tokensAsPackJson(tokens: ResolvedTokens): Record<string, unknown> {
  const out: Record<string, Record<string, unknown>> = {
    color: Object.fromEntries(THEME_MODES.map((mode) => [mode, Object.fromEntries(COLOR_TOKEN_NAMES.map((n) => [n, tokens.color[mode][n]]))])),
  };
  for (const group of SCALE_GROUPS) {
    out[group] = Object.fromEntries(SCALE_TOKEN_NAMES.filter((t) => t.startsWith(`${group}.`)).map((t) => [t.slice(group.length + 1), tokens.scale[t]]));
  }
  return out;
}

export interface TemplateOptions {
  id: string;
  name: string;
  nameZh: string;
}

/** Every token is written out, so the pack is a full list to edit; values are the default brand's. */
export function brandTemplate({ id, name, nameZh }: TemplateOptions): Record<string, unknown> {
  return {
    schemaVersion: BRAND_SCHEMA_VERSION,
    id,
    name: { en: name, 'zh-CN': nameZh },
    appId: `com.example.${id.replace(/-/g, '')}`,
    logos: { mark: 'logos/mark.svg' },
    fonts: { text: { family: 'Inter' } },
    defaults: { language: 'en', distanceUnit: 'km', temperatureUnit: 'celsius', clockFormat: '24h' },
    features: { profiles: true, charging: true, swap: true, reservations: true, climate: true },
    map: { tiles: { url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', datum: 'WGS84', attribution: '© OpenStreetMap contributors', maxZoom: 19 } },
    preferred: { swapNetworks: [], chargingOperators: [] },
    drivingRestrictions: {},
    tokens: tokensAsPackJson(defaultTokens()),
  };
}

/** A square mark in the given colours: a rounded tile with a road chevron, drawn as paths. */
export function templateMark(fill: string, ink: string): string {
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">',
    `  <rect x="2" y="2" width="60" height="60" rx="14" fill="${fill}"/>`,
    `  <path d="M20 44 L32 18 L44 44 L32 36 Z" fill="${ink}"/>`,
    '</svg>',
    '',
  ].join('\n');
}

/** One line: `{ "a": 1, "b": [1, 2] }`. */
function inlineJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inlineJson).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const members = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${inlineJson(v)}`);
    return members.length ? `{ ${members.join(', ')} }` : '{}';
  }
  return JSON.stringify(value);
}

/** JSON with small objects and arrays kept on one line, the way the shipped packs are written by hand. */
export function formatPackJson(value: unknown, indent = ''): string {
  const inline = inlineJson(value);
  if (typeof value !== 'object' || value === null || indent.length + inline.length <= 100) return inline;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => `${inner}${formatPackJson(v, inner)}`).join(',\n')}\n${indent}]`;
  const members = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatPackJson(v, inner)}`);
  return `{\n${members.join(',\n')}\n${indent}}`;
}
