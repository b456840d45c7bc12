// Charging in the browser simulation: the low-battery assistant on highway-low-battery, filters that change the list, a station's status with its age, favourites kept across a restart, cached data with its age when the operator is down.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { newDataDir, startCabin, type CabinProcess } from './cabinProcess';
import { headUnitRules } from './headUnit';

const root = resolve(import.meta.dirname, '..', '..');
let cabin: CabinProcess | null = null;
test.afterEach(async () => {
  expect(await cabin?.stop()).toBe(0);
  cabin = null;
});

const dock = (page: Page, name: string | RegExp) => page.getByRole('navigation').getByRole('button', { name });
/** "Available · 2 min ago": a status with its age, in any of the units the screen uses. */
const STATUS_WITH_AGE = /^(Available|In use|Blocked|Reserved|Not working|Out of order|Planned|Status unknown) · (just now|\d+ (s|min|h|days?|months?) ago)$/;


/** The chosen connector's power of every row on every page (the list pages instead of scrolling). */
async function allPowers(page: Page): Promise<number[]> {
  const powers: number[] = [];
  const next = page.getByRole('button', { name: 'Next stations' });
  while (await page.getByRole('button', { name: 'Previous stations' }).isEnabled()) await page.getByRole('button', { name: 'Previous stations' }).click();
  for (;;) {
    for (const text of await page.getByTestId('station-row').allTextContents()) powers.push(Number(/(\d+(?:\.\d)?) kW/.exec(text)?.[1]));
    if (!(await next.isEnabled())) return powers;
    await next.click();
  }
}

test('highway-low-battery: Home and the status bar warn and offer three reachable compatible stations; one tap opens one; dismissed until the next crossing', async ({ page }) => {
  cabin = await startCabin(['--scenario', 'highway-low-battery']);
  await page.goto(cabin.url);
  const panel = page.getByTestId('low-battery-panel');
  await expect(panel).toBeVisible({ timeout: 20_000 });
  await expect(panel).toHaveAttribute('data-level', 'low');
  await expect(page.getByTestId('low-battery-badge')).toHaveText(/Battery 1\d%/);
  const options = panel.getByTestId('assistant-option');
  await expect(options).toHaveCount(3);
  for (const text of await options.allTextContents()) {
    // Reachable: an arrival SoC at or above the 10 % reserve; compatible with the car's GB/T inlets.
    const arrival = Number(/Arrive with (\d+)%/.exec(text)?.[1]);
    expect(arrival, text).toBeGreaterThanOrEqual(10);
    expect(text).toMatch(/GB\/T (AC|DC) \d+ kW/);
    expect(text).toMatch(/· (just now|\d+ (s|min|h|days?|months?) ago)/);
  }
  await headUnitRules(page, 'Home with the low-battery options');

  const key = await options.first().getAttribute('data-key');
  await options.first().click();
  const detail = page.getByTestId('station-detail');
  await expect(detail).toHaveAttribute('data-key', key!);
  await expect(detail.getByTestId('evse-status').first()).toHaveText(STATUS_WITH_AGE);
  await expect(detail.locator('[data-compatible="true"]').first()).toBeVisible();
  // Driving: no typing (the restriction engine's reason instead of the field), and a short list.
  await expect(page.getByTestId('name-search-restricted')).toHaveText('Typing is not available while driving');
  await expect(page.getByTestId('name-search')).toHaveCount(0);
  await expect(page.getByTestId('list-limited')).toBeVisible();
  expect(Number(await page.getByTestId('station-list').getAttribute('data-count'))).toBeLessThanOrEqual(6);

  await dock(page, 'Home').click();
  await page.getByTestId('assistant-dismiss').click();
  await expect(panel).toHaveCount(0);
  // Dismissed: Home's centre is the map again; the status bar still warns.
  await expect(page.getByTestId('home-map')).toBeVisible();
  await expect(page.getByTestId('low-battery-badge')).toBeVisible();
});

test('parked: filters change the list, an impossible one says what to loosen, and a station shows its status with its age', async ({ page }) => {
  cabin = await startCabin([]);
  await page.goto(cabin.url);
  await dock(page, 'Charging').click();
  const rows = page.getByTestId('station-row');
  await expect(rows.first()).toBeVisible({ timeout: 20_000 });
  await headUnitRules(page, 'Charging');
  // Nearest first, any power: the 7 kW AC stations of the neighbourhood are in the list.
  expect((await allPowers(page)).some((kw) => kw < 50)).toBe(true);

  await page.getByTestId('filters-button').click();
  await headUnitRules(page, 'filters');
  await page.getByTestId('filter-available').click();
  await expect(page.getByTestId('filters-button')).toHaveText('Filters (1)');
  // Free now: every row's chosen connector is available.
  await expect.poll(async () => (await page.getByTestId('station-status').allTextContents()).every((t) => t.startsWith('Available'))).toBe(true);
  const more = page.getByRole('button', { name: 'More power' });
  for (let i = 0; i < 4; i++) await more.click();
  await expect(page.getByRole('group', { name: 'Minimum power' })).toContainText('50 kW');
  await expect(page.getByTestId('filters-button')).toHaveText('Filters (2)');
  await expect.poll(async () => (await allPowers(page)).every((kw) => kw >= 50)).toBe(true);

  for (let i = 0; i < 4; i++) await more.click();
  await expect(page.getByRole('group', { name: 'Minimum power' })).toContainText('350 kW');
  const empty = page.getByTestId('stations-empty');
  await expect(empty).toContainText('No station matches');
  await empty.getByTestId('loosen-minPowerKw').click();
  await expect(rows.first()).toBeVisible();
  await page.getByTestId('filters-reset').click();
  await expect(page.getByTestId('filters-button')).toHaveText('Filters');
  await page.getByRole('button', { name: 'Done' }).click();

  await rows.first().click();
  const detail = page.getByTestId('station-detail');
  await expect(detail.getByTestId('evse-status').first()).toHaveText(STATUS_WITH_AGE);
  await expect(detail.getByTestId('detail-source')).toHaveText(/^(Offline data from|sim-cpo: live, updated) /);
  await headUnitRules(page, 'station detail');

  // Parked, a station can be found by name; and the screen speaks Chinese too.
  await page.getByTestId('name-search').fill('TELD');
  await expect.poll(async () => (await page.getByTestId('station-row').allTextContents()).length).toBeGreaterThan(0);
  await expect.poll(async () => (await page.getByTestId('station-row').allTextContents()).every((t) => t.includes('特来电'))).toBe(true);
  await dock(page, 'Settings').click();
  await page.getByRole('radio', { name: '简体中文' }).click();
  await dock(page, '充电').click();
  await expect(page.getByTestId('scope-nearby')).toHaveText('附近');
  await expect(page.getByTestId('station-row').first()).toContainText('到达时剩余');
  await expect(page.getByTestId('station-status').first()).toHaveText(/^(空闲|使用中|被占用|已预约|无法使用|故障|规划中|状态未知) · (刚刚|\d+ (秒|分钟|小时|天|个月)前)$/);
  await headUnitRules(page, 'Charging in Chinese');
  await dock(page, '设置').click();
  await page.getByRole('radio', { name: 'English' }).click();
});

test('favourites are kept in the driver\'s profile across a restart', async ({ page }) => {
  test.setTimeout(120_000);
  const dataDir = await newDataDir();
  const file = join(dataDir, 'import.json');
  const profile = {
    id: 'pchen01', name: 'Chen', colour: 'teal', avatar: 'initial', createdAt: 1, updatedAt: 1, preferences: {},
    seat: { position: null, height: null, recline: null, lumbar: null },
    mirrors: { driver: { tilt: null, pan: null }, passenger: { tilt: null, pan: null } },
    steering: { tilt: null, extension: null }, climate: { temperature: null, fan: null, seatHeating: null }, drive: { mode: null, regen: null },
    ambientColour: null, favouriteStations: [],
    charging: { targetSoc: null, connectors: [], preferredOperators: [], excludedOperators: [], minPowerKw: null, chargeOrSwap: 'either', swapNetworks: [] },
    places: { home: null, work: null }, keyFobs: [], learning: { enabled: false, history: [], rules: [], refused: [] },
  };
  writeFileSync(file, JSON.stringify({ format: 'cabin-profiles', schemaVersion: 3, profiles: [profile] }));
  const imported = spawnSync(process.execPath, [join(root, 'bin', 'cabin.mjs'), 'profiles', 'import', file, '--data-dir', dataDir], { cwd: root, encoding: 'utf8' });
  expect(imported.status, imported.stderr).toBe(0);

  cabin = await startCabin([], dataDir);
  await page.goto(cabin.url);
  await page.getByTestId('profile-picker').getByRole('button', { name: 'Chen' }).click();
  await dock(page, 'Charging').click();
  await page.getByTestId('station-row').nth(1).click();
  const detail = page.getByTestId('station-detail');
  await expect(detail).toHaveAttribute('data-key', /\//);
  const key = (await detail.getAttribute('data-key'))!;
  await detail.getByTestId('favourite-toggle').click();
  await expect(detail.getByTestId('favourite-toggle')).toHaveAttribute('aria-pressed', 'true');
  expect(await cabin.stop()).toBe(0);

  cabin = await startCabin([], dataDir);
  await page.goto(cabin.url);
  await page.getByTestId('profile-picker').getByRole('button', { name: 'Chen' }).click();
  await dock(page, 'Charging').click();
  await page.getByTestId('scope-favourites').click();
  await expect(page.getByTestId('station-row')).toHaveCount(1, { timeout: 20_000 });
  await expect(page.getByTestId('station-row')).toHaveAttribute('data-key', key);
  await expect(page.getByTestId('station-row').getByLabel('Favourite')).toBeVisible();
});

test('with the operator down, the list shows its cached data and how old it is', async ({ page }) => {
  test.setTimeout(150_000);
  const dataDir = await newDataDir();
  // First run: the simulated operator is up and its data lands in the cache.
  cabin = await startCabin(['--scenario', 'highway-low-battery'], dataDir);
  await page.goto(cabin.url);
  await dock(page, 'Charging').click();
  await expect(page.getByTestId('source-sim-cpo')).toHaveAttribute('data-state', 'live', { timeout: 60_000 });
  expect(await cabin.stop()).toBe(0);

  // A head unit configured with the same operator, which does not answer now.
  mkdirSync(join(dataDir, 'stations'), { recursive: true });
  writeFileSync(join(dataDir, 'stations', 'sources.json'), JSON.stringify({ ocpi: [{ source: 'sim-cpo', url: 'http://127.0.0.1:9/ocpi/2.2.1/locations' }] }));
  cabin = await startCabin(['--head-unit', '--scenario', 'highway-low-battery'], dataDir);
  await page.goto(cabin.url);
  await dock(page, 'Charging').click();
  const source = page.getByTestId('source-sim-cpo');
  await expect(source).toHaveAttribute('data-state', 'cached', { timeout: 30_000 });
  await expect(source).toHaveText(/^sim-cpo unreachable: cached data from (just now|\d+ (s|min) ago)$/);
  await expect(page.getByTestId('station-row').first()).toBeVisible();
  await headUnitRules(page, 'Charging with the operator down');
});
