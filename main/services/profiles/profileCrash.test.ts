import { afterAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32, projectFile, runUntilKilled } from '../../../test/fixtures/killedWriter';
import { openStorage } from '../storage/storage';
import { createProfileDocuments } from './profileDocuments';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

const KILLS = 22;
/** Entries in the history of save N: the file grows and shrinks (8–40 KiB sealed), so kills land at every stage. */
const historyLength = (n: number) => 60 + (n % 5) * 60;

// A writer saving ever-newer versions of one driver profile through the host's own code (the profile documents on
// the encrypted document store); each save that resolved ok is acknowledged on stdout before the next begins.
const writer = `
import { writeSync } from 'node:fs';
import { openStorage } from ${projectFile('main/services/storage/storage.ts')};
import { createProfileDocuments } from ${projectFile('main/services/profiles/profileDocuments.ts')};
import { newProfile } from ${projectFile('shared/profiles/profileSchema.ts')};
import { killingFs } from ${projectFile('test/fixtures/killedWriter.ts')};
const [dataDir, killAtText, firstText] = process.argv.slice(1);
const storage = await openStorage({ dataDir, fs: killingFs(Number(killAtText)) });
const documents = createProfileDocuments(storage, () => {});
const { profiles } = await documents.loadAll();
let profile = profiles[0] ?? newProfile('pcrash01', 'Driver', 'teal', 0);
for (let n = Number(firstText); ; n += 1) {
  const history = Array.from({ length: 60 + (n % 5) * 60 }, (_, i) => ({ at: n * 1000 + i, day: 20000 + n, setting: 'climate.fan', value: i % 100, outsideC: null }));
  profile = { ...profile, name: 'Driver ' + n, updatedAt: n, climate: { ...profile.climate, fan: n % 101 }, learning: { ...profile.learning, enabled: true, history } };
  const saved = await documents.save(profile);
  if (!saved.ok) throw new Error(saved.error.message);
  writeSync(1, 'ack ' + n + '\\n');
}
`;

describe('a profile written by a process killed inside a write', () => {
  it(`is always readable and is the last acknowledged profile (${KILLS} kills at random bytes)`, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'cabin-profile-crash-'));
    dirs.push(dataDir);
    const seed = Math.floor(Math.random() * 2 ** 31);
    const random = mulberry32(seed);
    let lastAck: number | null = null;
    const killedIn = new Set<string>();
    for (let round = 0; round < KILLS; round += 1) {
      const at = `seed ${seed}, round ${round}`;
      // A save writes the backup and the main file (8–40 KiB each, sealed): this spans the first few saves of a run.
      const killAt = 1 + Math.floor(random() * 200_000);
      const run = await runUntilKilled(writer, [dataDir, String(killAt), String((lastAck ?? -1) + 1)]);
      expect(run.signal, `${at}: the writer must die by SIGKILL, not exit (${run.stderr})`).toBe('SIGKILL');
      expect(run.killedIn, `${at}: the kill happened inside a write`).not.toBeNull();
      killedIn.add(run.killedIn!.includes('.bak.') ? 'backup' : run.killedIn!.includes('dev-storage.key') ? 'key' : 'main');
      if (run.acks.length) lastAck = run.acks.at(-1)!;

      const storage = await openStorage({ dataDir });
      const loaded = await createProfileDocuments(storage, () => undefined).loadAll();
      await storage.close();
      expect(loaded.notices, `${at}: the profile file was readable as it stood`).toEqual([]);
      if (lastAck === null) {
        expect(loaded.profiles, at).toEqual([]);
      } else {
        expect(loaded.profiles, at).toHaveLength(1);
        const [profile] = loaded.profiles;
        expect(profile.updatedAt, `${at}: the last acknowledged profile`).toBe(lastAck);
        expect(profile.name, at).toBe(`Driver ${lastAck}`);
        expect(profile.learning.history, at).toHaveLength(historyLength(lastAck));
      }
      const left = await readdir(join(dataDir, 'profiles')).catch(() => [] as string[]);
      expect(left.filter((f) => f.endsWith('.tmp') || f.includes('.corrupt-')), `${at}: temp files cleaned at the next start, nothing set aside`).toEqual([]);
    }
    // Over the rounds the kills hit both the backup's and the main file's writes.
    expect([...killedIn], `seed ${seed}`).toEqual(expect.arrayContaining(['main', 'backup']));
    expect(lastAck, `seed ${seed}: some saves were acknowledged`).not.toBeNull();
  }, 240_000);
});
