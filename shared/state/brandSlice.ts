// The brand on screen (tokens, names, features, logos, fonts, map tiles), why it is not the one asked for, and the brands this build ships.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { tileOrigins, type Feature, type LogoSlot, type TileSource } from '../brand/brandSchema';
import { builtInBrand, type ResolvedBrand } from '../brand/resolvedBrand';

/** A font file of the pack, served by the app itself (the CSP's font-src is 'self'). */
export interface BrandFontFile {
  family: string;
  weight: number;
  style: 'normal' | 'italic';
  /** Path on the app's own origin, e.g. `brand-assets/acme/fonts/AcmeSans-Regular.woff2`. */
  url: string;
}

/** What the renderer needs of a brand: plain JSON, small (logos are tiny checked SVGs). */
export interface ActiveBrand {
  id: string;
  name: ResolvedBrand['name'];
  tokens: ResolvedBrand['tokens'];
  fonts: ResolvedBrand['fonts'];
  fontFiles: BrandFontFile[];
  /** Checked SVG logos as data: URLs, by slot (the CSP admits data: images). */
  logos: Partial<Record<LogoSlot, string>>;
  features: Record<Feature, boolean>;
  map: { tiles: TileSource; origins: string[] };
  defaults: ResolvedBrand['defaults'];
  preferred: ResolvedBrand['preferred'];
}

export interface BrandFallbackInfo {
  /** The brand that was asked for. */
  requested: string;
  /** One line: what was wrong with it, and where. */
  reason: string;
}

export interface BrandListing {
  id: string;
  name: ResolvedBrand['name'];
}

export interface BrandState {
  active: ActiveBrand;
  /** Set while the default brand stands in for one that could not be used: the developer notice shows it. */
  fallback: BrandFallbackInfo | null;
  /** Brands this build ships (assets/brands), for the simulation's brand switch. */
  available: BrandListing[];
}

/** The brand view of a resolved brand; `logos` and `fontFiles` come from the loaded pack. */
export function activeBrand(brand: ResolvedBrand, logos: ActiveBrand['logos'] = {}, fontFiles: BrandFontFile[] = []): ActiveBrand {
  return {
    id: brand.id,
    name: brand.name,
    tokens: brand.tokens,
    fonts: brand.fonts,
    fontFiles,
    logos,
    features: brand.features,
    map: { tiles: brand.map.tiles, origins: tileOrigins(brand.map.tiles) },
    defaults: brand.defaults,
    preferred: brand.preferred,
  };
}

// Before the host says otherwise, the brand compiled into the code: the loading screen is styled too.
const initialState: BrandState = { active: activeBrand(builtInBrand()), fallback: null, available: [] };

export const brandSlice = createSlice({
  name: 'brand',
  initialState,
  reducers: {
    /** A brand was loaded and is now shown (at start, or switched live in simulation). */
    brandApplied: (state, action: PayloadAction<{ active: ActiveBrand; fallback: BrandFallbackInfo | null }>) => {
      state.active = action.payload.active;
      state.fallback = action.payload.fallback;
    },
    /** The brand packs this build ships were listed. */
    brandsListed: (state, action: PayloadAction<BrandListing[]>) => {
      state.available = action.payload;
    },
  },
  selectors: {
    selectBrand: (state) => state.active,
    selectBrandFallback: (state) => state.fallback,
    selectAvailableBrands: (state) => state.available,
    selectBrandFeatures: (state) => state.active.features,
  },
});

export const { brandApplied, brandsListed } = brandSlice.actions;
export const { selectBrand, selectBrandFallback, selectAvailableBrands, selectBrandFeatures } = brandSlice.selectors;
