import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_UX_THRESHOLDS } from '../../../shared/ux/restrictions';
import { projectRoot } from '../../../test/fixtures/corpus';
import { createHost, type Host, type HostOptions } from '../../host/createHost';
import { BRAND_ASSET_PATH, strictest } from './brandService';

const hosts: Host[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function temp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** An app root of its own: the shipped brand packs and locales, which a test may then break. */
function appRoot(): string {
  const root = temp('cabin-brand-root-');
  cpSync(join(projectRoot, 'assets', 'brands'), join(root, 'assets', 'brands'), { recursive: true });
  cpSync(join(projectRoot, 'assets', 'locales'), join(root, 'assets', 'locales'), { recursive: true });
  return root;
}

async function start(options: Partial<HostOptions> = {}) {
  const lines: string[] = [];
  const host = await createHost({
    dataDir: temp('cabin-brand-data-'),
    version: '1',
    mode: 'simulation',
    transport: 'none',
    appRoot: projectRoot,
    report: (line) => lines.push(line),
    ...options,
  });
  hosts.push(host);
  return { host, lines };
}

describe('the brand service', () => {
  it('shows the brand asked for, with its tokens, logos, features and tile origins, and lists the shipped brands', async () => {
    const { host, lines } = await start({ brand: { flag: 'voltra', env: 'aurelia' } });
    const brand = host.store.getState().brand;
    expect(brand.active.id).toBe('voltra');
    expect(brand.fallback).toBeNull();
    expect(brand.active.tokens.color.night.accent).toBe('#c6ff00');
    expect(brand.active.logos.mark).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(brand.active.map.origins).toEqual(['https://webrd01.is.autonavi.com', 'https://webrd02.is.autonavi.com', 'https://webrd03.is.autonavi.com', 'https://webrd04.is.autonavi.com']);
    expect(host.ports.brand!.tileOrigins()).toEqual(brand.active.map.origins);
    expect(brand.available.map((b) => b.id)).toEqual(['aurelia', 'cabin', 'ironbark', 'voltra']);
    expect(brand.available.find((b) => b.id === 'voltra')?.name).toEqual({ en: 'Voltra', 'zh-CN': '沃创' });
    expect(lines.filter((l) => l.startsWith('brand:'))).toEqual([]);
  });

  it('falls back to the default brand with the reason in the store and one log line when the pack is broken', async () => {
    const root = appRoot();
    writeFileSync(join(root, 'assets', 'brands', 'voltra', 'brand.json'), '{ "schemaVersion": 1, "id": "voltra",, }');
    const { host, lines } = await start({ appRoot: root, brand: { env: 'voltra' } });
    const brand = host.store.getState().brand;
    expect(brand.active.id).toBe('cabin');
    expect(brand.fallback).toMatchObject({ requested: 'voltra' });
    expect(brand.fallback!.reason).toMatch(/^brand pack "voltra" is invalid: brands\/voltra\/brand\.json:1:\d+: invalid JSON/);
    expect(lines.filter((l) => l.startsWith('brand:'))).toEqual([
      expect.stringMatching(/^brand: brand pack "voltra" is invalid: .*; showing the default brand "cabin" instead$/),
    ]);
  });

  it('tightens the restriction thresholds for the brand\'s market before the engine starts', async () => {
    const { host } = await start({ brand: { flag: 'ironbark' } });
    expect(host.store.getState().ux.restrictions.maxListItems).toBe(4);
  });

  it('switches brand live in simulation, and a broken pack switched to shows the default with the notice', async () => {
    const root = appRoot();
    const { host } = await start({ appRoot: root });
    expect(await host.invoke('brand.select', { id: 'aurelia' })).toEqual({ ok: true, value: { id: 'aurelia', fallback: false } });
    expect(host.store.getState().brand.active.tokens.scale['icon.strokeWidth']).toBe(1.5);
    writeFileSync(join(root, 'assets', 'brands', 'ironbark', 'brand.json'), '{}');
    expect(await host.invoke('brand.select', { id: 'ironbark' })).toEqual({ ok: true, value: { id: 'cabin', fallback: true } });
    expect(host.store.getState().brand.fallback?.reason).toMatch(/^brand pack "ironbark" is invalid: /);
    expect(await host.invoke('brand.select', { id: 'voltra' })).toMatchObject({ ok: true, value: { id: 'voltra', fallback: false } });
    expect(host.store.getState().brand.fallback).toBeNull();
  });

  it('refuses a live switch on a head unit and a malformed id before loading anything', async () => {
    const { host } = await start({ mode: 'head-unit' });
    expect(await host.invoke('brand.select', { id: 'voltra' })).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED', reason: { key: 'brand.refused.notSimulation' } } });
    expect(host.store.getState().brand.active.id).toBe('cabin');
    expect(await host.invoke('brand.select', { id: '../etc' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });

  it('serves only the shown pack\'s declared font files', async () => {
    const root = appRoot();
    const pack = join(root, 'assets', 'brands', 'cabin');
    mkdirSync(join(pack, 'fonts'));
    // Inter's own file stands in for a pack face: it draws Latin, which is all a text face must.
    cpSync(join(projectRoot, 'node_modules', '@fontsource', 'inter', 'files', 'inter-latin-400-normal.woff2'), join(pack, 'fonts', 'Acme Sans.woff2'));
    writeFileSync(join(pack, 'secret.txt'), 'not a font');
    const brandJson = join(pack, 'brand.json');
    const json = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(brandJson, 'utf8'))) as Record<string, unknown>;
    json.fonts = { text: { family: 'Acme Sans', files: [{ path: 'fonts/Acme Sans.woff2', weight: 400 }] } };
    writeFileSync(brandJson, JSON.stringify(json));
    const { host } = await start({ appRoot: root });
    const active = host.store.getState().brand.active;
    expect(host.store.getState().brand.fallback).toBeNull();
    expect(active.fontFiles).toEqual([{ family: 'Acme Sans', weight: 400, style: 'normal', url: `${BRAND_ASSET_PATH}cabin/fonts/Acme%20Sans.woff2` }]);
    expect(host.ports.brand!.assetFile(active.fontFiles[0].url)).toBe(join(pack, 'fonts', 'Acme Sans.woff2'));
    expect(host.ports.brand!.assetFile(`${BRAND_ASSET_PATH}cabin/secret.txt`)).toBeNull();
    expect(host.ports.brand!.assetFile(`${BRAND_ASSET_PATH}cabin/../cabin/fonts/Acme%20Sans.woff2`)).toBeNull();
  });
});

describe('strictest', () => {
  it('keeps the lower limits and every restriction either side asks for', () => {
    const brand = { ...DEFAULT_UX_THRESHOLDS, maxListItems: 4, restrictedWhile: { ...DEFAULT_UX_THRESHOLDS.restrictedWhile, idling: ['noKeyboard' as const] } };
    const host = { ...DEFAULT_UX_THRESHOLDS, maxStringChars: 80 };
    const both = strictest(host, brand);
    expect(both.maxListItems).toBe(4);
    expect(both.maxStringChars).toBe(80);
    expect(both.restrictedWhile.idling).toEqual(['noKeyboard', ...DEFAULT_UX_THRESHOLDS.restrictedWhile.idling].sort((a, b) => order(a) - order(b)));
  });
});

function order(r: string): number {
  return ['noKeyboard', 'limitedLists', 'limitedStrings', 'noSetup', 'noLongText', 'noVideo'].indexOf(r);
}
