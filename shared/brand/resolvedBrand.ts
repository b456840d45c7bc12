// A brand as the app uses it: every token filled in, defaults applied; plain JSON so it can travel in the store.
import { DEFAULT_UX_THRESHOLDS, type UxThresholds } from '../ux/restrictions';
import { BUNDLED_CJK_FAMILY, DEFAULT_BRAND_ID, FEATURES, type BrandFile, type Feature, type FontFace, type TileSource } from './brandSchema';
import { defaultTokens, type ResolvedTokens } from './tokenOverrides';

export interface ResolvedBrand {
  id: string;
  name: { en: string; 'zh-CN': string };
  appId: string;
  /** Paths inside the pack; empty only for the built-in brand, which ships no files. */
  logos: Partial<BrandFile['logos']>;
  /** `cjk` is the bundled Noto Sans SC unless the pack ships a face that covers Chinese. */
  fonts: { text: FontFace; cjk: FontFace };
  tokens: ResolvedTokens;
  defaults: BrandFile['defaults'];
  features: Record<Feature, boolean>;
  map: { tiles: TileSource };
  preferred: { swapNetworks: string[]; chargingOperators: string[] };
  /** The engine's thresholds after the pack tightened them. */
  drivingRestrictions: UxThresholds;
}

export const OSM_TILES: TileSource = {
  url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  datum: 'WGS84',
  attribution: '© OpenStreetMap contributors',
  minZoom: 0,
  maxZoom: 19,
};

export function allFeatures(on = true): Record<Feature, boolean> {
  return Object.fromEntries(FEATURES.map((f) => [f, on])) as Record<Feature, boolean>;
}

/**
 * The brand compiled into the code: what the app shows when even the default pack on disk cannot be
 * read. Same tokens as the default pack, no logo files (the screens then show the name as text).
 */
export function builtInBrand(): ResolvedBrand {
  return {
    id: DEFAULT_BRAND_ID,
    name: { en: 'Cabin', 'zh-CN': 'Cabin' },
    appId: 'org.cabin.app',
    logos: {},
    fonts: { text: { family: 'Inter' }, cjk: { family: BUNDLED_CJK_FAMILY } },
    tokens: defaultTokens(),
    defaults: { language: 'en', distanceUnit: 'km', temperatureUnit: 'celsius', clockFormat: '24h' },
    features: allFeatures(),
    map: { tiles: OSM_TILES },
    preferred: { swapNetworks: [], chargingOperators: [] },
    drivingRestrictions: copyThresholds(DEFAULT_UX_THRESHOLDS),
  };
}

/** The CSS font-family list: the brand's face, then the CJK face for anything it lacks. */
export function fontStack(brand: Pick<ResolvedBrand, 'fonts'>): string[] {
  return [...new Set([brand.fonts.text.family, brand.fonts.cjk.family])];
}

/** A deep copy, so a brand never shares (and so never mutates) the engine's exported defaults. */
export function copyThresholds(t: UxThresholds): UxThresholds {
  return JSON.parse(JSON.stringify(t)) as UxThresholds;
}
