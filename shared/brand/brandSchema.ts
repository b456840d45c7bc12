// brand.json's shape (zod): identity, logos, fonts, defaults, features, map tiles, partners and restriction thresholds.
import { z } from 'zod';
import { CLOCK_FORMATS, DISTANCE_UNITS, LANGUAGES, TEMPERATURE_UNITS } from '../state/settingsSlice';
import { uxThresholdsOverrideSchema } from '../ux/thresholds';

export const BRAND_SCHEMA_VERSION = 1;

/** The brand every build ships and falls back to. */
export const DEFAULT_BRAND_ID = 'cabin';

/** Same rule as `--brand ID`: the id is also the pack's folder name under assets/brands. */
export const BRAND_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** What a brand may switch off. Everything is on unless the pack says otherwise. */
export const FEATURES = ['profiles', 'charging', 'swap', 'reservations', 'climate'] as const;
export type Feature = (typeof FEATURES)[number];

/** Faces that ship with Cabin (fontsource packages); a pack names one of these or ships its own files. */
export const BUNDLED_FONT_FAMILIES = ['Inter', 'Noto Sans SC'] as const;
/** The bundled face that covers Chinese: the fallback whenever a pack's own font does not. */
export const BUNDLED_CJK_FAMILY = 'Noto Sans SC';

export const MAP_DATUMS = ['WGS84', 'GCJ02'] as const;
export type MapDatum = (typeof MAP_DATUMS)[number];

/** A path inside the pack: relative, forward slashes, never leaving the pack's folder. */
const assetPath = (extensions: readonly string[], what: string) =>
  z
    .string()
    .max(200)
    .refine((p) => !p.startsWith('/') && !/^[a-zA-Z]:/.test(p) && !p.includes('\\'), 'a path relative to the pack folder, with forward slashes')
    .refine((p) => p.split('/').every((part) => part !== '..' && part !== '.' && part !== ''), 'a path inside the pack folder (no "..", "." or empty parts)')
    .refine((p) => extensions.some((ext) => p.toLowerCase().endsWith(ext)), `${what} (${extensions.join(', ')})`);

const svgPath = assetPath(['.svg'], 'logos are SVG files');
const fontPath = assetPath(['.woff2', '.woff', '.ttf', '.otf'], 'a font file');

const displayName = z
  .string()
  .trim()
  .min(1, 'a name of 1 to 40 characters')
  .max(40, 'a name of 1 to 40 characters');

const fontFile = z.strictObject({
  path: fontPath,
  weight: z.number().int().min(100).max(900).multipleOf(100).default(400),
  style: z.enum(['normal', 'italic']).default('normal'),
});

/** A face: a bundled family by name, or a family the pack ships files for. */
export const fontFaceSchema = z
  .strictObject({
    // Becomes part of a CSS font-family list: keep it to characters that need no escaping.
    family: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 _-]{0,63}$/, 'a font family name: letters, digits, spaces, "-" and "_"'),
    files: z.array(fontFile).min(1).max(18).optional(),
  })
  .superRefine((face, ctx) => {
    const bundled = (BUNDLED_FONT_FAMILIES as readonly string[]).includes(face.family);
    if (!face.files && !bundled) {
      ctx.addIssue({
        code: 'custom',
        path: ['family'],
        message: `"${face.family}" is not bundled with Cabin (bundled: ${BUNDLED_FONT_FAMILIES.join(', ')}); ship its files in "files"`,
      });
    }
    if (face.files && bundled) {
      ctx.addIssue({ code: 'custom', path: ['family'], message: `"${face.family}" is bundled with Cabin: name it without "files", or give your own face another name` });
    }
  });
export type FontFace = z.infer<typeof fontFaceSchema>;

const TILE_PLACEHOLDERS = ['{z}', '{x}', '{y}'];

export const tileSourceSchema = z
  .strictObject({
    url: z.string().max(500),
    datum: z.enum(MAP_DATUMS),
    attribution: z.string().trim().min(1, 'the attribution the tile provider requires').max(200),
    subdomains: z.array(z.string().regex(/^[a-z0-9]{1,8}$/)).min(1).max(8).optional(),
    minZoom: z.number().int().min(0).max(22).default(0),
    maxZoom: z.number().int().min(1).max(22).default(19),
  })
  .superRefine((tiles, ctx) => {
    const at = (message: string) => ctx.addIssue({ code: 'custom', path: ['url'], message });
    // shared/ has no URL class (no DOM, no Node): the parts that matter are checked by pattern.
    const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(tiles.url)?.[1]?.toLowerCase();
    if (!scheme) {
      at(`not a URL: "${tiles.url}"`);
      return;
    }
    if (scheme !== 'https') at(`tile URLs must use https, got "${scheme}:" in "${tiles.url}"`);
    const authority = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/?#]*)/.exec(tiles.url)?.[1] ?? '';
    if (authority.includes('@')) at('a tile URL may not carry a user name or password');
    else if (!/^[a-z0-9{}.-]+(:\d{1,5})?$/i.test(authority)) at(`no valid host in "${tiles.url}"`);
    if (/\s/.test(tiles.url)) at('a tile URL may not contain spaces');
    const missing = TILE_PLACEHOLDERS.filter((p) => !tiles.url.includes(p));
    if (missing.length) at(`a tile URL needs ${missing.join(', ')}`);
    if (tiles.url.includes('{s}') && !tiles.subdomains) at('the URL uses {s}: list the subdomains in "subdomains"');
    if (tiles.minZoom > tiles.maxZoom) ctx.addIssue({ code: 'custom', path: ['minZoom'], message: `minZoom ${tiles.minZoom} is above maxZoom ${tiles.maxZoom}` });
  });
export type TileSource = z.infer<typeof tileSourceSchema>;

/**
 * The origins tiles come from, {s} expanded: what the renderer's content-security policy must admit,
 * and nothing more.
 */
export function tileOrigins(tiles: Pick<TileSource, 'url' | 'subdomains'>): string[] {
  const origin = /^https:\/\/[^/?#]+/i.exec(tiles.url)?.[0];
  if (!origin) return [];
  const subdomains = origin.includes('{s}') ? (tiles.subdomains ?? []) : [''];
  return [...new Set(subdomains.map((s) => origin.replace('{s}', s).toLowerCase()))];
}

const partnerId = z.string().trim().min(1).max(64);
const uniqueList = (max: number) =>
  z
    .array(partnerId)
    .max(max)
    .refine((list) => new Set(list.map((s) => s.toLowerCase())).size === list.length, 'each entry once');

export const LOGO_SLOTS = ['mark', 'markNight', 'wordmark', 'wordmarkNight'] as const;
export type LogoSlot = (typeof LOGO_SLOTS)[number];

export const logosSchema = z.strictObject({
  /** Square mark: status bar, About, and the packaged app icon. */
  mark: svgPath,
  /** The mark for the night theme, when the day one would vanish on a dark surface. */
  markNight: svgPath.optional(),
  /** Name as drawn lettering (paths, not text: an SVG in an <img> cannot load the app's fonts). */
  wordmark: svgPath.optional(),
  wordmarkNight: svgPath.optional(),
});

/** brand.json as written (tokens are checked apart, against the declared token set). */
export const brandFileSchema = z.strictObject({
  $schema: z.string().optional(),
  schemaVersion: z.literal(BRAND_SCHEMA_VERSION),
  id: z.string().regex(BRAND_ID, 'a brand id: lower-case letters, digits and dashes, starting with a letter or digit'),
  name: z.strictObject({ en: displayName, 'zh-CN': displayName }),
  /** Reverse-DNS application id, used by packaging (electron-builder appId). */
  appId: z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/i, 'a reverse-DNS id such as com.example.cabin'),
  logos: logosSchema,
  fonts: z.strictObject({ text: fontFaceSchema, cjk: fontFaceSchema.optional() }),
  tokens: z.record(z.string(), z.unknown()).optional(),
  defaults: z.strictObject({
    language: z.enum(LANGUAGES),
    distanceUnit: z.enum(DISTANCE_UNITS),
    temperatureUnit: z.enum(TEMPERATURE_UNITS),
    clockFormat: z.enum(CLOCK_FORMATS),
  }),
  features: z.strictObject(Object.fromEntries(FEATURES.map((f) => [f, z.boolean().optional()])) as Record<Feature, z.ZodOptional<z.ZodBoolean>>).optional(),
  map: z.strictObject({ tiles: tileSourceSchema }),
  preferred: z
    .strictObject({
      /** Swap networks to list first, by the network id the swap protocol announces. */
      swapNetworks: uniqueList(16).default([]),
      /** Charging operators to rank first, by operator name as feeds give it (compared case-insensitively). */
      chargingOperators: uniqueList(32).default([]),
    })
    .optional(),
  drivingRestrictions: uxThresholdsOverrideSchema.optional(),
});
export type BrandFile = z.infer<typeof brandFileSchema>;
