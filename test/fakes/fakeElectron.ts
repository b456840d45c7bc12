// A hand-made stand-in for the `electron` module that records calls, because no Electron binary can be had in tests.
import { EventEmitter } from 'node:events';

/** What the adapter's listeners receive as `event`: preventDefault is recorded, not enforced. */
export class FakeEvent {
  defaultPrevented = false;
  constructor(readonly extra: Record<string, unknown> = {}) {
    Object.assign(this, extra);
  }
  preventDefault() {
    this.defaultPrevented = true;
  }
}

export class FakeWebFrameMain {
  constructor(
    public url: string,
    readonly parent: FakeWebFrameMain | null = null,
  ) {}
  get top(): FakeWebFrameMain {
    return this.parent ? this.parent.top : this;
  }
}

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame = new FakeWebFrameMain('');
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  readonly loads: string[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  crashCount = 0;
  destroyed = false;
  /** When false, loads never finish (a renderer that hangs while loading). */
  autoFinishLoads = true;

  send(channel: string, ...args: unknown[]) {
    if (this.destroyed) throw new Error('Object has been destroyed');
    // Electron serialises with structured clone; cloning here catches non-cloneable payloads.
    this.sent.push({ channel, args: structuredClone(args) });
  }
  getURL() {
    return this.mainFrame.url;
  }
  async loadURL(url: string) {
    this.loads.push(url);
    this.mainFrame.url = url;
    this.emit('did-start-navigation', new FakeEvent({ url, isMainFrame: true, isSameDocument: false }), url, false, true);
    if (!this.autoFinishLoads) return;
    await new Promise((resolve) => setImmediate(resolve));
    if (this.destroyed) return;
    this.emit('did-finish-load');
  }
  async loadFile(file: string) {
    return this.loadURL(`file://${file}`);
  }
  reload() {
    void this.loadURL(this.mainFrame.url);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }) {
    this.windowOpenHandler = handler;
  }
  forcefullyCrashRenderer() {
    this.crashCount += 1;
    this.emit('render-process-gone', new FakeEvent(), { reason: 'killed', exitCode: 9 });
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  visible = false;
  focused = 0;
  minimized = false;
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
    app.emit('web-contents-created', new FakeEvent(), this.webContents);
  }
  show() {
    this.visible = true;
  }
  isVisible() {
    return this.visible;
  }
  focus() {
    this.focused += 1;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.minimized = false;
  }
  isDestroyed() {
    return this.destroyed;
  }
  loadURL(url: string) {
    return this.webContents.loadURL(url);
  }
  close() {
    this.destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  version = '9.8.7';
  paths: Record<string, string> = { userData: '/nonexistent/cabin-user-data' };
  appPath = '/nonexistent/cabin-app';
  singleInstance = true;
  sandboxEnabled = false;
  quitCalls = 0;
  exitCodes: number[] = [];
  private ready = false;
  getVersion() {
    return this.version;
  }
  getPath(name: string) {
    const path = this.paths[name];
    if (!path) throw new Error(`fake app has no path "${name}"`);
    return path;
  }
  getAppPath() {
    return this.appPath;
  }
  enableSandbox() {
    if (this.ready) throw new Error('enableSandbox must be called before ready');
    this.sandboxEnabled = true;
  }
  requestSingleInstanceLock() {
    return this.singleInstance;
  }
  whenReady() {
    this.ready = true;
    return Promise.resolve();
  }
  isReady() {
    return this.ready;
  }
  /** Like Electron: before-quit, then will-quit, either of which may be prevented. */
  quit() {
    this.quitCalls += 1;
    const before = new FakeEvent();
    this.emit('before-quit', before);
    if (before.defaultPrevented) return;
    const will = new FakeEvent();
    this.emit('will-quit', will);
    if (will.defaultPrevented) return;
    this.emit('quit', new FakeEvent(), 0);
  }
  exit(code = 0) {
    this.exitCodes.push(code);
  }
  reset() {
    this.removeAllListeners();
    Object.assign(this, {
      isPackaged: false,
      version: '9.8.7',
      paths: { userData: '/nonexistent/cabin-user-data' },
      appPath: '/nonexistent/cabin-app',
      singleInstance: true,
      sandboxEnabled: false,
      quitCalls: 0,
      exitCodes: [],
      ready: false,
    });
  }
}

export interface FakeIpcMainEvent {
  sender: FakeWebContents;
  senderFrame: FakeWebFrameMain | null;
}

class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, (event: FakeIpcMainEvent, ...args: unknown[]) => unknown>();
  handle(channel: string, handler: (event: FakeIpcMainEvent, ...args: unknown[]) => unknown) {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  /** What ipcRenderer.invoke would do: the handler's (awaited) return value, or a rejection. */
  async invoke(channel: string, event: FakeIpcMainEvent, ...args: unknown[]) {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return structuredClone(await handler(event, ...args));
  }
  reset() {
    this.removeAllListeners();
    this.handlers.clear();
  }
}

type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]>; cancel?: boolean }) => void,
) => void;

class FakeSession {
  headersListener: HeadersListener | null = null;
  permissionRequestHandler: ((...args: unknown[]) => void) | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener) => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: (...args: unknown[]) => void) {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean) {
    this.permissionCheckHandler = handler;
  }
  reset() {
    this.headersListener = null;
    this.permissionRequestHandler = null;
    this.permissionCheckHandler = null;
  }
}

class FakeIpcRenderer extends EventEmitter {
  readonly invoked: Array<{ channel: string; args: unknown[] }> = [];
  readonly sentToMain: Array<{ channel: string; args: unknown[] }> = [];
  invoke(channel: string, ...args: unknown[]) {
    this.invoked.push({ channel, args });
    return Promise.resolve({ ok: true, value: null });
  }
  send(channel: string, ...args: unknown[]) {
    this.sentToMain.push({ channel, args });
  }
}

export const app = new FakeApp();
export const ipcMain = new FakeIpcMain();
export const ipcRenderer = new FakeIpcRenderer();
const defaultSession = new FakeSession();
export const session = { defaultSession };

export const mainWorld: Record<string, unknown> = {};
export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown) {
    if (Object.hasOwn(mainWorld, key)) throw new Error(`Cannot bind an API on top of an existing property "${key}"`);
    mainWorld[key] = api;
  },
};

export const protocol = {
  privileged: [] as Array<{ scheme: string; privileges: Record<string, boolean> }>,
  handlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
  registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>) {
    if (app.isReady()) throw new Error('registerSchemesAsPrivileged must be called before ready');
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response) {
    this.handlers.set(scheme, handler);
  },
};

export const dialog = {
  errors: [] as Array<{ title: string; content: string }>,
  showErrorBox(title: string, content: string) {
    this.errors.push({ title, content });
  },
};

export const Menu = {
  applicationMenu: undefined as unknown,
  setApplicationMenu(menu: unknown) {
    this.applicationMenu = menu;
  },
};

export const BrowserWindow = FakeBrowserWindow;

/**
 * Stands in for the OS key store: "seals" by a reversible transform under a per-user secret, so a sealed file
 * never holds the key in the clear, and a different user (secret) cannot open it. Usable only after ready.
 */
export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret',
  secret: 0x5a,
  isEncryptionAvailable() {
    return app.isReady() && this.available;
  },
  getSelectedStorageBackend() {
    return this.backend;
  },
  encryptString(plainText: string): Buffer {
    if (!this.isEncryptionAvailable()) throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
    const secret = this.secret;
    return Buffer.concat([Buffer.from('v11'), Buffer.from(plainText, 'utf8').map((b) => b ^ secret)]);
  },
  decryptString(encrypted: Buffer): string {
    if (!this.isEncryptionAvailable()) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString. Decryption is not available.');
    if (encrypted.subarray(0, 3).toString() !== 'v11') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    const secret = this.secret;
    return Buffer.from(encrypted.subarray(3).map((b) => b ^ secret)).toString('utf8');
  },
};

/** Puts every fake back to its initial state; call in beforeEach. */
export function resetFakeElectron() {
  app.reset();
  ipcMain.reset();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invoked.length = 0;
  ipcRenderer.sentToMain.length = 0;
  defaultSession.reset();
  for (const key of Object.keys(mainWorld)) delete mainWorld[key];
  protocol.privileged.length = 0;
  protocol.handlers.clear();
  dialog.errors.length = 0;
  Menu.applicationMenu = undefined;
  FakeBrowserWindow.created.length = 0;
  safeStorage.available = true;
  safeStorage.backend = 'gnome_libsecret';
  safeStorage.secret = 0x5a;
}

/** The module object `vi.mock('electron', …)` returns. */
export const fakeElectronModule = {
  app,
  BrowserWindow,
  contextBridge,
  dialog,
  ipcMain,
  ipcRenderer,
  Menu,
  protocol,
  safeStorage,
  session,
};
