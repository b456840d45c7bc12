// The one Cabin window: secure webPreferences, a dark first paint, 1920×720 on a desktop or kiosk on a head unit.
import { join } from 'node:path';
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import { APP_ORIGIN } from './security';

/** The reference head-unit layout. */
export const WINDOW_SIZE = { width: 1920, height: 720 } as const;
/** Smallest 7-inch head-unit panel the layouts are meant to survive. */
export const WINDOW_MIN_SIZE = { width: 1024, height: 600 } as const;
/** Painted before the page exists, so a night drive never sees a white flash. */
export const BACKGROUND_COLOR = '#0b0f14';

/** Longest a window stays hidden waiting for its first paint. */
export const SHOW_FALLBACK_MS = 3_000;

/** Built next to out/main/ by electron-vite; CommonJS because sandboxed preloads cannot be ES modules. */
export const PRELOAD_PATH = join(import.meta.dirname, '../preload/preload.cjs');
export const RENDERER_DIR = join(import.meta.dirname, '../renderer');

export interface WindowChoice {
  kiosk: boolean;
  /** Only when a developer asks (`--dev-tools`), never on a head unit. */
  devTools?: boolean;
}

export function windowOptions({ kiosk, devTools = false }: WindowChoice): BrowserWindowConstructorOptions {
  const secure: BrowserWindowConstructorOptions['webPreferences'] = {
    preload: PRELOAD_PATH,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    // DevTools open the app to anyone at the screen: off unless a developer asked for them.
    devTools: devTools && !kiosk,
  };
  const common: BrowserWindowConstructorOptions = {
    title: 'Cabin',
    backgroundColor: BACKGROUND_COLOR,
    show: false,
    webPreferences: secure,
  };
  if (kiosk) {
    return { ...common, kiosk: true, fullscreen: true, frame: false, autoHideMenuBar: true };
  }
  return {
    ...common,
    ...WINDOW_SIZE,
    minWidth: WINDOW_MIN_SIZE.width,
    minHeight: WINDOW_MIN_SIZE.height,
    useContentSize: true,
    resizable: true,
  };
}

/** Where the window's page comes from: the dev server in `electron-vite dev`, our protocol otherwise. */
export function rendererUrl(devServerUrl: string | undefined): string {
  return devServerUrl ? devServerUrl : `${APP_ORIGIN}/index.html`;
}

export function createMainWindow(choice: WindowChoice): BrowserWindow {
  const window = new BrowserWindow(windowOptions(choice));
  // A renderer that dies before its first paint never sends ready-to-show; the dark window is shown anyway
  // so the recovered page has somewhere to appear.
  const fallback = setTimeout(() => {
    if (!window.isDestroyed() && !window.isVisible()) window.show();
  }, SHOW_FALLBACK_MS);
  window.once('ready-to-show', () => {
    clearTimeout(fallback);
    window.show();
  });
  window.once('closed', () => clearTimeout(fallback));
  return window;
}
