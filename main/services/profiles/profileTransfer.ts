// `cabin profiles` without a running Cabin: read the profiles of a data folder without writing it, and import a checked file into it.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Profile } from '../../../shared/profiles/profileSchema';
import { MAX_PROFILES_FILE_BYTES, readProfilesFileText, type FileProblem } from '../../../shared/profiles/profilesFile';
import { decodeDocument } from '../storage/documentCodec';
import { createDevKeyProvider, DEV_KEY_FILE } from '../storage/encryption';
import { DataDirLockedError, openStorage } from '../storage/storage';
import { readDataDirLock } from '../storage/dataDirLock';
import { createProfileDocuments, PROFILES_FOLDER, profileDocumentSpec } from './profileDocuments';

export interface ReadProfiles {
  profiles: Profile[];
  /** One line per file that could not be read (it is left exactly as it is). */
  problems: string[];
}

/**
 * Reads every profile as the host would, but never writes: no temp-file cleanup, no key created, nothing set aside
 * or restored (a running Cabin may own the folder). A damaged file falls back to its backup, and says so.
 */
export async function readProfilesReadOnly(dataDir: string): Promise<ReadProfiles> {
  const folder = join(resolve(dataDir), PROFILES_FOLDER);
  let entries: string[];
  try {
    entries = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: [], problems: [] };
    throw error;
  }
  const ids = [...new Set(entries.map((e) => /^([a-z0-9][a-z0-9_-]{2,31})\.json(\.bak)?$/.exec(e)?.[1]).filter((id): id is string => !!id))].sort();
  const keyPath = join(resolve(dataDir), DEV_KEY_FILE);
  const hasKey = await stat(keyPath).then(() => true, () => false);
  const provider = createDevKeyProvider(resolve(dataDir));
  const key = async () => {
    if (!hasKey) throw new Error(`no key: ${keyPath} is missing, so encrypted profiles cannot be read`);
    return provider.dataKey();
  };
  const profiles: Profile[] = [];
  const problems: string[] = [];
  for (const id of ids) {
    const spec = profileDocumentSpec(id);
    const tried: string[] = [];
    let found: Profile | null = null;
    for (const file of [join(folder, `${id}.json`), join(folder, `${id}.json.bak`)]) {
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') tried.push(`${file}: ${(error as Error).message}`);
        continue;
      }
      const decoded = await decodeDocument(spec, bytes, file, key);
      if (decoded.ok) {
        found = { ...decoded.data, id };
        break;
      }
      tried.push(decoded.message);
    }
    if (found) profiles.push(found);
    if (tried.length) problems.push(found ? `${tried.join('; ')}; used the last good copy` : `${tried.join('; ')}; not read`);
  }
  return { profiles: profiles.sort((a, b) => a.name.localeCompare(b.name)), problems };
}

export type ImportOutcome =
  | { ok: true; imported: Profile[]; replaced: string[]; fromSchema: number }
  /** `locked`: a running Cabin holds the folder; `problems`: the file is wrong (nothing was written). */
  | { ok: false; locked?: string; newerSchema?: number; problems: FileProblem[] };

/**
 * Imports a profiles file into a data folder: the file is read and checked in full first (a newer schema is
 * refused naming it); then, holding the folder's lock, checked against the profiles already there; only when
 * nothing is wrong is any profile written (one document each, replacing a profile with the same id).
 */
export async function importProfiles(file: string, dataDir: string, report: (line: string) => void = () => undefined): Promise<ImportOutcome> {
  const size = await stat(file).then((s) => s.size);
  if (size > MAX_PROFILES_FILE_BYTES) {
    return { ok: false, problems: [{ path: '$', message: `the file is ${size} bytes; a profiles file is at most ${MAX_PROFILES_FILE_BYTES}` }] };
  }
  const text = await readFile(file, 'utf8');
  const alone = readProfilesFileText(text);
  if (!alone.ok) return alone;

  const holder = await readDataDirLock(dataDir);
  if (holder) return { ok: false, locked: `the data folder ${resolve(dataDir)} is in use by Cabin (pid ${holder.holderPid}); stop it first`, problems: [] };
  let storage;
  try {
    storage = await openStorage({ dataDir, lock: true, report });
  } catch (error) {
    if (error instanceof DataDirLockedError) return { ok: false, locked: error.message, problems: [] };
    throw error;
  }
  try {
    if (storage.readOnly) return { ok: false, problems: [{ path: '$', message: `${storage.readOnly.message}; nothing imported` }] };
    const documents = createProfileDocuments(storage, report);
    const existing = await documents.loadAll();
    const checked = readProfilesFileText(text, existing.profiles);
    if (!checked.ok) return checked;
    const replaced = checked.profiles.filter((p) => existing.profiles.some((e) => e.id === p.id)).map((p) => p.id);
    for (const profile of checked.profiles) {
      const saved = await documents.save(profile);
      if (!saved.ok) return { ok: false, problems: [{ path: '$', message: `writing ${profile.id}: ${saved.error.message}` }] };
    }
    return { ok: true, imported: checked.profiles, replaced, fromSchema: checked.fromSchema };
  } finally {
    await storage.close();
  }
}
