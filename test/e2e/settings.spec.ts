// The app loads in the browser simulation; language, units and clock round-trip through the host and survive a restart.
import { expect, test, type Page } from '@playwright/test';
import { startCabin, type CabinProcess } from './cabinProcess';

let cabin: CabinProcess | null = null;
test.afterEach(async () => {
  expect(await cabin?.stop()).toBe(0);
  cabin = null;
});

const dockButton = (page: Page, name: string | RegExp) => page.getByRole('navigation').getByRole('button', { name });
/** What a finger can press: each must be a touch target. */
const CONTROLS = 'button, [role="radio"], [role="checkbox"], [role="switch"], a[href]';

/** Text of every visible element that has its own text (not inherited from children). */
async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const el = node.parentElement;
      // translate="no" marks data (signal names, scenario ids) that reads the same in every language.
      if (!text || !el || el.closest('[data-testid="license-list"], [translate="no"]')) continue;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none') out.push(text);
    }
    return out;
  });
}

/** Latin words a Chinese screen may still show: product and standard names, endonyms, SI unit symbols, gear letters. */
const ALLOWED_LATIN = new Set(['Cabin', 'English', 'COVESA', 'VSS', 'DBC', 'CAN', 'Vehicle', 'Signal', 'Specification', 'MPL', 'km', 'mi', 'kW', 'kWh', 'W', 'V', 'A', 'm', 'mm', 's', 'h', 'P', 'R', 'N', 'D', 'C', 'F', 'AM', 'PM']);

test('the app loads with a status bar, a dock of big touch targets, and Home', async ({ page }) => {
  cabin = await startCabin();
  await page.goto(cabin.url);
  await expect(page.getByRole('banner').locator('time')).toHaveText(/^\d{1,2}:\d{2}$/);
  await expect(page.getByRole('banner')).toContainText('Simulation');
  for (const name of ['Home', 'Profiles', 'Charging', 'Swap', 'Settings']) {
    const box = await dockButton(page, name).boundingBox();
    expect(box!.width, name).toBeGreaterThanOrEqual(76);
    expect(box!.height, name).toBeGreaterThanOrEqual(76);
  }
  // The default start is the simulated EV, parked: gear P, speed 0.
  await expect(page.getByTestId('gear')).toContainText('P');
  await expect(page.getByTestId('speed')).toContainText(/^Speed\s*0\s*km\/h/);
  await expect(page.getByRole('banner')).toContainText('Vehicle connected');
  // Legible at arm's length: the speed figure is at least 96 px tall.
  const speedFontPx = await page.getByTestId('speed').locator('span').nth(1).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(speedFontPx).toBeGreaterThanOrEqual(96);
  // The token was taken out of the address bar so it cannot leak through a shared screenshot or history.
  expect(page.url()).not.toContain('token=');
});

test('switching to 简体中文 changes every visible string on every screen', async ({ page }) => {
  cabin = await startCabin();
  await page.goto(cabin.url);
  await dockButton(page, 'Settings').click();
  await page.getByRole('radio', { name: '简体中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  const screens: Array<[string, () => Promise<void>]> = [
    ['主页', () => openScreen(page, '主页')],
    ['驾驶员', () => openScreen(page, '驾驶员')],
    // Wait for what arrives later and carries data (a live source's id, a pack standard's number), or the check races ahead of it.
    [
      '充电',
      async () => {
        await openScreen(page, '充电');
        await expect(page.getByTestId('stations-sources').locator('[data-state="live"]')).toBeVisible();
      },
    ],
    [
      '换电',
      async () => {
        await openScreen(page, '换电');
        await expect(page.getByTestId('swap-incompatible')).toBeVisible();
      },
    ],
    ['模拟器', () => openScreen(page, '模拟器')],
    ['设置', () => openScreen(page, '设置')],
    ['关于', async () => page.getByRole('button', { name: '关于 Cabin 座舱' }).click()],
  ];
  for (const [name, open] of screens) {
    await open();
    if (name === '关于') await expect(page.getByText('本应用附带', { exact: false })).toBeVisible();
    const texts = await visibleTexts(page);
    expect(texts.length, name).toBeGreaterThan(3);
    for (const text of texts) {
      const latinWords = text.match(/[A-Za-z]{1,}/g) ?? [];
      const untranslated = latinWords.filter((w) => !ALLOWED_LATIN.has(w));
      expect(untranslated, `"${text}" on ${name}`).toEqual([]);
    }
  }
});

test('every control on every screen is a touch target of at least 76 × 76 px', async ({ page }) => {
  cabin = await startCabin();
  await page.goto(cabin.url);
  await expect(page.getByTestId('speed')).toBeVisible();
  // Screens that have controls today must show them, or the size check below would pass on an empty screen.
  const withControls = new Set(['Settings', 'Simulator', 'About']);
  const screens: Array<[string, () => Promise<void>]> = [
    ...['Home', 'Profiles', 'Charging', 'Swap', 'Settings', 'Simulator'].map((name): [string, () => Promise<void>] => [name, () => openScreen(page, name)]),
    ['About', () => page.getByRole('button', { name: 'About Cabin' }).click()],
  ];
  for (const [name, open] of screens) {
    if (name === 'About') await openScreen(page, 'Settings');
    await open();
    const controls = page.getByRole('main').locator(CONTROLS);
    if (withControls.has(name)) await expect(controls.first(), `${name} has controls`).toBeVisible();
    // One look at the page per screen: the Simulator alone has dozens of controls.
    const sizes = await page.evaluate((selector) => {
      const out: Array<{ label: string; width: number; height: number }> = [];
      for (const el of document.querySelectorAll<HTMLElement>(selector)) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0 || !el.checkVisibility()) continue;
        out.push({ label: el.getAttribute('aria-label') ?? el.textContent ?? '', width: Math.round(box.width), height: Math.round(box.height) });
      }
      return out;
    }, `main :is(${CONTROLS}), nav button`);
    for (const { label, width, height } of sizes) {
      expect(width, `${name}: ${label}`).toBeGreaterThanOrEqual(76);
      expect(height, `${name}: ${label}`).toBeGreaterThanOrEqual(76);
    }
  }
});

/** Opens a screen from the dock and waits until the dock marks it as the current page. */
async function openScreen(page: Page, name: string): Promise<void> {
  await dockButton(page, name).click();
  await expect(dockButton(page, name)).toHaveAttribute('aria-current', 'page');
}

test('units and clock change the displayed format', async ({ page }) => {
  cabin = await startCabin();
  await page.goto(cabin.url);
  await dockButton(page, 'Settings').click();
  const preview = page.getByTestId('units-preview');
  await expect(preview).toContainText('120 km');
  await expect(preview).toContainText('21°C');
  await page.getByRole('radio', { name: 'Miles' }).click();
  await expect(preview).toContainText('74.6 mi');
  await page.getByRole('radio', { name: 'Fahrenheit' }).click();
  await expect(preview).toContainText('70°F');
  await page.getByRole('radio', { name: '12-hour' }).click();
  await expect(page.getByRole('banner').locator('time')).toHaveText(/^\d{1,2}:\d{2}\s?(AM|PM)$/);
  await page.getByRole('button', { name: 'Increase Night brightness' }).click();
  await expect(page.getByRole('group', { name: 'Night brightness' })).toContainText('50 %');
});

test('the choices survive a restart of the host', async ({ page }) => {
  cabin = await startCabin();
  const dataDir = cabin.dataDir;
  await page.goto(cabin.url);
  await dockButton(page, 'Settings').click();
  await page.getByRole('radio', { name: 'Miles' }).click();
  await page.getByRole('radio', { name: '简体中文' }).click();
  await expect(page.getByTestId('units-preview')).toContainText('74.6 mi');
  expect(await cabin.stop()).toBe(0);
  // The page notices the host is gone.
  await expect(page.getByRole('alert').first()).toBeVisible();

  cabin = await startCabin([], dataDir);
  await page.goto(cabin.url);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await dockButton(page, '设置').click();
  await expect(page.getByRole('radio', { name: '英里' })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('units-preview')).toContainText('74.6 mi');
});

test('a page without the run token cannot drive the host', async ({ page }) => {
  cabin = await startCabin();
  const origin = new URL(cabin.url).origin;
  await page.goto(`${origin}/`);
  await expect(page.getByText('Connecting to the vehicle system…')).toBeVisible();
  // The host has seen the page's attempt and refused it; only then is "still connecting" worth checking.
  await expect.poll(() => cabin!.stderr()).toMatch(/refused a connection without the right token/);
  await expect(page.getByRole('navigation')).toBeVisible();
  await expect(page.getByText('Connecting to the vehicle system…')).toBeVisible();
});
