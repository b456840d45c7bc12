// Battery swap and charger reservation in the browser simulation: swap-visit booked from the low-battery assistant while moving, the Home card, arrival, the swap confirmed with the new pack and SoC, a receipt; an operator that fails mid-booking leaves a clear message and no booking; a charger reserved and one refused with EVSE_OCCUPIED.
import { expect, test, type Page } from '@playwright/test';
import { startCabin, type CabinProcess } from './cabinProcess';
import { closeBridges, connectBridge, headUnitRules } from './headUnit';

let cabin: CabinProcess | null = null;
test.afterEach(async () => {
  closeBridges();
  if (cabin) expect(await cabin.stop()).toBe(0);
  cabin = null;
});

/** The flows do not depend on the screen size; brands.spec checks the Swap screen at both sizes. */
const ONE_SIZE = 'head-unit-1920x720';





const dock = (page: Page, name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true });

/** The pid of a simulated network's operator, from Cabin's own log line once the networks are up. */
async function operatorPid(c: CabinProcess, network: string): Promise<number> {
  await expect.poll(() => new RegExp(`${network} at http://\\S+ \\(pid (\\d+)\\)`).test(c.stderr()), { timeout: 90_000 }).toBe(true);
  return Number(new RegExp(`${network} at http://\\S+ \\(pid (\\d+)\\)`).exec(c.stderr())![1]);
}

test('swap-visit: booked from the low-battery assistant while moving, the Home card, arrival, the swap with the new pack and SoC, and a receipt', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== ONE_SIZE, 'the flow does not depend on the size; brands.spec checks the Swap screen at both sizes');
  test.setTimeout(240_000);
  cabin = await startCabin(['--scenario', 'swap-visit']);
  const invoke = await connectBridge(cabin.url);
  await page.goto(cabin.url);
  // On the road towards Century Avenue, the pack lower than the scenario starts with: the assistant warns.
  await expect.poll(async () => Number(await page.getByTestId('speed').textContent().then((s) => /\d+/.exec(s ?? '')?.[0] ?? 0)), { timeout: 30_000 }).toBeGreaterThan(10);
  expect((await invoke('sim.override', { soc: 17 })).ok).toBe(true);
  const panel = page.getByTestId('low-battery-panel');
  await expect(panel).toBeVisible({ timeout: 30_000 });
  // The swap network starts with the scenario (its first start on a machine initialises the template database).
  const swapOption = panel.locator('[data-testid="assistant-option"][data-key^="swap:voltswap/"]').first();
  await expect(swapOption).toBeVisible({ timeout: 150_000 });
  await expect(swapOption).toContainText('GB/T 40032');

  // Tap 1: the option opens the terms; tap 2: Book. Moving all along: the restriction engine allows taps, not typing.
  await swapOption.click();
  const sheet = page.getByTestId('swap-sheet');
  await expect(sheet).toBeVisible();
  await expect(sheet.getByTestId('swap-terms')).toBeVisible();
  await expect(sheet.getByTestId('swap-cancel-until')).toHaveText(/^until \d{2}:\d{2}$/);
  await expect(sheet.getByTestId('swap-noshow')).toContainText('No-show fee');
  await headUnitRules(page, 'swap terms while moving');
  await sheet.getByTestId('swap-book').click();
  await expect(page.getByTestId('swap-card')).toHaveAttribute('data-status', 'CONFIRMED');

  // Home: the booking card with the hold counting down and the ETA from the route.
  await dock(page, 'Home').click();
  const card = page.getByTestId('swap-card');
  await expect(card).toHaveAttribute('data-status', 'CONFIRMED');
  await expect(card.getByTestId('swap-countdown')).toHaveText(/^\d{1,2}:\d{2}$/);
  await expect(card.getByTestId('swap-eta')).toHaveText(/\d+ min · /);
  await headUnitRules(page, 'Home booking card');
  const first = await card.getByTestId('swap-countdown').textContent();
  await expect(card.getByTestId('swap-countdown')).not.toHaveText(first!);

  // Simulated time ×30: the car reaches the station, stops in P, is checked in by the geofence and swapped.
  expect((await invoke('sim.control', { action: 'acceleration', value: 30 })).ok).toBe(true);
  await expect(card).toHaveAttribute('data-status', /ARRIVED|SWAPPING|COMPLETED/, { timeout: 60_000 });
  await expect(card).toHaveAttribute('data-status', 'COMPLETED', { timeout: 90_000 });
  const confirmation = card.getByTestId('swap-confirmation');
  await expect(confirmation).toHaveAttribute('data-state', 'confirmed', { timeout: 30_000 });
  // The car's own CAN reading: the operator's pack (its serial) at 95 %.
  await expect(confirmation).toHaveText(/^Pack 3\d{7} at 95\s?%: the swap is confirmed$/);
  await expect(page.getByTestId('soc')).toContainText(/9[45]/);
  await expect(card.getByTestId('swap-charge')).toHaveText(/CN¥\d+\.\d{2}/);
  await headUnitRules(page, 'Home swap complete');

  await dock(page, 'Swap').click();
  await page.getByTestId('swap-tab-history').click();
  const receipt = page.getByTestId('swap-receipt').first();
  await expect(receipt).toHaveAttribute('data-status', 'COMPLETED');
  await expect(receipt).toContainText('confirmed by the car');
  await headUnitRules(page, 'receipts');
  await page.getByTestId('swap-tab-compare').click();
  await expect(page.getByTestId('charge-or-swap')).toBeVisible();
  await headUnitRules(page, 'charge or swap');
});

test('an operator that fails in the middle of a booking: a clear message, and no booking left behind', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== ONE_SIZE, 'the flow does not depend on the size; brands.spec checks the Swap screen at both sizes');
  test.setTimeout(180_000);
  cabin = await startCabin([]);
  await page.goto(cabin.url);
  await dock(page, 'Swap').click();
  const station = page.locator('[data-testid="swap-station"][data-id="vs-gz-tianhe"]');
  await expect(station).toBeVisible({ timeout: 150_000 });
  const pid = await operatorPid(cabin, 'VoltSwap');
  await station.click();
  await expect(page.getByTestId('swap-terms')).toBeVisible();

  // The operator stops answering with the request on its way, then dies.
  process.kill(pid, 'SIGSTOP');
  try {
    await page.getByTestId('swap-book').click();
    await expect(page.getByTestId('swap-card')).toHaveAttribute('data-status', 'requesting');
  } finally {
    process.kill(pid, 'SIGKILL');
  }
  const card = page.getByTestId('swap-card');
  await expect(card).toHaveAttribute('data-status', 'refused', { timeout: 60_000 });
  await expect(card.getByTestId('swap-problem')).toHaveText('VoltSwap did not answer in time. No booking was made; if one was made after all, it will be cancelled.');
  await expect(page.getByTestId('swap-networks')).toContainText('VoltSwap cannot be reached');
  await headUnitRules(page, 'swap operator failed');

  // Nothing booked: put the message away and nothing remains, on Home or in the receipts.
  await card.getByTestId('swap-dismiss').click();
  await dock(page, 'Home').click();
  await expect(page.getByTestId('swap-card')).toHaveCount(0);
  await dock(page, 'Swap').click();
  await page.getByTestId('swap-tab-history').click();
  await expect(page.getByTestId('swap-receipt')).toHaveCount(0);
});

test('a charger reserved with its fee shown first, then one refused with EVSE_OCCUPIED', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== ONE_SIZE, 'the flow does not depend on the size; brands.spec checks the Swap screen at both sizes');
  test.setTimeout(120_000);
  cabin = await startCabin([]);
  await page.goto(cabin.url);
  await dock(page, 'Swap').click();
  await page.getByTestId('swap-tab-reserve').click();
  const stations = page.getByTestId('reservable-station');
  await expect(stations.first()).toBeVisible({ timeout: 60_000 });

  // The nearest reservable stations, fresh from the operator: one charger free, one in use.
  let free: { key: string; uid: string } | null = null;
  let busy: { key: string; uid: string } | null = null;
  for (let i = 0; i < (await stations.count()) && !(free && busy); i++) {
    const key = (await stations.nth(i).getAttribute('data-key'))!;
    await stations.nth(i).click();
    await expect(page.getByTestId('reservation-offer')).toBeVisible();
    for (const evse of await page.getByTestId('reserve-evse').all()) {
      const status = await evse.getAttribute('data-status');
      const uid = (await evse.getAttribute('data-uid'))!;
      if (status === 'AVAILABLE' && !free) free = { key, uid };
      if (status === 'CHARGING' && !busy) busy = { key, uid };
    }
  }
  if (!free || !busy) throw new Error('no free and no busy reservable charger near the demo location');

  await page.locator(`[data-testid="reservable-station"][data-key="${free.key}"]`).click();
  // The fee, from the operator's tariff, before confirming.
  await expect(page.getByTestId('reservation-fee')).toHaveText(/CN¥5\.00 to reserve \+ CN¥12\.00 an hour \(5-minute steps\): at most CN¥\d+\.\d{2}; CN¥10\.00 if unused/);
  await headUnitRules(page, 'reservation offer');
  await page.locator(`[data-testid="reserve-evse"][data-uid="${free.uid}"]`).click();
  const card = page.getByTestId('reservation-card');
  await expect(card).toHaveAttribute('data-status', 'reserved');
  await expect(card.getByTestId('reservation-countdown')).toHaveText(/^\d{1,2}:\d{2}$/);
  await dock(page, 'Home').click();
  await expect(page.getByTestId('reservation-card')).toHaveAttribute('data-status', 'reserved');
  await page.getByTestId('reservation-cancel').click();
  await expect(page.getByTestId('reservation-card')).toHaveAttribute('data-status', 'ended');
  await page.getByTestId('reservation-dismiss').click();

  await dock(page, 'Swap').click();
  await page.getByTestId('swap-tab-reserve').click();
  await page.locator(`[data-testid="reservable-station"][data-key="${busy.key}"]`).click();
  await page.locator(`[data-testid="reserve-evse"][data-uid="${busy.uid}"]`).click();
  await expect(card).toHaveAttribute('data-status', 'refused');
  const outcome = card.getByTestId('reservation-outcome');
  await expect(outcome).toHaveAttribute('data-outcome', 'EVSE_OCCUPIED');
  await expect(outcome).toHaveText('This charger is in use: it could not be reserved.');
  await headUnitRules(page, 'reservation refused');
});
