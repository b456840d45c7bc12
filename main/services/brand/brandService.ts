// The brand service module: picks the brand at start (falling back visibly), publishes it to every screen, serves its font files, and switches it live in simulation.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { activeBrand, brandApplied, brandsListed, type BrandFontFile, type BrandListing } from '../../../shared/state/brandSlice';
import { RESTRICTIONS, type UxThresholds } from '../../../shared/ux/restrictions';
import { IntentRefused } from '../../host/intentRouter';
import type { HostService, ServiceFactory } from '../../host/service';
import type { LoadedBrand } from './brandPack';
import { chooseBrand, listBrands, type BrandChoice } from './chooseBrand';

/** URL path under which the app's own origin serves the shown pack's font files (CSP font-src 'self'). */
export const BRAND_ASSET_PATH = '/brand-assets/';

/** What other parts of the host (the web server, the Electron adapter) need to know of the brand on screen. */
export interface BrandPort {
  current(): LoadedBrand;
  /** The file on disk behind a `/brand-assets/…` URL path: only the shown pack's declared font files, else null. */
  assetFile(urlPath: string): string | null;
  /** Origins of the shown brand's map tiles: the renderer's CSP admits exactly these for images. */
  tileOrigins(): string[];
}

function fontUrl(brandId: string, packPath: string): string {
  return `${BRAND_ASSET_PATH}${encodeURIComponent(brandId)}/${packPath.split('/').map(encodeURIComponent).join('/')}`;
}

function fontFiles(loaded: LoadedBrand): BrandFontFile[] {
  return loaded.fonts.map((f) => ({ family: f.family, weight: f.weight, style: f.style, url: fontUrl(loaded.brand.id, f.path) }));
}

/** The stricter of two threshold sets: a brand tightens, and so may the host's caller; neither loosens. */
export function strictest(a: UxThresholds, b: UxThresholds): UxThresholds {
  const union = (x: readonly string[], y: readonly string[]) => RESTRICTIONS.filter((r) => x.includes(r) || y.includes(r));
  return {
    ...a,
    movingAboveKmh: Math.min(a.movingAboveKmh, b.movingAboveKmh),
    maxListItems: Math.min(a.maxListItems, b.maxListItems),
    maxStringChars: Math.min(a.maxStringChars, b.maxStringChars),
    restrictedWhile: {
      parked: union(a.restrictedWhile.parked, b.restrictedWhile.parked),
      idling: union(a.restrictedWhile.idling, b.restrictedWhile.idling),
      moving: union(a.restrictedWhile.moving, b.restrictedWhile.moving),
    },
  };
}

/** Ids and names of the shipped packs, read lightly (the full check runs only for the pack shown). */
async function listings(assetsDir: string): Promise<BrandListing[]> {
  const ids = await listBrands(assetsDir);
  return Promise.all(
    ids.map(async (id): Promise<BrandListing> => {
      const name = await readFile(join(assetsDir, 'brands', id, 'brand.json'), 'utf8')
        .then((text) => (JSON.parse(text) as { name?: { en?: unknown; 'zh-CN'?: unknown } }).name)
        .catch(() => undefined);
      const en = typeof name?.en === 'string' ? name.en : id;
      return { id, name: { en, 'zh-CN': typeof name?.['zh-CN'] === 'string' ? name['zh-CN'] : en } };
    }),
  );
}

export const brandService: ServiceFactory = async (ctx): Promise<HostService> => {
  const { store, report, appRoot } = ctx;
  const assetsDir = join(appRoot, 'assets');
  const first = await chooseBrand(ctx.brand, assetsDir, report);
  let shown: LoadedBrand = first.loaded;

  const show = (choice: BrandChoice) => {
    shown = choice.loaded;
    store.dispatch(brandApplied({ active: activeBrand(shown.brand, shown.logos, fontFiles(shown)), fallback: choice.fallback ?? null }));
  };

  // The caller's thresholds (a market may have tightened them) stay the floor every brand tightens from.
  const baseThresholds = ctx.uxThresholds;
  const applyThresholds = () => {
    ctx.uxThresholds = strictest(baseThresholds, shown.brand.drivingRestrictions);
  };
  show(first);
  // The engine reads ctx.uxThresholds on every evaluation, so a live switch takes the new market's at once.
  applyThresholds();
  store.dispatch(brandsListed(await listings(assetsDir)));

  ctx.ports.brand = {
    current: () => shown,
    assetFile(urlPath) {
      if (!urlPath.startsWith(BRAND_ASSET_PATH) || !shown.dir) return null;
      const font = shown.fonts.find((f) => fontUrl(shown.brand.id, f.path) === urlPath);
      // Only files the checked pack declares: the URL is compared, never joined onto a folder.
      return font ? font.file : null;
    },
    tileOrigins: () => activeBrand(shown.brand).map.origins,
  };

  return {
    name: 'brand',
    handlers: {
      'brand.select': async ({ id }) => {
        if (store.getState().ui.app.mode !== 'simulation') {
          throw new IntentRefused('the brand is switched live only in simulation; a head unit shows the brand it was started with', {
            key: 'brand.refused.notSimulation',
          });
        }
        const choice = await chooseBrand({ flag: id }, assetsDir, report);
        show(choice);
        applyThresholds();
        report(`brand: showing "${choice.loaded.brand.id}"${choice.fallback ? ` instead of "${id}"` : ''}`);
        return { id: choice.loaded.brand.id, fallback: choice.fallback !== undefined };
      },
    },
  };
};
