// Derives a brand's electron-builder configuration from electron-builder.yml: product name, app id, icons, artifact names, assets.
import { DEFAULT_BRAND_ID } from '../../../shared/brand/brandSchema';
import type { ResolvedBrand } from '../../../shared/brand/resolvedBrand';

/** Sizes electron-builder wants for Linux icons (a folder of NxN.png). */
export const ICON_SIZES = [16, 32, 48, 64, 128, 256, 512] as const;

export interface PackagingInput {
  /** electron-builder.yml, parsed. */
  base: Record<string, unknown>;
  brand: Pick<ResolvedBrand, 'id' | 'name' | 'appId'>;
  /** Folders under assets/ (the build ships all but other brands' packs). */
  assetFolders: string[];
  /** Where the rasterised icons are, relative to the project root. */
  iconDir: string;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
}

/**
 * The default brand keeps the names it has today (cabin, Cabin); any other brand gets its own
 * package name, executable, desktop entry, user-data folder (Electron derives it from productName)
 * and output folder, so two brands' packages install side by side.
 */
export function packagingConfig({ base, brand, assetFolders, iconDir }: PackagingInput): Record<string, unknown> {
  const isDefault = brand.id === DEFAULT_BRAND_ID;
  const packageName = isDefault ? 'cabin' : brand.id;
  const productName = brand.name.en;
  const linux = record(base.linux);
  const desktop = record(linux.desktop);
  const entry = record(desktop.entry);
  const files = Array.isArray(base.files) ? (base.files as string[]) : [];
  // Every asset folder but brands/, then only the default pack (the fallback) and this brand's.
  const assetPatterns = [
    ...assetFolders.filter((f) => f !== 'brands').map((f) => `assets/${f}/**/*`),
    ...[...new Set([DEFAULT_BRAND_ID, brand.id])].map((id) => `assets/brands/${id}/**/*`),
  ];
  return {
    ...base,
    appId: brand.appId,
    productName,
    // Read by the app at start-up: the brand it shows when neither --brand nor CABIN_BRAND says otherwise.
    extraMetadata: { ...record(base.extraMetadata), name: packageName, productName, cabinBrand: brand.id },
    directories: { ...record(base.directories), output: `dist/${brand.id}` },
    files: files.flatMap((pattern) => (pattern === 'assets/**/*' ? assetPatterns : [pattern])),
    linux: {
      ...linux,
      executableName: packageName,
      icon: iconDir,
      synopsis: `${productName} in-vehicle infotainment`,
      desktop: { ...desktop, entry: { ...entry, Name: productName, StartupWMClass: productName } },
    },
    appImage: { ...record(base.appImage), artifactName: `${brand.id}-\${version}-\${arch}.\${ext}` },
    deb: { ...record(base.deb), artifactName: `${packageName}_\${version}_\${arch}.\${ext}` },
  };
}

/** The brand a packaged build was made for, from its package.json; undefined for a plain checkout. */
export function packagedBrand(packageJson: unknown): string | undefined {
  const value = record(packageJson).cabinBrand;
  return typeof value === 'string' ? value : undefined;
}
