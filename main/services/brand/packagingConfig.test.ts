import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectRoot } from '../../../test/fixtures/corpus';
import { packagedBrand, packagingConfig } from './packagingConfig';

const base = parse(readFileSync(join(projectRoot, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
const assetFolders = ['brands', 'locales', 'vehicles', 'scenarios'];

describe('packagingConfig', () => {
  it('names the product, app id, executable, icons and artifacts after the brand', () => {
    const config = packagingConfig({ base, brand: { id: 'voltra', name: { en: 'Voltra', 'zh-CN': '沃创' }, appId: 'com.voltra.cabin' }, assetFolders, iconDir: 'dist/.brands/voltra/icons' });
    expect(config).toMatchObject({
      appId: 'com.voltra.cabin',
      productName: 'Voltra',
      extraMetadata: { name: 'voltra', productName: 'Voltra', cabinBrand: 'voltra' },
      directories: { output: 'dist/voltra', buildResources: 'build' },
      linux: { executableName: 'voltra', icon: 'dist/.brands/voltra/icons', desktop: { entry: { Name: 'Voltra', StartupWMClass: 'Voltra', Terminal: 'false' } } },
      appImage: { artifactName: 'voltra-${version}-${arch}.${ext}' },
      deb: { artifactName: 'voltra_${version}_${arch}.${ext}' },
    });
    // The rest of electron-builder.yml is kept (targets, deb dependencies, ASAR).
    expect((config.linux as { target: unknown }).target).toEqual((base.linux as { target: unknown }).target);
    expect(config.asar).toBe(true);
    expect((config.deb as { depends: string[] }).depends).toContain('libnss3');
  });

  it('ships the default pack (the fallback) and this brand, no other brand', () => {
    const config = packagingConfig({ base, brand: { id: 'aurelia', name: { en: 'Aurelia', 'zh-CN': '奥瑞莉亚' }, appId: 'com.aurelia.cabin' }, assetFolders, iconDir: 'x' });
    const files = config.files as string[];
    expect(files).not.toContain('assets/**/*');
    expect(files).toEqual(expect.arrayContaining(['out/**/*', 'assets/locales/**/*', 'assets/vehicles/**/*', 'assets/brands/cabin/**/*', 'assets/brands/aurelia/**/*']));
    expect(files.filter((f) => f.startsWith('assets/brands/'))).toEqual(['assets/brands/cabin/**/*', 'assets/brands/aurelia/**/*']);
  });

  it('keeps the default brand\'s package and executable names', () => {
    const config = packagingConfig({ base, brand: { id: 'cabin', name: { en: 'Cabin', 'zh-CN': 'Cabin' }, appId: 'org.cabin.app' }, assetFolders, iconDir: 'x' });
    expect(config).toMatchObject({ productName: 'Cabin', linux: { executableName: 'cabin' }, extraMetadata: { name: 'cabin', cabinBrand: 'cabin' } });
    expect((config.files as string[]).filter((f) => f.startsWith('assets/brands/'))).toEqual(['assets/brands/cabin/**/*']);
  });

  it('reads the packaged brand back from package.json', () => {
    expect(packagedBrand({ name: 'voltra', cabinBrand: 'voltra' })).toBe('voltra');
    expect(packagedBrand({ name: 'cabin' })).toBeUndefined();
    expect(packagedBrand(null)).toBeUndefined();
  });
});
