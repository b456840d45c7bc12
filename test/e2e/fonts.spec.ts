// The UI fonts ship with the app: on a machine without a CJK font, Chinese still renders, from faces the app serves itself.
import { expect, test, type Browser } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { packagedChromium } from '../../scripts/findBrowser.mjs';
import { startCabin, type CabinProcess } from './cabinProcess';

let cabin: CabinProcess | null = null;
let noFonts: string | null = null;
let browser: Browser | null = null;
test.afterEach(async () => {
  await browser?.close();
  browser = null;
  if (cabin) expect(await cabin.stop()).toBe(0);
  cabin = null;
  if (noFonts) await rm(noFonts, { recursive: true, force: true });
  noFonts = null;
});

/**
 * A fontconfig that knows one Latin-only font and no CJK font: what a head-unit image without CJK fonts
 * looks like to Chromium. On this machine's own fontconfig (Debian's Chromium pulls in Noto CJK) Chinese
 * would render whatever the app bundles. The font is Open Sans, which the packaged test browser ships.
 * (Chromium fails every web font when the system has no font at all, so "none" is not a useful test.)
 */
async function fontconfigWithoutCjk(): Promise<string> {
  const packaged = await packagedChromium();
  if (!packaged) throw new Error('@sparticuz/chromium is not installed: it provides the Latin-only system font for this test');
  noFonts = await mkdtemp(join(tmpdir(), 'cabin-no-cjk-fonts-'));
  const file = join(noFonts, 'fonts.conf');
  const latinOnly = join(dirname(packaged.path), 'fonts', 'fonts');
  await writeFile(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>${latinOnly}</dir><cachedir>${join(noFonts, 'cache')}</cachedir></fontconfig>\n`,
  );
  return file;
}

/** Pixels drawn by text in `font` on a canvas: 0 when no available face has the glyphs. */
const INK = `(font) => {
  const canvas = document.createElement('canvas');
  canvas.width = 200;
  canvas.height = 80;
  const ctx = canvas.getContext('2d');
  ctx.font = font;
  ctx.fillText('设置语言', 4, 60);
  const data = ctx.getImageData(0, 0, 200, 80).data;
  let ink = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) ink++;
  return ink;
}`;

test('with zh-CN on a system without a CJK font, Chinese is drawn by the bundled Noto Sans SC served by the app', async ({ playwright }, testInfo) => {
  cabin = await startCabin();
  const origin = new URL(cabin.url).origin;
  const launched = await playwright.chromium.launch({ ...testInfo.project.use.launchOptions, env: { ...process.env, FONTCONFIG_FILE: await fontconfigWithoutCjk() } });
  browser = launched;
  const page = await launched.newPage({ viewport: testInfo.project.use.viewport ?? undefined });
  // Offline: nothing comes from anywhere but the app (map tiles just fail), and no font is even asked for elsewhere.
  const fontsElsewhere: string[] = [];
  await page.route('**/*', (route) => {
    if (new URL(route.request().url()).origin === origin) return route.continue();
    if (route.request().resourceType() === 'font') fontsElsewhere.push(route.request().url());
    return route.abort();
  });
  const fontResponses: Array<{ url: string; type: string | undefined }> = [];
  page.on('response', (r) => {
    if (/\.woff2?$/.test(new URL(r.url()).pathname)) fontResponses.push({ url: r.url(), type: r.headers()['content-type'] });
  });
  const response = await page.goto(cabin.url);
  expect(response!.headers()['content-security-policy']).toContain("font-src 'self'");

  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: '简体中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  const title = page.getByRole('heading', { name: '设置', level: 1 });
  await expect(title).toBeVisible();
  await page.evaluate(() => document.fonts.ready.then(() => undefined));

  const faces = await page.evaluate(() =>
    [...document.fonts].filter((f) => f.status === 'loaded').map((f) => ({ family: f.family.replace(/"/g, ''), weight: f.weight })),
  );
  expect(faces).toContainEqual({ family: 'Noto Sans SC', weight: '400' });
  expect(faces).toContainEqual({ family: 'Inter', weight: '400' });
  // Every declared source of the bundled faces is a file the app serves, never a font looked up on the system.
  const sources = await page.evaluate(() =>
    [...document.styleSheets].flatMap((sheet) =>
      [...sheet.cssRules].filter((r): r is CSSFontFaceRule => r instanceof CSSFontFaceRule).map((r) => r.style.getPropertyValue('src')),
    ),
  );
  expect(sources.length).toBeGreaterThan(100);
  expect(sources.filter((s) => /local\(/.test(s))).toEqual([]);
  const cjk = fontResponses.filter((r) => r.url.includes('noto-sans-sc'));
  expect(cjk.length).toBeGreaterThan(0);
  for (const r of fontResponses) {
    expect(new URL(r.url).origin).toBe(origin);
    expect(r.type).toBe('font/woff2');
  }
  // unicode-range slices: the page fetched only the few it needs, not the whole family.
  expect(cjk.length).toBeLessThan(40);
  expect(fontsElsewhere).toEqual([]);

  // The glyphs are really there: the bundled face puts ink on a canvas where this system's own font draws
  // only replacement boxes, and the heading looks different in that font.
  expect(await page.evaluate(`(${INK})('40px "Noto Sans SC"')`)).toBeGreaterThan(500);
  const shown = await title.screenshot();
  await title.evaluate((el) => (el.style.fontFamily = '"Open Sans"'));
  await expect.poll(() => title.evaluate((el) => getComputedStyle(el).fontFamily)).toBe('"Open Sans"');
  const withoutCjk = await title.screenshot();
  expect(withoutCjk.equals(shown)).toBe(false);
  await testInfo.attach('zh-CN heading, bundled font', { body: shown, contentType: 'image/png' });
  await testInfo.attach('zh-CN heading, a system font without CJK glyphs', { body: withoutCjk, contentType: 'image/png' });
});
