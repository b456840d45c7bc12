// The renderer's CSP admits exactly the shown brand's map tile origins for images, follows a live brand switch, and pack fonts come from the app's own origin.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectRoot } from '../../test/fixtures/corpus';
import { createHost, type Host } from '../host/createHost';
import { rendererCsp } from './rendererAssets';
import { startWebServer, type WebServer } from './startWebServer';

const open: Array<Host | WebServer> = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const temp = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};

const directive = (csp: string | null, name: string) => csp?.split('; ').find((d) => d.startsWith(`${name} `));

async function serve(brand: string, appRoot = projectRoot) {
  const host = await createHost({ dataDir: temp('cabin-csp-'), version: '1', mode: 'simulation', transport: 'web', appRoot, brand: { flag: brand } });
  open.push(host);
  const renderer = temp('cabin-csp-renderer-');
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Cabin</title>');
  const server = await startWebServer({ host, rendererDir: renderer });
  open.push(server);
  return { host, server };
}

describe('the renderer CSP and the brand', () => {
  it('img-src is the app, data: logos and exactly the brand\'s tile origins', async () => {
    const { server } = await serve('voltra');
    const csp = (await fetch(`${server.origin}/`)).headers.get('content-security-policy');
    expect(directive(csp, 'img-src')).toBe(
      "img-src 'self' data: https://webrd01.is.autonavi.com https://webrd02.is.autonavi.com https://webrd03.is.autonavi.com https://webrd04.is.autonavi.com",
    );
    expect(directive(csp, 'font-src')).toBe("font-src 'self'");
    expect(directive(csp, 'default-src')).toBe("default-src 'self'");
  });

  it('follows a live brand switch from the next response on', async () => {
    const { host, server } = await serve('cabin');
    expect(directive((await fetch(`${server.origin}/`)).headers.get('content-security-policy'), 'img-src')).toBe("img-src 'self' data: https://tile.openstreetmap.org");
    await host.invoke('brand.select', { id: 'aurelia' });
    expect(directive((await fetch(`${server.origin}/`)).headers.get('content-security-policy'), 'img-src')).toBe(
      "img-src 'self' data: https://a.basemaps.cartocdn.com https://b.basemaps.cartocdn.com https://c.basemaps.cartocdn.com https://d.basemaps.cartocdn.com",
    );
  });

  it('serves a pack\'s font files from the app\'s own origin, and nothing else of the pack', async () => {
    const root = temp('cabin-csp-root-');
    cpSync(join(projectRoot, 'assets', 'brands', 'cabin'), join(root, 'assets', 'brands', 'cabin'), { recursive: true });
    cpSync(join(projectRoot, 'assets', 'locales'), join(root, 'assets', 'locales'), { recursive: true });
    const pack = join(root, 'assets', 'brands', 'cabin');
    mkdirSync(join(pack, 'fonts'));
    const font = readFileSync(join(projectRoot, 'node_modules', '@fontsource', 'inter', 'files', 'inter-latin-700-normal.woff2'));
    writeFileSync(join(pack, 'fonts', 'Acme-Bold.woff2'), font);
    const json = JSON.parse(readFileSync(join(pack, 'brand.json'), 'utf8')) as Record<string, unknown>;
    json.fonts = { text: { family: 'Acme', files: [{ path: 'fonts/Acme-Bold.woff2', weight: 700 }] } };
    writeFileSync(join(pack, 'brand.json'), JSON.stringify(json));
    const { host, server } = await serve('cabin', root);
    const [file] = host.store.getState().brand.active.fontFiles;
    expect(file).toMatchObject({ family: 'Acme', weight: 700, url: '/brand-assets/cabin/fonts/Acme-Bold.woff2' });
    const response = await fetch(`${server.origin}${file.url}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('font/woff2');
    expect(Buffer.from(await response.arrayBuffer()).equals(font)).toBe(true);
    expect((await fetch(`${server.origin}/brand-assets/cabin/brand.json`)).status).toBe(404);
    expect((await fetch(`${server.origin}/brand-assets/cabin/logos/mark.svg`)).status).toBe(404);
  });

  it('never lets an origin bend the policy', () => {
    const csp = rendererCsp({ images: ['https://tiles.example.com', "https://x.example.com; script-src 'unsafe-eval'", 'http://plain.example.com'] });
    expect(directive(csp, 'img-src')).toBe("img-src 'self' data: https://tiles.example.com");
    expect(csp).not.toContain('unsafe-eval');
  });
});
