// Loads and checks a brand pack folder: brand.json (located errors), then its logos and fonts from disk.
import { stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { LOGO_SLOTS, fontFaceSchema, logosSchema, type FontFace, type LogoSlot } from '../../../shared/brand/brandSchema';
import { validateBrandFile, type BrandIssue } from '../../../shared/brand/brandValidation';
import type { ContrastResult } from '../../../shared/brand/contrastPairs';
import { parseLocatedJson, type JsonLocation } from '../../../shared/brand/locatedJson';
import type { ResolvedBrand } from '../../../shared/brand/resolvedBrand';
import { glyphLookup } from './cmapCoverage';
import { chineseCharactersInUse } from './cjkReference';
import { FontFormatError, readFontTable } from './fontTables';
import { formatBytes, readPackFile } from './packFiles';
import { checkSvgLogo } from './svgLogo';

/** Limits checked before reading: a pack is configuration, not a place for large files. */
export const PACK_LIMITS = { brandJson: 256 * 1024, logo: 256 * 1024, font: 24 * 1024 * 1024 } as const;

export interface LocatedIssue extends BrandIssue {
  /** Where in brand.json (the member that names an asset, for asset problems). */
  location?: JsonLocation;
}

export interface PackFontFile {
  family: string;
  weight: number;
  style: 'normal' | 'italic';
  /** Absolute path on disk. */
  file: string;
  /** Path inside the pack, as brand.json gives it. */
  path: string;
}

/** A brand ready to show: the resolved brand plus what its files hold. */
export interface LoadedBrand {
  brand: ResolvedBrand;
  /** Absolute folder of the pack; null for the built-in brand. */
  dir: string | null;
  /** Logos as data: URLs (the renderer's CSP admits data: images), by slot. */
  logos: Partial<Record<LogoSlot, string>>;
  fonts: PackFontFile[];
}

export interface PackReport {
  dir: string;
  brandFile: string;
  issues: LocatedIssue[];
  contrast: ContrastResult[];
  /** Present only when the pack has no issue at all. */
  loaded: LoadedBrand | null;
}

export interface CheckOptions {
  /** assets/ of this build: the zh-CN locale a CJK face must cover. */
  assetsDir: string;
}

function plainObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

async function checkLogos(dir: string, raw: unknown, issues: BrandIssue[]): Promise<Partial<Record<LogoSlot, string>>> {
  const logos: Partial<Record<LogoSlot, string>> = {};
  const entries = plainObject(raw);
  for (const slot of LOGO_SLOTS) {
    const path = entries[slot];
    // Only paths the schema accepts are opened; the schema has already reported the others.
    if (typeof path !== 'string' || !logosSchema.shape[slot].safeParse(path).success) continue;
    const read = await readPackFile(dir, path, PACK_LIMITS.logo, 'a logo');
    if (!read.ok) {
      issues.push({ category: 'asset', path: ['logos', slot], message: read.message, file: path });
      continue;
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(read.bytes);
    } catch {
      issues.push({ category: 'asset', path: ['logos', slot], message: `${path} is not UTF-8 text, so not an SVG`, file: path });
      continue;
    }
    const svg = checkSvgLogo(text, { square: slot === 'mark' || slot === 'markNight' });
    for (const problem of svg.problems) issues.push({ category: 'asset', path: ['logos', slot], message: `${path} ${problem}`, file: path });
    if (svg.problems.length === 0) logos[slot] = `data:image/svg+xml;base64,${read.bytes.toString('base64')}`;
  }
  return logos;
}

async function checkFonts(dir: string, raw: unknown, issues: BrandIssue[], options: CheckOptions): Promise<PackFontFile[]> {
  const fonts: PackFontFile[] = [];
  const faces = plainObject(raw);
  let chinese: string[] | null = null;
  for (const role of ['text', 'cjk'] as const) {
    const parsed = fontFaceSchema.safeParse(faces[role]);
    if (!parsed.success || !parsed.data.files) continue;
    const face: FontFace = parsed.data;
    for (const [index, file] of parsed.data.files.entries()) {
      const at = ['fonts', role, 'files', index, 'path'];
      const read = await readPackFile(dir, file.path, PACK_LIMITS.font, 'a font');
      if (!read.ok) {
        issues.push({ category: 'asset', path: at, message: read.message, file: file.path });
        continue;
      }
      let has: (cp: number) => boolean;
      try {
        const cmap = readFontTable(read.bytes, 'cmap');
        if (!cmap) throw new FontFormatError('the font has no character map (cmap table)');
        has = glyphLookup(cmap);
      } catch (error) {
        const why = error instanceof FontFormatError ? error.message : `cannot be decoded (${String(error)})`;
        issues.push({ category: 'font', path: at, message: `${file.path}: ${why}`, file: file.path });
        continue;
      }
      // A face must draw Latin at least; the CJK face must draw every Chinese character Cabin shows.
      const latinMissing = [...'Cabin0123456789'].filter((ch) => !has(ch.codePointAt(0)!));
      if (latinMissing.length) issues.push({ category: 'font', path: at, message: `${file.path} has no glyphs for ${latinMissing.join('')}`, file: file.path });
      if (role === 'cjk') {
        chinese ??= await chineseCharactersInUse(options.assetsDir);
        const missing = chinese.filter((ch) => !has(ch.codePointAt(0)!));
        if (missing.length) {
          issues.push({
            category: 'font',
            path: at,
            message:
              `${file.path} does not cover Chinese: it lacks ${missing.length} of the ${chinese.length} characters Cabin shows ` +
              `(e.g. ${missing.slice(0, 8).join('')}); ship a face that covers them, or drop fonts.cjk to fall back to the bundled Noto Sans SC`,
            file: file.path,
          });
        }
      }
      fonts.push({ family: face.family, weight: file.weight, style: file.style, file: resolve(dir, file.path), path: file.path });
    }
  }
  return fonts;
}

/** Checks everything about the pack in `dir` and, when nothing is wrong, returns it loaded. */
export async function checkBrandPack(dirArg: string, options: CheckOptions): Promise<PackReport> {
  const dir = resolve(dirArg);
  const brandFile = join(dir, 'brand.json');
  const report = (issues: LocatedIssue[], contrast: ContrastResult[] = []): PackReport => ({ dir, brandFile, issues, contrast, loaded: null });
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) return report([{ category: 'asset', path: [], message: `${dir} is not a folder (a brand pack is a folder with brand.json in it)` }]);
  const read = await readPackFile(dir, 'brand.json', PACK_LIMITS.brandJson, 'brand.json');
  if (!read.ok) return report([{ category: 'asset', path: [], message: read.message }]);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(read.bytes);
  } catch {
    return report([{ category: 'json', path: [], message: `brand.json is not UTF-8 text (${formatBytes(read.size)})` }]);
  }
  const json = parseLocatedJson(text);
  if (!json.ok) {
    const { line, col, message } = json.error;
    return report([{ category: 'json', path: [], message: `invalid JSON: ${message}`, location: { line, col } }]);
  }
  const validation = validateBrandFile(json.value);
  const issues: BrandIssue[] = [...validation.issues];
  const brand = validation.brand;
  if (brand && brand.id !== basename(dir)) {
    issues.push({ category: 'schema', path: ['id'], message: `"${brand.id}" is not the pack's folder name "${basename(dir)}"; Cabin finds a brand by its folder` });
  }
  const raw = plainObject(json.value);
  const logos = await checkLogos(dir, raw.logos, issues);
  const fonts = await checkFonts(dir, raw.fonts, issues, options);
  const located = issues.map((issue): LocatedIssue => ({ ...issue, location: json.locate(issue.path) }));
  // In file order, so a reader can walk down brand.json fixing them.
  located.sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.col ?? 0) - (b.location?.col ?? 0));
  return {
    dir,
    brandFile,
    issues: located,
    contrast: validation.contrast,
    loaded: located.length === 0 && brand ? { brand, dir, logos, fonts } : null,
  };
}
