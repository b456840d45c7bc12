// What every e2e screen check shares: the head-unit rules (nothing scrolls, every control a touch target, a screenshot kept) and the host's own bridge for driving the simulated car.
import { expect, test, type Page } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';

/** What a finger can press: each must be a touch target. */
export const CONTROLS = 'button, [role="radio"], [role="checkbox"], [role="tab"], input';

/**
 * The head-unit rules on what is showing: nothing scrolls (the page or the screen area) and every control is
 * ≥ 76 × 76 px (a map's own panes excepted: Leaflet places them). Kept as a test artifact: a screenshot.
 */
export async function headUnitRules(page: Page, where: string): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(`${where.replace(/[^\p{L}\p{N}-]+/gu, '-')}.png`) });
  const layout = await page.evaluate((selector) => {
    const main = document.querySelector('main')!;
    const scrolls = [document.documentElement, main].filter((el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1).map((el) => el.tagName);
    const small = [...document.querySelectorAll<HTMLElement>(selector)]
      .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('.leaflet-container'))
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ el, box }) => box.height < 76 || (el.tagName !== 'INPUT' && box.width < 76))
      .map(({ el, box }) => `${el.tagName} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
    return { scrolls, small };
  }, CONTROLS);
  expect(layout.scrolls, `${where}: nothing scrolls`).toEqual([]);
  expect(layout.small, `${where}: touch targets`).toEqual([]);
}

export type Invoke = (name: string, request: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>;

const bridges: Socket[] = [];

/** The host's own bridge, as the page uses it: for driving the simulated car (the control panel's intents). */
export async function connectBridge(url: string): Promise<Invoke> {
  const { origin, searchParams } = new URL(url);
  const socket = io(origin, { path: '/bridge', transports: ['websocket'], auth: { token: searchParams.get('token') } });
  bridges.push(socket);
  await new Promise<void>((done, fail) => {
    socket.once('connect', () => done());
    socket.once('connect_error', fail);
  });
  return (name, request) => socket.timeout(10_000).emitWithAck('cabin:intent', name, JSON.stringify(request));
}

/** Call in afterEach, before the Cabin they talk to stops. */
export function closeBridges(): void {
  for (const socket of bridges.splice(0)) socket.close();
}
