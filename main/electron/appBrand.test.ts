// The Electron app takes its brand from --brand / CABIN_BRAND, sends the CSP with the brand's tile origins, and sets the panel's backlight (here a fake sysfs folder).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backlightLevel } from '../../shared/display/brightness';
import { projectRoot } from '../../test/fixtures/corpus';
import { app, protocol, resetFakeElectron, session } from '../../test/fakes/fakeElectron';
import { runApp, type CabinApp } from './app';

vi.mock('electron', async () => (await import('../../test/fakes/fakeElectron')).fakeElectronModule);

let dir: string;
let lines: string[];
const running: CabinApp[] = [];

beforeEach(async () => {
  resetFakeElectron();
  app.appPath = projectRoot;
  dir = await mkdtemp(join(tmpdir(), 'cabin-electron-brand-'));
  app.paths.userData = join(dir, 'userData');
  lines = [];
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.host.close()));
  await rm(dir, { recursive: true, force: true });
});

async function start(args: string[], env: Record<string, string>) {
  const cabin = await runApp({ argv: ['/usr/bin/electron', 'out/main/index.js', ...args], env, report: (l) => lines.push(l), handleSignals: false });
  if (!cabin) throw new Error('did not start');
  running.push(cabin);
  return cabin;
}

async function fakeBacklight(): Promise<string> {
  const sysfs = join(dir, 'backlight');
  await mkdir(join(sysfs, 'panel'), { recursive: true });
  await writeFile(join(sysfs, 'panel', 'max_brightness'), '255\n');
  await writeFile(join(sysfs, 'panel', 'brightness'), '255\n');
  return sysfs;
}

const cspOf = (headers: Record<string, string[]> | undefined) => headers?.['Content-Security-Policy']?.[0] ?? '';

describe('the Electron app and the brand', () => {
  it('shows --brand over CABIN_BRAND, and its CSP admits exactly that brand\'s tile origins', async () => {
    const cabin = await start(['--brand', 'ironbark'], { CABIN_BRAND: 'voltra', CABIN_BACKLIGHT_DIR: await fakeBacklight() });
    expect(cabin.host.store.getState().brand.active.id).toBe('ironbark');
    let headers: Record<string, string[]> | undefined;
    session.defaultSession.headersListener!({ url: 'app://cabin/index.html', responseHeaders: {} }, (r) => (headers = r.responseHeaders));
    expect(cspOf(headers)).toContain("img-src 'self' data: https://a.tile.openstreetmap.fr https://b.tile.openstreetmap.fr https://c.tile.openstreetmap.fr;");
    const page = await protocol.handlers.get('app')!(new Request('app://cabin/brand-assets/ironbark/brand.json'));
    expect(page.status).toBe(404);
  });

  it('CABIN_BRAND is taken when there is no flag', async () => {
    const cabin = await start([], { CABIN_BRAND: 'aurelia', CABIN_BACKLIGHT_DIR: await fakeBacklight() });
    expect(cabin.host.store.getState().brand.active.id).toBe('aurelia');
  });

  it('sets the panel\'s backlight from the day brightness', async () => {
    const sysfs = await fakeBacklight();
    const cabin = await start(['--head-unit'], { CABIN_BACKLIGHT_DIR: sysfs });
    await cabin.host.invoke('settings.update', { themeMode: 'day', dayBrightness: 60 });
    const expected = Math.round(backlightLevel(60) * 255);
    await vi.waitFor(async () => expect(Number(await readFile(join(sysfs, 'panel', 'brightness'), 'utf8'))).toBe(expected), { timeout: 10_000, interval: 20 });
    expect(lines).toContain('display: brightness goes to the backlight panel (max 255) unless the vehicle maps Vehicle.Cabin.Infotainment.HMI.Brightness');
    expect(cabin.host.store.getState().ui.app.transport).toBe('electron');
  });
});
