import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtInBrand } from '../../../shared/brand/resolvedBrand';
import { projectRoot } from '../../../test/fixtures/corpus';
import { chooseBrand, listBrands } from './chooseBrand';

let assets = '';
let logged: string[] = [];
const log = (line: string) => logged.push(line);

beforeEach(() => {
  assets = mkdtempSync(join(tmpdir(), 'cabin-choose-brand-'));
  cpSync(join(projectRoot, 'assets', 'brands'), join(assets, 'brands'), { recursive: true });
  cpSync(join(projectRoot, 'assets', 'locales'), join(assets, 'locales'), { recursive: true });
  logged = [];
});
afterEach(() => rmSync(assets, { recursive: true, force: true }));

describe('chooseBrand', () => {
  it('takes --brand, else CABIN_BRAND, else the packaged brand, else the default', async () => {
    expect((await chooseBrand({ flag: 'voltra', env: 'aurelia', packaged: 'ironbark' }, assets, log)).loaded.brand.id).toBe('voltra');
    expect((await chooseBrand({ env: 'aurelia', packaged: 'ironbark' }, assets, log)).loaded.brand.id).toBe('aurelia');
    expect((await chooseBrand({ packaged: 'ironbark' }, assets, log)).loaded.brand.id).toBe('ironbark');
    const plain = await chooseBrand({}, assets, log);
    expect(plain.loaded.brand.id).toBe('cabin');
    expect(plain.fallback).toBeUndefined();
    expect(logged).toEqual([]);
  });

  it('loads the pack\'s logos as data URLs and its tokens resolved', async () => {
    const { loaded } = await chooseBrand({ flag: 'ironbark' }, assets, log);
    expect(loaded.logos.mark).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(loaded.logos.mark!.split(',')[1], 'base64').toString()).toContain('<svg');
    expect(loaded.brand.features.swap).toBe(false);
    expect(loaded.brand.tokens.scale['size.touchTarget']).toBe(88);
    expect(loaded.brand.drivingRestrictions.maxListItems).toBe(4);
    expect(loaded.dir).toBe(join(assets, 'brands', 'ironbark'));
  });

  it('falls back to the default brand, with the reason, when the pack is invalid', async () => {
    writeFileSync(join(assets, 'brands', 'voltra', 'brand.json'), '{\n  "schemaVersion": 1,\n  "id": "voltra",,\n}');
    const choice = await chooseBrand({ flag: 'voltra' }, assets, log);
    expect(choice.loaded.brand.id).toBe('cabin');
    expect(choice.loaded.logos.mark).toBeDefined();
    expect(choice.fallback).toEqual({
      requested: 'voltra',
      reason: 'brand pack "voltra" is invalid: brands/voltra/brand.json:3:18: invalid JSON: expected a property name in double quotes, found ","',
    });
    expect(logged).toEqual([`brand: ${choice.fallback!.reason}; showing the default brand "cabin" instead`]);
  });

  it('falls back for an unknown brand or an id that is not one, naming what the build has', async () => {
    const unknown = await chooseBrand({ env: 'nope' }, assets, log);
    expect(unknown.loaded.brand.id).toBe('cabin');
    expect(unknown.fallback?.reason).toBe('no brand pack "nope" in this build (it has aurelia, cabin, ironbark, voltra)');
    expect((await chooseBrand({ flag: '../etc' }, assets, log)).fallback?.reason).toBe('"../etc" is not a brand id (lower-case letters, digits and dashes)');
  });

  it('counts every problem of an invalid pack in the one-line reason', async () => {
    const file = join(assets, 'brands', 'aurelia', 'brand.json');
    const pack = JSON.parse((await import('node:fs')).readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...pack, features: { teleport: true }, logos: { mark: 'logos/gone.svg' } }, null, 2));
    const { fallback } = await chooseBrand({ flag: 'aurelia' }, assets, log);
    expect(fallback?.reason).toMatch(/^brand pack "aurelia" is invalid: brands\/aurelia\/brand\.json:\d+:\d+: logos\.mark: logos\/gone\.svg is missing \(no such file\) \(and 1 more; run "cabin brand check .*aurelia"\)$/);
  });

  it('shows the built-in brand when even the default pack is broken, never nothing', async () => {
    writeFileSync(join(assets, 'brands', 'cabin', 'brand.json'), '');
    writeFileSync(join(assets, 'brands', 'voltra', 'brand.json'), '[]');
    const choice = await chooseBrand({ flag: 'voltra' }, assets, log);
    expect(choice.loaded).toEqual({ brand: builtInBrand(), dir: null, logos: {}, fonts: [] });
    expect(choice.fallback?.reason).toBe('brand pack "voltra" is invalid: brands/voltra/brand.json:1:1: brand.json must hold one JSON object');
    expect(logged).toHaveLength(2);
    expect(logged[1]).toBe('brand: brand pack "cabin" is invalid: brands/cabin/brand.json: brand.json is empty; showing the built-in brand');
  });

  it('lists the brands this build ships', async () => {
    expect(await listBrands(assets)).toEqual(['aurelia', 'cabin', 'ironbark', 'voltra']);
    expect(await listBrands(join(assets, 'nowhere'))).toEqual([]);
  });
});
