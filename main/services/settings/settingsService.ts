// Loads device settings at start-up, applies accepted changes to the store and persists them in the document store.
import {
  defaultSettings,
  settingsChanged,
  settingsLoaded,
  settingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../../shared/state/settingsSlice';
import { noticeDismissed, noticeRaised, type Notice } from '../../../shared/state/uiSlice';
import type { HostStore } from '../../host/hostStore';
import type { Storage } from '../storage/storage';
import type { SaveStatus, StorageNotice } from '../storage/storedDocument';

export const SETTINGS_DOCUMENT = 'settings';
export const SETTINGS_SCHEMA_VERSION = 1;
/** One notice for "not saved yet": replaced while retrying, dismissed once a retry succeeds. */
const SAVE_NOTICE_ID = 'settings-save';

export interface SettingsService {
  /**
   * Applies the change at once and saves it. Rejects when it could not be saved (the change still applies and
   * stays pending, retried with backoff; or the folder is read-only), so the caller never hears "ok" for it.
   */
  update(patch: SettingsPatch): Promise<Settings>;
  /** Whether every accepted change is on disk, being written, retried, or cannot be written (read-only). */
  saveStatus(): SaveStatus;
  /** Tries a pending save once more and resolves when done (at close). */
  idle(): Promise<void>;
}

export interface SettingsServiceOptions {
  storage: Storage;
  store: HostStore;
  report: (line: string) => void;
  now?: () => number;
  /** What a first start uses instead of the built-in defaults, e.g. the brand's market language and units. */
  defaults?: Partial<Settings>;
}

const NOTICE_CODES: Record<Exclude<StorageNotice['kind'], 'readOnly' | 'tempFilesRemoved'>, Notice['code']> = {
  restoredFromBackup: 'settingsRestoredFromBackup',
  reset: 'settingsCorrupt',
  newerSchema: 'settingsNewerSchema',
  notSaved: 'settingsWriteFailed',
  // Settings are not encrypted; should they ever be, a key problem leaves the driver on defaults.
  wrongKey: 'settingsCorrupt',
  keyUnavailable: 'settingsCorrupt',
};

export async function startSettingsService({ storage, store, report, now = Date.now, defaults: firstStart = {} }: SettingsServiceOptions): Promise<SettingsService> {
  const document = storage.document<Settings>({
    name: SETTINGS_DOCUMENT,
    schema: settingsSchema,
    schemaVersion: SETTINGS_SCHEMA_VERSION,
    defaults: () => ({ ...defaultSettings, ...firstStart }),
  });

  const raise = (code: Notice['code'], detail: string, id = `settings-${code}-${now()}`) => {
    if (store.getState().ui.notices.some((n) => n.id === id)) store.dispatch(noticeDismissed({ id }));
    store.dispatch(noticeRaised({ id, code, detail, at: now() }));
  };

  const loaded = await document.load();
  store.dispatch(settingsLoaded(loaded.data));
  for (const notice of loaded.notices) {
    if (notice.kind === 'readOnly' || notice.kind === 'tempFilesRemoved') continue; // storage-wide, raised by the host
    report(`settings: ${notice.message}`);
    raise(NOTICE_CODES[notice.kind], notice.message, notice.kind === 'notSaved' ? SAVE_NOTICE_ID : undefined);
  }

  // A retry that finally lands takes the "not saved" notice away.
  document.onStatus((status) => {
    if (status.state !== 'saved') return;
    if (store.getState().ui.notices.some((n) => n.id === SAVE_NOTICE_ID)) {
      store.dispatch(noticeDismissed({ id: SAVE_NOTICE_ID }));
      report(`settings: saved ${document.path} after a retry`);
    }
  });

  return {
    async update(patch) {
      store.dispatch(settingsChanged(patch));
      const next = store.getState().settings;
      const saved = await document.save(next);
      if (saved.ok) return next;
      const { error } = saved;
      if (error.kind === 'readOnly') {
        throw new Error(`not saved: ${error.message}; the change applies until restart`);
      }
      report(`settings: could not save ${document.path}: ${error.message}`);
      raise('settingsWriteFailed', error.message, SAVE_NOTICE_ID);
      throw new Error(`not saved: ${error.message}; the change applies and saving is retried`);
    },
    saveStatus: () => document.status(),
    async idle() {
      await document.flush();
    },
  };
}
