// Driver profiles in the browser simulation: created parked, locked while moving, chosen by key fob in driver-change (seat, climate, language and units follow), kept across a restart, and a bad import refused.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { newDataDir, startCabin, type CabinProcess } from './cabinProcess';
import { headUnitRules } from './headUnit';

const root = resolve(import.meta.dirname, '..', '..');
let cabin: CabinProcess | null = null;
test.afterEach(async () => {
  // A test that stopped before starting Cabin has nothing to stop.
  if (cabin) expect(await cabin.stop()).toBe(0);
  cabin = null;
});

const dock = (page: Page, name: string | RegExp) => page.getByRole('navigation').getByRole('button', { name });



/** Text of every visible element that has its own text, leaving out data marked translate="no" (names, ids). */
async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const el = node.parentElement;
      if (!text || !el || el.closest('[translate="no"]')) continue;
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden') out.push(text);
    }
    return out;
  });
}
const ALLOWED_LATIN = new Set(['Cabin', 'English', 'mm', 'km', 'mi', 'kW', 'C', 'F', 'P', 'R', 'N', 'D', 'AM', 'PM', 'VSS', 'CAN']);
/** Visible texts with a Latin word that is neither allowed nor a profile's name (names are the driver's, in any script). */
async function untranslated(page: Page, names: string[] = []): Promise<string[]> {
  return (await visibleTexts(page)).filter((text) => (text.match(/[A-Za-z]+/g) ?? []).some((w) => !ALLOWED_LATIN.has(w) && !names.includes(w)));
}

async function createProfile(page: Page, name: string) {
  await page.getByRole('button', { name: 'New profile' }).click();
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page.getByTestId('profile-editor')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** `cabin profiles import` into a data folder before Cabin starts: the provisioning path. */
function importProfiles(dataDir: string, file: object) {
  const path = join(dataDir, 'import.json');
  writeFileSync(path, JSON.stringify(file, null, 2));
  return spawnSync(process.execPath, [join(root, 'bin', 'cabin.mjs'), 'profiles', 'import', path, '--data-dir', dataDir], { cwd: root, encoding: 'utf8' });
}

const profile = (id: string, name: string, colour: string, extra: Record<string, unknown>) => ({
  id,
  name,
  colour,
  avatar: 'initial',
  createdAt: 1,
  updatedAt: 1,
  preferences: {},
  seat: { position: null, height: null, recline: null, lumbar: null },
  mirrors: { driver: { tilt: null, pan: null }, passenger: { tilt: null, pan: null } },
  steering: { tilt: null, extension: null },
  climate: { temperature: null, fan: null, seatHeating: null },
  drive: { mode: null, regen: null },
  ambientColour: null,
  favouriteStations: [],
  charging: { targetSoc: null, connectors: [], preferredOperators: [], excludedOperators: [], minPowerKw: null, chargeOrSwap: 'either', swapNetworks: [] },
  places: { home: null, work: null },
  keyFobs: [],
  learning: { enabled: false, history: [], rules: [], refused: [] },
  ...extra,
});

test('two profiles created parked, every page fits, in Chinese too; moving, editing is locked with the reason; both are there after a restart', async ({ page }) => {
  test.setTimeout(120_000);
  const dataDir = await newDataDir();
  cabin = await startCabin([], dataDir);
  await page.goto(cabin.url);
  await expect(page.getByTestId('gear')).toContainText('P');
  await dock(page, 'Profiles').click();
  await expect(page.getByText('No driver profiles yet', { exact: false })).toBeVisible();

  // A name of only spaces is refused as typed, with the reason; nothing is created.
  await page.getByRole('button', { name: 'New profile' }).click();
  await headUnitRules(page, 'new profile');
  await page.getByLabel('Name').fill('    ');
  await expect(page.getByText('A name needs more than spaces')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create', exact: true })).toBeDisabled();
  await page.getByRole('button', { name: 'Cancel' }).click();

  await createProfile(page, 'Li');
  for (const tab of ['Name', 'Units', 'Position', 'Climate', 'Charging', 'Learning']) {
    await page.getByRole('tab', { name: tab }).click();
    await headUnitRules(page, `editor: ${tab}`);
    if (tab === 'Position') {
      await page.getByRole('button', { name: 'Next page' }).click();
      await headUnitRules(page, 'editor: mirrors and steering');
      // The reference EV has no steering-column motor: said plainly, not offered.
      await expect(page.getByTestId('setting-steering.tilt')).toHaveAttribute('data-available', 'false');
      await expect(page.getByTestId('setting-steering.tilt')).toContainText('Not available on this car');
      await expect(page.getByTestId('setting-mirrors.driver.tilt')).toHaveAttribute('data-available', 'true');
    }
  }
  await page.getByRole('button', { name: 'Back' }).click();
  await createProfile(page, 'Wang');
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByRole('list', { name: 'Profiles' }).getByRole('button')).toHaveText([/Li/, /Wang/]);
  await headUnitRules(page, 'profiles');
  await page.getByRole('button', { name: 'Switch driver' }).click();
  await expect(page.getByTestId('profile-picker')).toBeVisible();
  await headUnitRules(page, 'picker');
  await page.getByTestId('profile-picker').getByRole('button', { name: 'Guest' }).click();

  // In Chinese (the guest edits the device language), every page still speaks Chinese and still fits.
  await dock(page, 'Settings').click();
  await page.getByRole('radio', { name: '简体中文' }).click();
  await dock(page, '驾驶员').click();
  expect(await untranslated(page, ['Li', 'Wang']), 'profiles list').toEqual([]);
  await headUnitRules(page, 'profiles (zh-CN)');
  await page.getByRole('button', { name: '编辑' }).click();
  for (const tab of ['名称', '单位', '位置', '空调', '充电', '学习']) {
    await page.getByRole('tab', { name: tab }).click();
    expect(await untranslated(page, ['Li', 'Wang']), `editor ${tab}`).toEqual([]);
    await headUnitRules(page, `editor (zh-CN): ${tab}`);
  }
  await page.getByRole('button', { name: '返回' }).click();
  await dock(page, '设置').click();
  await page.getByRole('radio', { name: 'English' }).click();

  // Moving: create, edit and delete are not offered, and the screen says why.
  await dock(page, 'Simulator').click();
  await page.getByRole('radiogroup', { name: 'Gear' }).getByRole('radio', { name: 'D' }).click();
  await page.getByRole('spinbutton', { name: 'Speed (km/h)' }).fill('40');
  await page.getByRole('button', { name: 'Apply Speed (km/h)' }).click();
  await dock(page, 'Profiles').click();
  await expect(page.getByTestId('profiles-restricted')).toHaveText('Setup and editing are available when parked', { timeout: 20_000 });
  await expect(page.getByRole('button', { name: 'New profile' })).toBeDisabled();
  await expect(page.getByTestId('profile-detail').getByRole('button', { name: 'Edit' })).toBeDisabled();
  await expect(page.getByTestId('profile-detail').getByRole('button', { name: 'Delete' })).toBeDisabled();
  await headUnitRules(page, 'profiles while moving');

  // A restart: both profiles are there, and the driver is asked who drives.
  expect(await cabin.stop()).toBe(0);
  cabin = await startCabin([], dataDir);
  await page.goto(cabin.url);
  const picker = page.getByTestId('profile-picker');
  await expect(picker).toHaveAttribute('data-cause', 'startup');
  await expect(picker.getByRole('button')).toContainText(['Li', 'Wang', 'Guest']);
  await picker.getByRole('button', { name: 'Wang' }).click();
  await expect(picker).toHaveCount(0);
  await dock(page, 'Profiles').click();
  await expect(page.getByTestId('profiles-driving')).toHaveText('Wang is driving');
});

test('driver-change: the key fob switches the profile after a notice; the seat and climate follow, and so do language and units', async ({ page }) => {
  test.setTimeout(150_000);
  const dataDir = await newDataDir();
  const imported = importProfiles(dataDir, {
    format: 'cabin-profiles',
    schemaVersion: 3,
    profiles: [
      profile('pli0001', 'Li', 'teal', { keyFobs: [1], preferences: { language: 'en', distanceUnit: 'km', temperatureUnit: 'celsius' }, climate: { temperature: 21, fan: null, seatHeating: null } }),
      profile('pwang01', 'Wang', 'rose', {
        keyFobs: [2],
        preferences: { language: 'zh-CN', distanceUnit: 'mi', temperatureUnit: 'fahrenheit' },
        seat: { position: 100, height: 50, recline: null, lumbar: null },
        climate: { temperature: 19, fan: 60, seatHeating: null },
      }),
    ],
  });
  expect(imported.status, imported.stderr).toBe(0);
  cabin = await startCabin(['--scenario', 'driver-change'], dataDir);
  await page.goto(cabin.url);

  // Li's fob is in the car at the start: her profile takes over after the notice.
  await expect(page.getByTestId('switch-notice')).toContainText('Switching to Li');
  await dock(page, 'Profiles').click();
  await expect(page.getByTestId('profiles-driving')).toHaveText('Li is driving', { timeout: 15_000 });

  // To just before the driver change at 2:30 (the car is parked in P from 2:00).
  await dock(page, 'Simulator').click();
  await page.getByRole('button', { name: '+60 s' }).click();
  await page.getByRole('button', { name: '+60 s' }).click();
  await dock(page, 'Profiles').click();

  // Wang gets in with fob 2: a notice she can cancel, then her profile, her seat and her climate.
  await expect(page.getByTestId('switch-notice')).toContainText('Switching to Wang', { timeout: 40_000 });
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN', { timeout: 15_000 });
  await expect(page.getByTestId('profiles-driving')).toHaveText('Wang 正在驾驶');
  await expect(page.getByTestId('apply-seat')).toHaveAttribute('data-state', 'confirmed', { timeout: 30_000 });
  await expect(page.getByTestId('apply-climate')).toHaveAttribute('data-state', 'confirmed', { timeout: 30_000 });

  // Her seat and set-point as the car reports them (the scenario itself asked for 60 mm and 24 °C at 2:32), read in
  // the signal inspector before the car leaves at 3:00 (typing the filter is parked only).
  await dock(page, '模拟器').click();
  const filter = page.getByRole('searchbox', { name: '按路径筛选' });
  const valueOf = (path: string) => page.locator(`tr[data-path="${path}"] td`).nth(1);
  await filter.fill('Seat.Row1.DriverSide.Position');
  await expect(valueOf('Vehicle.Cabin.Seat.Row1.DriverSide.Position')).toHaveText(/^(9[8-9]|10[0-2])$/);
  await filter.fill('Row1.Driver.Temperature');
  await expect(valueOf('Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature')).toHaveText(/^19$/);

  // Her language and units: Chinese everywhere on the profiles screen, miles per hour on Home.
  await dock(page, '驾驶员').click();
  expect(await untranslated(page, ['Li', 'Wang']), 'profiles screen for Wang').toEqual([]);
  await headUnitRules(page, 'profiles after the driver change');
  await dock(page, '主页').click();
  await expect(page.getByTestId('speed')).toContainText('mph');
});

test('an import file with mistakes is refused with each problem and its place; the car keeps what it had', async ({ page }) => {
  const dataDir = await newDataDir();
  const bad = importProfiles(dataDir, {
    format: 'cabin-profiles',
    schemaVersion: 3,
    profiles: [profile('pbad0001', '', 'teal', { seat: { position: 900, height: null, recline: null, lumbar: null } }), profile('pbad0002', 'Zhou', 'plaid', {})],
  });
  expect(bad.status).toBe(1);
  expect(bad.stderr.trim().split('\n')).toEqual([
    expect.stringMatching(/import\.json:\d+:\d+: \$\.profiles\[0\]\.name: the name is empty$/),
    expect.stringMatching(/import\.json:\d+:\d+: \$\.profiles\[0\]\.seat\.position: seat position mm above 500$/),
    expect.stringMatching(/import\.json:\d+:\d+: \$\.profiles\[1\]\.colour: Invalid option/),
    expect.stringMatching(/not imported \(3 problems\); nothing was changed$/),
  ]);
  const newer = importProfiles(dataDir, { format: 'cabin-profiles', schemaVersion: 99, profiles: [] });
  expect(newer.stderr).toMatch(/written by a newer Cabin \(profiles schema 99\); this build reads up to schema 4/);

  cabin = await startCabin([], dataDir);
  await page.goto(cabin.url);
  await dock(page, 'Profiles').click();
  await expect(page.getByText('No driver profiles yet', { exact: false })).toBeVisible();
  await expect(page.getByTestId('profile-picker')).toHaveCount(0);
});
