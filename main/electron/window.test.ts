import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { FakeBrowserWindow, resetFakeElectron } from '../../test/fakes/fakeElectron';
import { BACKGROUND_COLOR, createMainWindow, rendererUrl, SHOW_FALLBACK_MS, windowOptions } from './window';

vi.mock('electron', async () => (await import('../../test/fakes/fakeElectron')).fakeElectronModule);

beforeEach(() => {
  resetFakeElectron();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => vi.useRealTimers());

describe('window options', () => {
  it.each([false, true])('keep every security setting (kiosk %s)', (kiosk) => {
    const options = windowOptions({ kiosk });
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      spellcheck: false,
      preload: join(import.meta.dirname, '../preload/preload.cjs'),
    });
    expect(options.webPreferences?.preload).toMatch(/[/\\]preload[/\\]preload\.cjs$/);
    // Nothing that would undo them.
    expect(options.webPreferences).not.toHaveProperty('webSecurity');
    expect(options.webPreferences).not.toHaveProperty('allowRunningInsecureContent');
    expect(options.webPreferences).not.toHaveProperty('experimentalFeatures');
    // Dark and hidden until the first paint, so no white flash at night.
    expect(options.show).toBe(false);
    expect(options.backgroundColor).toBe(BACKGROUND_COLOR);
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(BACKGROUND_COLOR.slice(i, i + 2), 16));
    expect(0.2126 * r + 0.7152 * g + 0.0722 * b).toBeLessThan(32);
  });

  it('is 1920×720 in simulation, resizable down to a sensible minimum, not kiosk', () => {
    const options = windowOptions({ kiosk: false });
    expect(options).toMatchObject({ width: 1920, height: 720, useContentSize: true });
    expect(options.minWidth).toBeGreaterThanOrEqual(800);
    expect(options.minHeight).toBeGreaterThanOrEqual(480);
    expect(options.kiosk).toBeFalsy();
    expect(options.fullscreen).toBeFalsy();
    // DevTools only when a developer asks for them.
    expect(options.webPreferences?.devTools).toBe(false);
    expect(windowOptions({ kiosk: false, devTools: true }).webPreferences?.devTools).toBe(true);
    expect(windowOptions({ kiosk: true, devTools: true }).webPreferences?.devTools).toBe(false);
  });

  it('is a frameless fullscreen kiosk with --kiosk, without DevTools', () => {
    const options = windowOptions({ kiosk: true });
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, frame: false, autoHideMenuBar: true });
    expect(options.webPreferences?.devTools).toBe(false);
  });
});

describe('createMainWindow', () => {
  it('creates one hidden window and shows it on ready-to-show', () => {
    const window = createMainWindow({ kiosk: false }) as unknown as FakeBrowserWindow;
    expect(FakeBrowserWindow.created).toEqual([window]);
    expect(window.options).toEqual(windowOptions({ kiosk: false }));
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });

  it('shows the (dark) window anyway when the first paint never comes', () => {
    const window = createMainWindow({ kiosk: true }) as unknown as FakeBrowserWindow;
    vi.advanceTimersByTime(SHOW_FALLBACK_MS - 1);
    expect(window.visible).toBe(false);
    vi.advanceTimersByTime(1);
    expect(window.visible).toBe(true);
  });

  it('loads the built renderer from app://cabin, or the dev server when one is given', () => {
    expect(rendererUrl(undefined)).toBe('app://cabin/index.html');
    expect(rendererUrl('http://localhost:5173')).toBe('http://localhost:5173');
  });
});
