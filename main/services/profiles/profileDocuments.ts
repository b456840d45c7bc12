// The profiles in the data folder: one encrypted document per profile ("profiles/<id>"), loaded with recovery, saved and erased.
import { PROFILE_MIGRATIONS } from '../../../shared/profiles/migrations';
import { newProfile, PROFILE_SCHEMA_VERSION, profileSchema, type Profile } from '../../../shared/profiles/profileSchema';
import type { ProfilesNoticeCode } from '../../../shared/state/profilesSlice';
import type { Storage } from '../storage/storage';
import type { DocumentSpec, SaveResult, SaveStatus, StorageNotice, StoredDocument } from '../storage/storedDocument';

export const PROFILES_FOLDER = 'profiles';

/** The document of one profile: the same spec for the host and for `cabin profiles`. */
export function profileDocumentSpec(id: string): DocumentSpec<Profile> {
  return {
    name: `${PROFILES_FOLDER}/${id}`,
    schema: profileSchema,
    schemaVersion: PROFILE_SCHEMA_VERSION,
    migrations: PROFILE_MIGRATIONS,
    encrypted: true,
    // Never saved: a profile that cannot be read is not listed (its file is kept aside and the driver told).
    defaults: () => newProfile(id, id, 'slate', 0),
  };
}

/** Something about one profile file the driver should be told. */
export interface ProfileFileNotice {
  code: ProfilesNoticeCode;
  profileId: string;
  /** The name, when the profile could still be read (restored from its backup). */
  profileName?: string;
  detail: string;
}

const NOTICE_CODES: Partial<Record<StorageNotice['kind'], ProfilesNoticeCode>> = {
  restoredFromBackup: 'restoredFromBackup',
  reset: 'unreadable',
  newerSchema: 'newerSchema',
  wrongKey: 'wrongKey',
  keyUnavailable: 'keyUnavailable',
  notSaved: 'notSaved',
};

export interface ProfileDocuments {
  /** Reads every profile in the folder; a file that cannot be read is set aside (never deleted) and reported. */
  loadAll(): Promise<{ profiles: Profile[]; notices: ProfileFileNotice[] }>;
  get(id: string): Profile | undefined;
  all(): Profile[];
  /** Keeps `profile` as the current one and writes it; a failed write stays pending and is retried. */
  save(profile: Profile): Promise<SaveResult>;
  /** Erases the profile's file, its backup and any copies set aside: its data, history and rules. */
  remove(id: string): Promise<SaveResult>;
  /** Called when a profile's save status changes (a retry landed, a write failed). */
  onStatus(listener: (id: string, status: SaveStatus) => void): void;
}

export function createProfileDocuments(storage: Storage, report: (line: string) => void): ProfileDocuments {
  const docs = new Map<string, StoredDocument<Profile>>();
  const profiles = new Map<string, Profile>();
  const listeners: Array<(id: string, status: SaveStatus) => void> = [];

  const open = (id: string) => {
    let doc = docs.get(id);
    if (!doc) {
      doc = storage.document(profileDocumentSpec(id));
      docs.set(id, doc);
      const opened = doc;
      opened.onStatus((status) => {
        for (const listener of listeners) listener(id, status);
      });
    }
    return doc;
  };

  return {
    async loadAll() {
      const notices: ProfileFileNotice[] = [];
      let names: string[];
      try {
        names = await storage.list(PROFILES_FOLDER);
      } catch (error) {
        report(`profiles: cannot list ${PROFILES_FOLDER}: ${(error as Error).message}`);
        return { profiles: [], notices: [{ code: 'unreadable', profileId: '', detail: `${PROFILES_FOLDER}: ${(error as Error).message}` }] };
      }
      for (const name of names) {
        const id = name.slice(PROFILES_FOLDER.length + 1);
        if (!/^[a-z0-9][a-z0-9_-]{2,31}$/.test(id)) {
          report(`profiles: ignoring ${name}.json (not a profile file name)`);
          continue;
        }
        const loaded = await open(id).load();
        const readable = loaded.source !== 'defaults';
        // A profile file names its own id; one renamed by hand is read under its file name, the one that is saved.
        const profile = readable ? { ...loaded.data, id } : null;
        if (profile) profiles.set(id, profile);
        for (const notice of loaded.notices) {
          const code = NOTICE_CODES[notice.kind];
          if (!code) continue;
          report(`profiles: ${notice.message}`);
          notices.push({ code, profileId: id, profileName: profile?.name, detail: notice.message });
        }
      }
      return { profiles: [...profiles.values()], notices };
    },
    get: (id) => profiles.get(id),
    all: () => [...profiles.values()],
    async save(profile) {
      const doc = open(profile.id);
      if (!profiles.has(profile.id)) await doc.load(); // a new profile: learn what is on disk (nothing) before writing
      profiles.set(profile.id, profile);
      return doc.save(profile);
    },
    async remove(id) {
      const doc = open(id);
      const removed = await doc.remove();
      if (removed.ok) profiles.delete(id);
      return removed;
    },
    onStatus(listener) {
      listeners.push(listener);
    },
  };
}
