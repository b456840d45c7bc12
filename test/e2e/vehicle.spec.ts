// A real vehicle nobody here designed: the Hyundai drive log replayed through its mapping shows on Home.
import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { startCabin, type CabinProcess } from './cabinProcess';

const shared = process.env.CABIN_SHARED ? resolve(process.env.CABIN_SHARED) : resolve(import.meta.dirname, '..', '..', '..', 'shared');
const dbc = resolve(shared, 'dbc', 'hyundai_2015_ccan.dbc');
const log = resolve(shared, 'can', 'candump', 'hyundai_2015_ccan_drive.log');
const haveCorpus = existsSync(dbc) && existsSync(log);
if (!haveCorpus && process.env.CABIN_REQUIRE_CORPUS === '1') throw new Error('CABIN_REQUIRE_CORPUS=1 but ../shared is missing');

let cabin: CabinProcess | null = null;
test.afterEach(async () => {
  // A skipped test (no corpus) never started one.
  if (cabin) expect(await cabin.stop()).toBe(0);
  cabin = null;
});

test('hyundai-2015 replay shows speed, gear and the 12 V battery on Home, and no charging or swap screens', async ({ page }) => {
  test.skip(!haveCorpus, 'the Hyundai DBC and log live in ../shared, which this clone does not have');
  cabin = await startCabin(['--vehicle', 'hyundai-2015', '--dbc', dbc, '--replay', log]);
  await page.goto(cabin.url);
  await expect(page.getByRole('banner')).toContainText('Vehicle connected');
  const speed = page.getByTestId('speed');
  await expect(speed).toHaveAttribute('data-freshness', 'fresh');
  // The drive accelerates from standstill towards 100 km/h within the first half minute.
  await expect.poll(async () => Number((await speed.textContent())?.match(/\d+/)?.[0] ?? 0), { timeout: 30_000 }).toBeGreaterThan(20);
  await expect(page.getByTestId('gear')).toContainText('D');
  // This car reports no traction battery, so Home shows no battery rather than an empty one.
  await expect(page.getByTestId('soc')).toHaveCount(0);
  // The 12 V battery is one tap away, in the details.
  await page.getByRole('button', { name: 'Details' }).click();
  await expect(page.getByTestId('low-voltage')).toContainText(/1[0-5]\.\d V/);
  // A petrol car is not offered the charging and swap screens (vehicle.json says what the car is).
  const dock = page.getByRole('navigation');
  await expect(dock.getByRole('button', { name: 'Settings' })).toBeVisible();
  await expect(dock.getByRole('button', { name: 'Charging' })).toHaveCount(0);
  await expect(dock.getByRole('button', { name: 'Swap' })).toHaveCount(0);
});
