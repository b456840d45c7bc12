// Desktop simulation end to end: scenarios on Home, a gateway outage shown as such, and night theme with the headlights.
import { expect, test, type Page } from '@playwright/test';
import { startCabin, type CabinProcess } from './cabinProcess';

let cabin: CabinProcess | null = null;
test.afterEach(async () => {
  expect(await cabin?.stop()).toBe(0);
  cabin = null;
});

const dock = (page: Page, name: string) => page.getByRole('navigation').getByRole('button', { name });
const numberIn = async (page: Page, testId: string) => Number((await page.getByTestId(testId).textContent())?.match(/\d+/)?.[0] ?? NaN);

async function accelerate(page: Page, factor: string) {
  await dock(page, 'Simulator').click();
  await page.getByRole('radio', { name: factor }).click();
  await expect(page.getByRole('radio', { name: factor })).toHaveAttribute('aria-checked', 'true');
  await dock(page, 'Home').click();
}

test('highway-low-battery: speed rises and the battery drains on Home', async ({ page }) => {
  cabin = await startCabin(['--scenario', 'highway-low-battery']);
  await page.goto(cabin.url);
  await expect(page.getByTestId('soc')).toHaveAttribute('data-freshness', 'fresh');
  const speedAtStart = await numberIn(page, 'speed');
  const socAtStart = await numberIn(page, 'soc');
  await accelerate(page, '×60');
  await expect.poll(() => numberIn(page, 'speed'), { timeout: 20_000 }).toBeGreaterThan(Math.max(speedAtStart, 80));
  await expect.poll(() => numberIn(page, 'soc'), { timeout: 30_000 }).toBeLessThan(socAtStart);
  await expect(page.getByTestId('speed')).toHaveAttribute('data-freshness', 'fresh');
});

test('a gateway disconnect keeps the last values on Home, greyed with their age, then live values again', async ({ page }) => {
  cabin = await startCabin();
  await page.goto(cabin.url);
  await expect(page.getByTestId('gear')).toContainText('P');
  await dock(page, 'Simulator').click();
  await page.getByRole('button', { name: 'Inject Gateway disconnect' }).click();
  await expect(page.getByText('Gateway disconnected')).toBeVisible();
  await dock(page, 'Home').click();
  await expect(page.getByRole('banner')).toContainText('Vehicle link lost', { timeout: 5_000 });
  // The last values stay, in the stale colour, with how old they are: nothing is blanked.
  await expect(page.getByTestId('gear')).toHaveAttribute('data-freshness', 'stale', { timeout: 5_000 });
  await expect(page.getByTestId('gear')).toContainText('P');
  await expect(page.getByTestId('gear')).toContainText(/\d+ s ago/);
  await expect(page.getByText('Vehicle link lost: last known values')).toBeVisible();

  await dock(page, 'Simulator').click();
  await page.getByRole('button', { name: 'Clear Gateway disconnect' }).click();
  await dock(page, 'Home').click();
  await expect(page.getByTestId('gear')).toContainText('P', { timeout: 15_000 });
  await expect(page.getByTestId('gear')).toHaveAttribute('data-freshness', 'fresh');
  await expect(page.getByRole('banner')).toContainText('Vehicle connected');
});

test('an impossible override is refused in the panel with a message, and nothing is sent', async ({ page }) => {
  cabin = await startCabin();
  await page.goto(cabin.url);
  await dock(page, 'Simulator').click();
  await page.getByRole('spinbutton', { name: 'State of charge (%)' }).fill('140');
  await page.getByRole('button', { name: 'Apply State of charge (%)' }).click();
  await expect(page.getByText('State of charge must be between 0 and 100 %')).toBeVisible();
  await dock(page, 'Home').click();
  await expect(page.getByTestId('soc')).not.toContainText('140');
});

test('night-drive: with display on Automatic, the theme turns to night when the headlights come on', async ({ page }) => {
  cabin = await startCabin(['--scenario', 'night-drive']);
  await page.goto(cabin.url);
  const app = page.locator('[data-theme]');
  await expect(page.getByTestId('speed')).toHaveAttribute('data-freshness', 'fresh');
  await expect(app).toHaveAttribute('data-theme', 'day');
  await accelerate(page, '×60');
  await expect(app).toHaveAttribute('data-theme', 'night', { timeout: 40_000 });
  await dock(page, 'Simulator').click();
  await page.getByLabel('Filter by path').fill('Beam.Low');
  await expect(page.getByRole('row', { name: /Vehicle\.Body\.Lights\.Beam\.Low\.IsOn/ })).toContainText('true');
});
