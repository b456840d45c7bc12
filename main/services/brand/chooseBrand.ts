// Picks the brand at start-up (--brand, else CABIN_BRAND, else the build's default) and falls back to the default brand, with a reason, when a pack is unusable.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { BRAND_ID, DEFAULT_BRAND_ID } from '../../../shared/brand/brandSchema';
import { builtInBrand } from '../../../shared/brand/resolvedBrand';
import { checkBrandPack, type LoadedBrand } from './brandPack';
import { formatIssue } from './brandReport';

export interface BrandRequest {
  /** `--brand ID`. */
  flag?: string;
  /** `CABIN_BRAND`. */
  env?: string;
  /** The brand a packaged build was made for (package.json "cabinBrand"), else the default. */
  packaged?: string;
}

export interface BrandFallback {
  requested: string;
  /** One line for the developer notice and the log: what was wrong, where. */
  reason: string;
}

export interface BrandChoice {
  loaded: LoadedBrand;
  /** Present when the requested brand could not be used and the default is shown instead. */
  fallback?: BrandFallback;
}

/** Brand ids this build ships: the folders under assets/brands. */
export async function listBrands(assetsDir: string): Promise<string[]> {
  const entries = await readdir(join(assetsDir, 'brands'), { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory() && BRAND_ID.test(e.name)).map((e) => e.name).sort();
}

type Attempt = { ok: true; loaded: LoadedBrand } | { ok: false; reason: string };

/** Loads one brand by id from assets/brands, or says in one line why it cannot be used. */
export async function loadBrand(id: string, assetsDir: string): Promise<Attempt> {
  if (!BRAND_ID.test(id)) return { ok: false, reason: `"${id}" is not a brand id (lower-case letters, digits and dashes)` };
  const known = await listBrands(assetsDir);
  if (!known.includes(id)) return { ok: false, reason: `no brand pack "${id}" in this build (it has ${known.join(', ') || 'none'})` };
  const report = await checkBrandPack(join(assetsDir, 'brands', id), { assetsDir });
  if (report.loaded) return { ok: true, loaded: report.loaded };
  const more = report.issues.length > 1 ? ` (and ${report.issues.length - 1} more; run "cabin brand check ${report.dir}")` : '';
  return { ok: false, reason: `brand pack "${id}" is invalid: ${formatIssue(report.issues[0], `brands/${id}/brand.json`)}${more}` };
}

/**
 * Never fails: an unusable pack falls back to the default pack, and an unusable default pack to the
 * brand built into the code. Each fallback is logged once with its reason.
 */
export async function chooseBrand(request: BrandRequest, assetsDir: string, log: (line: string) => void): Promise<BrandChoice> {
  const requested = request.flag ?? request.env ?? request.packaged ?? DEFAULT_BRAND_ID;
  const first = await loadBrand(requested, assetsDir);
  if (first.ok) return { loaded: first.loaded };
  log(`brand: ${first.reason}; showing the default brand "${DEFAULT_BRAND_ID}" instead`);
  const fallback: BrandFallback = { requested, reason: first.reason };
  if (requested !== DEFAULT_BRAND_ID) {
    const byDefault = await loadBrand(DEFAULT_BRAND_ID, assetsDir);
    if (byDefault.ok) return { loaded: byDefault.loaded, fallback };
    log(`brand: ${byDefault.reason}; showing the built-in brand`);
  }
  return { loaded: { brand: builtInBrand(), dir: null, logos: {}, fonts: [] }, fallback };
}
