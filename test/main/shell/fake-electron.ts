/**
 * A fake 'electron' module: just the parts the shell and the preload use, each recording
 * what it was asked to do. Tests install it with
 *   vi.mock('electron', () => import('./fake-electron'))
 * and read the records (and drive events) through the same objects. The objects keep
 * their identity across tests (the shell imported them once); resetFakeElectron() clears
 * their state.
 */
import { EventEmitter } from 'node:events';

// A fake stands in for listeners of every Electron signature, so it cannot be more precise.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Listener = (...args: any[]) => unknown;

/** The Event object Electron passes to cancellable listeners. */
export class FakeEvent {
  defaultPrevented = false;
  constructor(extra: Record<string, unknown> = {}) {
    Object.assign(this, extra);
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

let nextWebContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  url = '';
  destroyed = false;
  readonly sent: unknown[][] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  get mainFrame(): { url: string; parent: null } {
    return { url: this.url, parent: null };
  }
  send(...args: unknown[]): void {
    this.sent.push(args);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  getURL(): string {
    return this.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Test helper: fire a cancellable navigation event and say whether the shell let it through. */
  navigate(eventName: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', url: string): boolean {
    const event = new FakeEvent({ url });
    this.emit(eventName, event, url);
    return !event.defaultPrevented;
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  minimized = false;
  maximized = false;
  visible = false;
  focused = false;
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.instances.push(this);
    app.emit('web-contents-created', new FakeEvent(), this.webContents);
  }
  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    this.webContents.url = url;
  }
  /** Test helper: the page finished loading. */
  finishLoad(): void {
    this.emit('ready-to-show');
    this.webContents.emit('did-finish-load');
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  /** The bounds it was opened with, as if never moved (tests set `bounds` to move it). */
  bounds: { x: number; y: number; width: number; height: number } | null = null;
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    const o = this.options as { x?: number; y?: number; width?: number; height?: number };
    return this.bounds ?? { x: o.x ?? 0, y: o.y ?? 0, width: o.width ?? 0, height: o.height ?? 0 };
  }
  minimize(): void {
    this.minimized = true;
  }
  restore(): void {
    this.minimized = false;
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
    this.focused = false;
  }
  /** Test helper: the agent clicked the window's close button; true when it really closed. */
  requestClose(): boolean {
    const event = new FakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    this.close();
    return true;
  }
  focus(): void {
    this.focused = true;
  }
  isFocused(): boolean {
    return this.focused;
  }
  isVisible(): boolean {
    return this.visible;
  }
  /** Test helper: the agent switched to another app. */
  blur(): void {
    this.focused = false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  close(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  destroy(): void {
    if (this.destroyed) return;
    this.close();
  }
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.instances.filter((window) => !window.destroyed);
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  lockAcquired = true;
  quitCalls = 0;
  sandboxEnabled = false;
  badgeCount: number | null = null;
  loginItem: { openAtLogin?: boolean } | null = null;
  readonly protocolClients: { scheme: string; path?: string; args?: string[] }[] = [];
  private ready = false;
  private resolveReady: () => void = () => {};
  private readyPromise = this.freshReadyPromise();

  private freshReadyPromise(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.resolveReady = resolve;
    });
  }
  reset(): void {
    this.removeAllListeners();
    this.isPackaged = false;
    this.lockAcquired = true;
    this.quitCalls = 0;
    this.sandboxEnabled = false;
    this.badgeCount = null;
    this.paths = {};
    this.loginItem = null;
    this.protocolClients.length = 0;
    this.ready = false;
    this.readyPromise = this.freshReadyPromise();
  }
  /** Test helper: Electron finished initialising. */
  becomeReady(): void {
    this.ready = true;
    this.emit('ready');
    this.resolveReady();
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  isReady(): boolean {
    return this.ready;
  }
  requestSingleInstanceLock(): boolean {
    return this.lockAcquired;
  }
  quit(): void {
    this.quitCalls += 1;
  }
  /** Test helper: what app.quit() does first; true when no listener kept the app open. */
  tryQuit(): boolean {
    const event = new FakeEvent();
    this.emit('before-quit', event);
    return !event.defaultPrevented;
  }
  setBadgeCount(count: number): boolean {
    this.badgeCount = count;
    return true;
  }
  setLoginItemSettings(settings: { openAtLogin?: boolean }): void {
    this.loginItem = settings;
  }
  enableSandbox(): void {
    this.sandboxEnabled = true;
  }
  setAsDefaultProtocolClient(scheme: string, path?: string, args?: string[]): boolean {
    this.protocolClients.push({ scheme, ...(path ? { path } : {}), ...(args ? { args } : {}) });
    return true;
  }
  /** Test helper: real folders for some names (e.g. a temporary userData). */
  paths: Record<string, string> = {};
  getPath(name: string): string {
    return this.paths[name] ?? `/fake/${name}`;
  }
  getVersion(): string {
    return '9.9.9';
  }
  getAppPath(): string {
    return '/fake/app';
  }
}

export const app = new FakeApp();

class FakeIpcMain {
  readonly handlers = new Map<string, Listener>();
  readonly listeners = new Map<string, Set<Listener>>();
  on(channel: string, listener: Listener): void {
    const set = this.listeners.get(channel) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(channel, set);
  }
  removeListener(channel: string, listener: Listener): void {
    this.listeners.get(channel)?.delete(listener);
  }
  /** Test helper: what ipcRenderer.send from `sender` would deliver. */
  sendFrom(sender: FakeWebContents, frameUrl: string | null, channel: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(channel) ?? []) {
      listener({ sender, senderFrame: frameUrl === null ? null : { url: frameUrl } }, ...args);
    }
  }
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Test helper: what ipcRenderer.invoke from `sender` would get back. */
  async invokeFrom(
    sender: FakeWebContents,
    frameUrl: string | null,
    channel: string,
    ...args: unknown[]
  ): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ sender, senderFrame: frameUrl === null ? null : { url: frameUrl } }, ...args);
  }
}

export const ipcMain = new FakeIpcMain();

class FakeSession {
  headersListener: { filter: unknown; listener: Listener } | null = null;
  permissionRequestHandler: Listener | null = null;
  permissionCheckHandler: Listener | null = null;
  readonly protocolHandlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  readonly webRequest = {
    onHeadersReceived: (filter: unknown, listener: Listener): void => {
      this.headersListener = { filter, listener };
    },
  };
  readonly protocol = {
    handle: (scheme: string, handler: (request: Request) => Response | Promise<Response>): void => {
      this.protocolHandlers.set(scheme, handler);
    },
  };
  setPermissionRequestHandler(handler: Listener | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Listener | null): void {
    this.permissionCheckHandler = handler;
  }
  reset(): void {
    this.headersListener = null;
    this.permissionRequestHandler = null;
    this.permissionCheckHandler = null;
    this.protocolHandlers.clear();
  }
  /** Test helper: run a response through the headers listener; returns what it answered. */
  receiveHeaders(details: Record<string, unknown>): Record<string, unknown> {
    let answer: Record<string, unknown> | undefined;
    this.headersListener?.listener(details, (response: Record<string, unknown>) => {
      answer = response;
    });
    if (!answer) throw new Error('onHeadersReceived listener did not answer');
    return answer;
  }
  /** Test helper: a permission request; resolves to whether it was granted. */
  requestPermission(permission: string, details: Record<string, unknown>): boolean {
    let granted: boolean | undefined;
    this.permissionRequestHandler?.(new FakeWebContents(), permission, (value: boolean) => (granted = value), details);
    if (granted === undefined) throw new Error('permission request handler did not answer');
    return granted;
  }
  checkPermission(permission: string, origin: string, details: Record<string, unknown>): boolean {
    if (!this.permissionCheckHandler) throw new Error('no permission check handler');
    return Boolean(this.permissionCheckHandler(null, permission, origin, { isMainFrame: true, ...details }));
  }
}

export const session = { defaultSession: new FakeSession() };

export const protocol = {
  privileged: [] as unknown[],
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    protocol.privileged.push(...schemes);
  },
};

export const shell = {
  opened: [] as string[],
  async openExternal(url: string): Promise<void> {
    shell.opened.push(url);
  },
};

export const dialog = {
  errors: [] as { title: string; content: string }[],
  showErrorBox(title: string, content: string): void {
    dialog.errors.push({ title, content });
  },
  /** The button index showMessageBoxSync answers (0: the first button). */
  answer: 0,
  asked: [] as unknown[],
  showMessageBoxSync(...args: unknown[]): number {
    dialog.asked.push(args[args.length - 1]);
    return dialog.answer;
  },
  /** Where the save dialog answers the agent chose to save (null: they cancelled). */
  savePath: null as string | null,
  async showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath: string }> {
    dialog.asked.push(args[args.length - 1]);
    return dialog.savePath ? { canceled: false, filePath: dialog.savePath } : { canceled: true, filePath: '' };
  },
};

export const Menu = {
  applied: null as unknown,
  buildFromTemplate(template: unknown[]): { template: unknown[] } {
    return { template };
  },
  setApplicationMenu(menu: unknown): void {
    Menu.applied = menu;
  },
};

export class Notification extends EventEmitter {
  static supported = true;
  static instances: Notification[] = [];
  shown = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    Notification.instances.push(this);
  }
  static isSupported(): boolean {
    return Notification.supported;
  }
  show(): void {
    this.shown = true;
  }
  closed = false;
  close(): void {
    this.closed = true;
    this.emit('close');
  }
}

/** Encrypts by prefixing, so a test can tell an encrypted file from plain text. */
export const safeStorage = {
  available: true,
  isEncryptionAvailable(): boolean {
    return safeStorage.available;
  },
  encryptString(plainText: string): Buffer {
    return Buffer.from(`enc:${Buffer.from(plainText).toString('base64')}`);
  },
  decryptString(encrypted: Buffer): string {
    const text = encrypted.toString();
    if (!text.startsWith('enc:'))
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(text.slice(4), 'base64').toString();
  },
};

// Renderer side, for the preload.
export const contextBridge = {
  exposed: {} as Record<string, unknown>,
  exposeInMainWorld(key: string, api: unknown): void {
    contextBridge.exposed[key] = api;
  },
};

class FakeIpcRenderer extends EventEmitter {
  readonly invoked: unknown[][] = [];
  readonly sentMessages: unknown[][] = [];
  send(channel: string, ...args: unknown[]): void {
    this.sentMessages.push([channel, ...args]);
  }
  reply: unknown = { ok: true, value: null };
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push([channel, ...args]);
    return this.reply;
  }
  reset(): void {
    this.removeAllListeners();
    this.invoked.length = 0;
    this.sentMessages.length = 0;
    this.reply = { ok: true, value: null };
  }
}

export const ipcRenderer = new FakeIpcRenderer();

/** Sleep, wake, lock and unlock: tests emit 'resume' or 'unlock-screen'. */
export const powerMonitor = new EventEmitter();

/** Images are their path, so a test reads which icon the tray shows. */
export const nativeImage = {
  createFromPath(path: string): { path: string } {
    return { path };
  },
};

export class Tray extends EventEmitter {
  static instances: Tray[] = [];
  image: { path: string };
  tooltip = '';
  menu: { template: Record<string, unknown>[] } | null = null;
  destroyed = false;
  constructor(image: { path: string }) {
    super();
    this.image = image;
    Tray.instances.push(this);
  }
  setImage(image: { path: string }): void {
    this.image = image;
  }
  setToolTip(tooltip: string): void {
    this.tooltip = tooltip;
  }
  setContextMenu(menu: { template: Record<string, unknown>[] }): void {
    this.menu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }
  /** Test helper: the menu item with this label (searching submenus too). */
  item(label: string | RegExp): Record<string, unknown> {
    const find = (items: Record<string, unknown>[]): Record<string, unknown> | undefined => {
      for (const item of items) {
        const text = String(item['label'] ?? '');
        if (typeof label === 'string' ? text === label : label.test(text)) return item;
        const sub = item['submenu'];
        if (Array.isArray(sub)) {
          const found = find(sub as Record<string, unknown>[]);
          if (found) return found;
        }
      }
      return undefined;
    };
    const found = find(this.menu?.template ?? []);
    if (!found) throw new Error(`no tray menu item ${String(label)}`);
    return found;
  }
}

/** Accelerators in `taken` are held by "another application": register answers false. */
export const globalShortcut = {
  registered: new Map<string, () => void>(),
  taken: new Set<string>(),
  register(accelerator: string, callback: () => void): boolean {
    if (accelerator.includes('Bogus')) throw new TypeError('conversion failure');
    if (globalShortcut.taken.has(accelerator) || globalShortcut.registered.has(accelerator)) return false;
    globalShortcut.registered.set(accelerator, callback);
    return true;
  },
  unregister(accelerator: string): void {
    globalShortcut.registered.delete(accelerator);
  },
  /** Test helper: the agent pressed the keys in another application. */
  press(accelerator: string): void {
    const callback = globalShortcut.registered.get(accelerator);
    if (!callback) throw new Error(`${accelerator} is not registered`);
    callback();
  },
};

export const crashReporter = {
  started: null as Record<string, unknown> | null,
  start(options: Record<string, unknown>): void {
    crashReporter.started = options;
  },
};

/** One 1920×1080 screen unless a test says otherwise. */
export const screen = {
  displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
  getAllDisplays(): { workArea: { x: number; y: number; width: number; height: number } }[] {
    return screen.displays;
  },
};

export const clipboard = {
  text: '',
  written: [] as string[],
  async readText(): Promise<string> {
    return clipboard.text;
  },
  writeText(text: string): void {
    clipboard.written.push(text);
  },
};

export function resetFakeElectron(): void {
  Tray.instances = [];
  globalShortcut.registered.clear();
  globalShortcut.taken.clear();
  clipboard.text = '';
  clipboard.written.length = 0;
  crashReporter.started = null;
  screen.displays = [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }];
  app.reset();
  BrowserWindow.instances = [];
  ipcMain.handlers.clear();
  ipcMain.listeners.clear();
  powerMonitor.removeAllListeners();
  session.defaultSession.reset();
  protocol.privileged.length = 0;
  shell.opened.length = 0;
  dialog.errors.length = 0;
  dialog.answer = 0;
  dialog.asked.length = 0;
  dialog.savePath = null;
  Menu.applied = null;
  Notification.supported = true;
  Notification.instances = [];
  contextBridge.exposed = {};
  ipcRenderer.reset();
  safeStorage.available = true;
}
