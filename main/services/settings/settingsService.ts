// Loads device settings at start-up, applies accepted changes to the store and persists them.
import { join } from 'node:path';
import {
  defaultSettings,
  settingsChanged,
  settingsLoaded,
  settingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../../shared/state/settingsSlice';
import { noticeRaised } from '../../../shared/state/uiSlice';
import type { HostStore } from '../../host/hostStore';
import { createVersionedJsonStore, type LoadOutcome } from '../storage/versionedJsonStore';

export const SETTINGS_FILE = 'settings.json';
export const SETTINGS_SCHEMA_VERSION = 1;

export interface SettingsService {
  update(patch: SettingsPatch): Promise<Settings>;
  /** Resolves once every accepted change is on disk. */
  idle(): Promise<void>;
}

export interface SettingsServiceOptions {
  dataDir: string;
  store: HostStore;
  report: (line: string) => void;
  now?: () => number;
}

export async function startSettingsService({
  dataDir,
  store,
  report,
  now = Date.now,
}: SettingsServiceOptions): Promise<SettingsService> {
  const file = createVersionedJsonStore<Settings>({
    path: join(dataDir, SETTINGS_FILE),
    schemaVersion: SETTINGS_SCHEMA_VERSION,
    schema: settingsSchema,
    defaults: () => ({ ...defaultSettings }),
    now,
  });
  const outcome = await file.load();
  store.dispatch(settingsLoaded(outcome.data));
  announce(outcome, store, report, now);

  // Writes are serialised so the file always ends with the latest accepted settings.
  let writing: Promise<void> = Promise.resolve();

  return {
    async update(patch) {
      store.dispatch(settingsChanged(patch));
      const next = store.getState().settings;
      writing = writing.then(() =>
        file.save(next).catch((error: Error) => {
          report(`settings: could not save ${file.path}: ${error.message}`);
          store.dispatch(
            noticeRaised({ id: `settings-write-${now()}`, code: 'settingsWriteFailed', detail: error.message, at: now() }),
          );
        }),
      );
      await writing;
      return next;
    },
    idle: () => writing,
  };
}

function announce(outcome: LoadOutcome<Settings>, store: HostStore, report: (line: string) => void, now: () => number) {
  if (outcome.kind === 'recovered') {
    report(`settings: ${outcome.problem}; restored the last good copy (unreadable file kept as ${outcome.movedTo})`);
    store.dispatch(
      noticeRaised({ id: `settings-${now()}`, code: 'settingsRestoredFromBackup', detail: outcome.problem, at: now() }),
    );
  } else if (outcome.kind === 'reset') {
    report(`settings: ${outcome.problem}; using defaults (unreadable file kept as ${outcome.movedTo})`);
    store.dispatch(noticeRaised({ id: `settings-${now()}`, code: 'settingsCorrupt', detail: outcome.problem, at: now() }));
  }
}
