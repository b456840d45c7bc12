// One running Cabin switched live through every shipped brand, by day and by night, at both head-unit sizes: Home, Charging and Swap fit without scrolling or overflowing text and pass axe-core; the low-battery warning; a broken pack shows the default brand with a notice.
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import axe from 'axe-core';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { startCabin, type CabinProcess } from './cabinProcess';
import { closeBridges, connectBridge } from './headUnit';

const BRANDS = [
  { id: 'cabin', name: 'Cabin', swap: true },
  { id: 'aurelia', name: 'Aurelia', swap: true },
  { id: 'voltra', name: 'Voltra', swap: true },
  { id: 'ironbark', name: 'Ironbark', swap: false },
] as const;
const SIZES = [
  { width: 1920, height: 720 },
  { width: 1280, height: 800 },
] as const;
const SCREENS = ['Home', 'Charging', 'Swap'] as const;
/** The simulation's dimming layer: it stands in for the backlight and is not part of the page. */
const DIMMING = '[data-simulated-backlight]';
/** README screenshots are rewritten only when asked: `CABIN_README_SCREENSHOTS=1 npx playwright test brands`. */
const README_IMAGES = process.env.CABIN_README_SCREENSHOTS === '1' ? resolve(import.meta.dirname, '..', '..', 'docs', 'images') : null;

let cabin: CabinProcess | null = null;
test.afterEach(async () => {
  closeBridges();
  if (cabin) expect(await cabin.stop()).toBe(0);
  cabin = null;
});


const dock = (page: Page) => page.getByRole('navigation');

async function openScreen(page: Page, name: string): Promise<void> {
  await dock(page).getByRole('button', { name, exact: true }).click();
  await expect(dock(page).getByRole('button', { name, exact: true })).toHaveAttribute('aria-current', 'page');
}

/** Switches the brand from the simulator's control panel, as a developer would; the page may reload for the new map tiles' CSP. */
async function switchBrand(page: Page, id: string, name: string): Promise<void> {
  await openScreen(page, 'Simulator');
  await page.getByTestId('brand-switcher').getByRole('radio', { name }).click();
  await expect(page.locator('html')).toHaveAttribute('data-brand', id);
  await expect(page.getByTestId('brand-name')).toHaveText(name);
  await openScreen(page, 'Home');
}

/**
 * Everything that does not fit: the page or any region scrolling, content cut off by a box that hides its
 * overflow, an element spilling out of its parent or the screen, a line of text wider than its box.
 */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate((dimming) => {
    const problems: string[] = [];
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''}.${String(el.className).split(' ')[0]} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    const hidden = (el: Element) => {
      if (!(el instanceof HTMLElement || el instanceof SVGElement) || !el.checkVisibility()) return true;
      if (el.closest(dimming) !== null) return true;
      // Visually hidden for screen readers (clipped to nothing), the element or any box around it.
      for (let at: Element | null = el; at; at = at.parentElement) if (getComputedStyle(at).clipPath.startsWith('inset(50%')) return true;
      return false;
    };
    const scroller = document.scrollingElement!;
    if (scroller.scrollHeight > innerHeight + 1 || scroller.scrollWidth > innerWidth + 1) problems.push(`the page scrolls (${scroller.scrollWidth}×${scroller.scrollHeight})`);
    const root = document.getElementById('root')!;
    // A map is a window onto a world that pans under it: its tiles and markers are meant to reach past the
    // window and be clipped by it. The window itself and its controls (zoom, attribution) must still fit.
    const pannedUnderMap = (el: Element) => el.closest('.leaflet-map-pane') !== null;
    const mapWindow = (el: Element) => el.classList.contains('leaflet-container');
    for (const el of root.querySelectorAll<HTMLElement>('*')) {
      if (hidden(el) || pannedUnderMap(el)) continue;
      const style = getComputedStyle(el);
      const clips = (o: string) => o !== 'visible' && !mapWindow(el);
      if (clips(style.overflowY) && el.scrollHeight > el.clientHeight + 1) problems.push(`${name(el)}: content ${el.scrollHeight - el.clientHeight} px taller than its box (overflow-y ${style.overflowY})`);
      if (clips(style.overflowX) && el.scrollWidth > el.clientWidth + 1) problems.push(`${name(el)}: content ${el.scrollWidth - el.clientWidth} px wider than its box (overflow-x ${style.overflowX})`);
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.right > innerWidth + 1 || box.bottom > innerHeight + 1 || box.left < -1 || box.top < -1) problems.push(`${name(el)}: off the screen`);
      // An absolutely placed box sits in its positioned ancestor, not in the (possibly zero-sized) element around it.
      const parent = style.position === 'absolute' ? el.offsetParent : el.parentElement;
      if (parent && parent !== root && style.display !== 'inline' && style.position !== 'fixed') {
        const p = parent.getBoundingClientRect();
        if (box.right > p.right + 1 || box.bottom > p.bottom + 1 || box.left < p.left - 1 || box.top < p.top - 1) problems.push(`${name(el)}: spills out of ${name(parent)}`);
      }
    }
    // Lines of text wider than the block they sit in.
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || !node.textContent?.trim() || hidden(el) || pannedUnderMap(el)) continue;
      let block: HTMLElement = el;
      while (getComputedStyle(block).display === 'inline' && block.parentElement) block = block.parentElement;
      const limit = block.getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const line of range.getClientRects()) {
        if (line.right > limit.right + 1 || line.left < limit.left - 1) problems.push(`text "${node.textContent.trim().slice(0, 40)}" is wider than ${name(block)}`);
      }
    }
    return [...new Set(problems)];
  }, DIMMING);
}

/** axe-core on the page as the driver sees it, the dimming layer left out; serious and critical violations only. */
async function axeViolations(page: Page): Promise<{ violations: string[]; contrastChecked: number }> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  return page.evaluate(async (dimming) => {
    // The layer changes pixels, not colours: axe would measure the veil (and report every text as "overlapped"),
    // so it is taken out of the page while axe looks, and out of axe's scope as well.
    const layer = document.querySelector<HTMLElement>(dimming);
    const shown = layer?.style.display ?? '';
    if (layer) layer.style.display = 'none';
    const result = await (window as unknown as { axe: typeof axe }).axe
      .run({ exclude: [[dimming]] }, { resultTypes: ['violations', 'passes'] })
      .finally(() => {
        if (layer) layer.style.display = shown;
      });
    const violations = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1).join(' ')}`).join('; ')}`);
    const contrastChecked = result.passes.find((p) => p.id === 'color-contrast')?.nodes.length ?? 0;
    return { violations, contrastChecked };
  }, DIMMING);
}

async function checkScreen(page: Page, testInfo: TestInfo, label: string): Promise<void> {
  // Fonts in place before measuring: a fallback face has other widths.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  // And colours settled: a dock entry half-way through its transition to "selected" has neither colour pair.
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)).then(() => undefined));
  expect(await layoutProblems(page), `${label}: fits without scrolling or overflowing text`).toEqual([]);
  const { violations, contrastChecked } = await axeViolations(page);
  expect(violations, `${label}: axe-core`).toEqual([]);
  // Contrast was really judged on this screen, not skipped.
  expect(contrastChecked, `${label}: colour contrast checked`).toBeGreaterThan(3);
  await page.screenshot({ path: testInfo.outputPath(`${label}.png`) });
}

test('one Cabin switched live through every brand, by day and by night, at 1920×720 and 1280×800: Home, Charging and Swap fit and pass axe-core', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'head-unit-1920x720', 'the test sets both head-unit sizes itself, on one running app');
  test.setTimeout(15 * 60_000);
  cabin = await startCabin();
  const invoke = await connectBridge(cabin.url);
  // A car on the move with some charge used: the strip shows a speed, a gear and a drive mode.
  expect((await invoke('sim.override', { gear: 'D' })).ok).toBe(true);
  expect((await invoke('sim.override', { speed: 62 })).ok).toBe(true);
  expect((await invoke('sim.override', { soc: 64 })).ok).toBe(true);
  await page.goto(cabin.url);
  await expect(page.getByTestId('gear')).toContainText('D');
  if (README_IMAGES) await mkdir(README_IMAGES, { recursive: true });

  for (const brand of BRANDS) {
    await switchBrand(page, brand.id, brand.name);
    // A brand without swap does not offer the screen at all.
    await expect(dock(page).getByRole('button', { name: 'Swap', exact: true })).toHaveCount(brand.swap ? 1 : 0);
    for (const theme of ['day', 'night'] as const) {
      expect((await invoke('settings.update', { themeMode: theme })).ok).toBe(true);
      await expect(page.locator('[data-theme]')).toHaveAttribute('data-theme', theme);
      for (const size of SIZES) {
        await page.setViewportSize(size);
        // Settings too: brightness used to sit below the fold at 1920×720.
        for (const screen of [...SCREENS, 'Settings'] as const) {
          if (screen === 'Swap' && !brand.swap) continue;
          await openScreen(page, screen);
          await checkScreen(page, testInfo, `${brand.id}-${theme}-${size.width}x${size.height}-${screen.toLowerCase()}`);
        }
        if (README_IMAGES && size.width === 1920) {
          await openScreen(page, 'Home');
          // The brand's own colours, as a head unit's panel shows them: without the simulation's stand-in dimming.
          await page.locator(DIMMING).evaluate((el) => ((el as HTMLElement).style.display = 'none'));
          await page.screenshot({ path: resolve(README_IMAGES, `brand-${brand.id}-${theme}.png`) });
          await page.locator(DIMMING).evaluate((el) => ((el as HTMLElement).style.display = ''));
        }
      }
    }
  }

  // Chinese, for the brand made for that market.
  await switchBrand(page, 'voltra', 'Voltra');
  expect((await invoke('settings.update', { language: 'zh-CN', themeMode: 'night' })).ok).toBe(true);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const [screen, label] of [['主页', 'home'], ['充电', 'charging'], ['换电', 'swap']] as const) {
      await openScreen(page, screen);
      await checkScreen(page, testInfo, `voltra-zh-CN-night-${size.width}x${size.height}-${label}`);
    }
  }
  // Two-digit hours in Chinese as in English.
  await expect(page.getByRole('banner').locator('time')).toHaveText(/^\d{2}:\d{2}$/);
});

test('at 11 % on the road Home shows the red battery warning; details and climate are one tap away', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'head-unit-1920x720', 'one size is enough for the warning; the sweep above covers both');
  cabin = await startCabin();
  const invoke = await connectBridge(cabin.url);
  await page.goto(cabin.url);
  await expect(page.getByTestId('gear')).toContainText('P');
  await expect(page.getByTestId('battery-warning')).toHaveCount(0);
  expect((await invoke('sim.override', { gear: 'D' })).ok).toBe(true);
  expect((await invoke('sim.override', { speed: 90 })).ok).toBe(true);
  expect((await invoke('sim.override', { soc: 11 })).ok).toBe(true);
  await expect.poll(async () => Number((await page.getByTestId('speed').textContent())?.match(/\d+/)?.[0] ?? 0), { timeout: 30_000 }).toBeGreaterThan(60);
  const soc = page.getByTestId('soc');
  await expect(soc).toContainText('11%');
  await expect(soc).toHaveAttribute('data-level', 'critical');
  const warning = page.getByTestId('battery-warning');
  await expect(warning).toHaveAttribute('data-level', 'critical');
  await expect(warning).toContainText('Battery critically low (11%)');
  // Red means red: the warning is drawn on the danger colour.
  const [fill, danger] = await warning.evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(document.documentElement).getPropertyValue('--cabin-color-danger')]);
  expect(fill).toBe(hexToRgb(danger));
  // When a feature registers the low-battery options panel, Home shows it in place of the car card, with one-tap options.
  const panel = page.locator('[data-panel]');
  if ((await panel.getAttribute('data-panel')) !== 'car') await expect(panel.getByRole('button').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('low-battery-moving.png') });

  // Climate while moving: the write path allows it; the read-back shows the car followed.
  const setpoint = page.getByTestId('setpoint');
  const before = Number((await setpoint.textContent())?.match(/\d+/)?.[0]);
  await page.getByRole('button', { name: 'Warmer' }).click();
  await expect(setpoint).toHaveText(`${before + 1}°C`);
  await expect(setpoint).toHaveAttribute('data-pending', 'false');
  await page.getByRole('button', { name: 'Details' }).click();
  await expect(page.getByRole('dialog', { name: 'Vehicle details' }).getByTestId('low-voltage')).toContainText(/\d+\.\d V/);
});

test('About pages its licence list to the screen instead of scrolling, for the largest and the default type', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'head-unit-1920x720', 'the test sets both head-unit sizes itself');
  test.setTimeout(5 * 60_000);
  cabin = await startCabin();
  await page.goto(cabin.url);
  // Parked: the licence texts are for reading when the car stands still.
  await expect(page.getByTestId('gear')).toContainText('P');
  for (const brand of [BRANDS[0], BRANDS[3]]) {
    await switchBrand(page, brand.id, brand.name);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await openScreen(page, 'Settings');
      await page.getByRole('button', { name: 'About Cabin' }).click();
      const pager = page.getByRole('group', { name: /^Page 1 of \d+$/ });
      await expect(pager).toBeVisible();
      const rows = await page.getByTestId('license-list').getByRole('listitem').count();
      expect(rows).toBeGreaterThan(1);
      await checkScreen(page, testInfo, `${brand.id}-${size.width}x${size.height}-about`);
      await pager.getByRole('button', { name: 'Next page' }).click();
      await expect(page.getByRole('group', { name: /^Page 2 of \d+$/ })).toBeVisible();
      await checkScreen(page, testInfo, `${brand.id}-${size.width}x${size.height}-about-page-2`);
      // A licence text opens in the list's place, scrolling inside its own focusable pane.
      await page.getByTestId('license-list').getByRole('button', { name: 'Show licence text' }).first().click();
      await expect(page.getByTestId('license-list').locator('pre')).toBeVisible();
      await page.getByTestId('license-list').getByRole('button', { name: 'Hide licence text' }).click();
    }
  }
});

test('a brand pack that cannot be used shows the default brand with a developer notice, never a blank screen', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'head-unit-1920x720', 'the notice does not depend on the size');
  cabin = await startCabinWithEnv({ CABIN_BRAND: 'no-such-brand' });
  await page.goto(cabin.url);
  await expect(page.locator('html')).toHaveAttribute('data-brand', 'cabin');
  const notice = page.getByTestId('brand-notice');
  await expect(notice).toContainText('the brand pack "no-such-brand" could not be used');
  await expect(notice).toContainText('no brand pack "no-such-brand" in this build');
  await expect(page.getByTestId('speed')).toBeVisible();
  expect(cabin.stderr()).toMatch(/brand: no brand pack "no-such-brand" in this build .*; showing the default brand "cabin" instead/);
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
});

function hexToRgb(hex: string): string {
  const h = hex.trim().replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h.slice(0, 6);
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

async function startCabinWithEnv(env: Record<string, string>): Promise<CabinProcess> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await startCabin();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
