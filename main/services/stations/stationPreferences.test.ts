// The driver's station choices in the real document store: a profile's survive a restart, the guest's last the session, limits are refused with a reason.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_STATION_FILTERS } from '../../../shared/ipc/stations';
import { newProfile } from '../../../shared/profiles/profileSchema';
import { toProfileView } from '../../../shared/state/profilesSlice';
import { openStorage, type Storage } from '../storage/storage';
import { openStationPreferences, PreferenceRefused } from './stationPreferences';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cabin-station-prefs-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function open(dir: string) {
  const storage: Storage = await openStorage({ dataDir: dir });
  const lines: string[] = [];
  // No profiles service in this host: the document keeps everything, per profile id.
  const prefs = await openStationPreferences(storage, () => undefined, (l) => lines.push(l));
  return { prefs, close: () => storage.close(), lines };
}

const ana = toProfileView(newProfile('ana', 'Ana', 'teal', 0));
const ben = toProfileView(newProfile('ben', 'Ben', 'amber', 0));

describe('station preferences', () => {
  it('keep a profile\'s filters, consent and favourites across a restart; the guest starts afresh', async () => {
    const dir = await folder();
    const first = await open(dir);
    const filters = { ...DEFAULT_STATION_FILTERS, availableOnly: true, minPowerKw: 50, rankBy: 'time' as const };
    await first.prefs.setFilters(ana, filters);
    await first.prefs.setConsent(ana, 'granted');
    expect(await first.prefs.setFavourite(ana, 'CN*TLD/1', true)).toEqual(['CN*TLD/1']);
    await first.prefs.setFilters(null, { ...DEFAULT_STATION_FILTERS, reservableOnly: true });
    await first.prefs.setFavourite(null, 'CN*TLD/2', true);
    expect(first.prefs.get(null)).toMatchObject({ favourites: ['CN*TLD/2'], filters: { reservableOnly: true } });
    expect(first.prefs.get(ben)).toEqual({ filters: DEFAULT_STATION_FILTERS, consent: 'unknown', favourites: [], targetSoc: 80 });
    await first.close();

    const second = await open(dir);
    expect(second.prefs.get(ana)).toEqual({ filters, consent: 'granted', favourites: ['CN*TLD/1'], targetSoc: 80 });
    expect(second.prefs.get(null)).toEqual({ filters: DEFAULT_STATION_FILTERS, consent: 'unknown', favourites: [], targetSoc: 80 });
    await second.close();
  });

  it('refuses a 21st favourite with the reason for the driver, keeping the 20', async () => {
    const { prefs, close } = await open(await folder());
    for (let i = 0; i < 20; i++) await prefs.setFavourite(ana, `K/${i}`, true);
    const refused = await prefs.setFavourite(ana, 'K/20', true).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PreferenceRefused);
    expect(refused).toMatchObject({ key: 'charging.errors.tooManyFavourites', params: { max: 20 } });
    expect(prefs.get(ana).favourites).toHaveLength(20);
    expect(await prefs.setFavourite(ana, 'K/3', false)).toHaveLength(19);
    await close();
  });

  it('forgets what deleted profiles kept', async () => {
    const dir = await folder();
    const first = await open(dir);
    await first.prefs.setConsent(ana, 'granted');
    await first.prefs.setConsent(ben, 'refused');
    await first.prefs.forgetAllBut(['ben']);
    await first.close();
    const second = await open(dir);
    expect(second.prefs.get(ana).consent).toBe('unknown');
    expect(second.prefs.get(ben).consent).toBe('refused');
    await second.close();
  });
});
