// Driving restrictions as the driver meets them: long text and typing are unavailable while moving, with the reason shown; parked they work.
import { expect, test, type Page } from '@playwright/test';
import { startCabin, type CabinProcess } from './cabinProcess';

let cabin: CabinProcess | null = null;
test.afterEach(async () => {
  expect(await cabin?.stop()).toBe(0);
  cabin = null;
});

const dock = (page: Page, name: string) => page.getByRole('navigation').getByRole('button', { name });
const speedOf = async (page: Page) => Number((await page.getByTestId('speed').textContent())?.match(/\d+/)?.[0] ?? NaN);

async function openAbout(page: Page) {
  await dock(page, 'Settings').click();
  await page.getByRole('button', { name: 'About Cabin' }).click();
  await expect(page.getByRole('heading', { name: 'About Cabin', level: 1 })).toBeVisible();
}

test('parked: the licence texts can be opened and read', async ({ page }) => {
  cabin = await startCabin();
  await page.goto(cabin.url);
  await expect(page.getByTestId('gear')).toContainText('P');
  await openAbout(page);
  const list = page.getByTestId('license-list');
  await expect(list).toBeVisible();
  await list.getByRole('button', { name: 'Show licence text' }).first().click();
  await expect(list.locator('pre').first()).toBeVisible();
  await expect(page.getByTestId('about-restricted')).toHaveCount(0);

  // The Simulator's typed fields take input parked.
  await dock(page, 'Simulator').click();
  const soc = page.getByRole('spinbutton', { name: 'State of charge (%)' });
  await expect(soc).toBeEnabled();
  await soc.fill('55');
  await expect(soc).toHaveValue('55');
  await expect(page.getByText('Typing is not available while driving')).toHaveCount(0);
});

test('moving: the licence texts are unavailable and the screen says why', async ({ page }) => {
  cabin = await startCabin(['--scenario', 'highway-low-battery']);
  await page.goto(cabin.url);
  await expect.poll(() => speedOf(page), { timeout: 30_000 }).toBeGreaterThan(5);
  await openAbout(page);
  await expect(page.getByTestId('about-restricted')).toHaveText('Long text can be read when parked');
  await expect(page.getByTestId('license-list')).toHaveCount(0);

  // A Simulator text field is unavailable too, saying why; the car can still be stopped with a button.
  await dock(page, 'Simulator').click();
  const soc = page.getByRole('spinbutton', { name: 'State of charge (%)' });
  await expect(soc).toBeDisabled();
  await expect(page.getByText('Typing is not available while driving').first()).toBeVisible();
  await expect(soc).toHaveAttribute('aria-describedby', /.+/);
});
