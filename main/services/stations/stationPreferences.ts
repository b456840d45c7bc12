// The driver's station choices per profile: filters, favourites and the consent to share the position — in the profile where it has a field for them, the rest in one document; the guest's for the session only.
import { z } from 'zod';
import { DEFAULT_STATION_FILTERS, POSITION_CONSENT, stationFiltersSchema, type PositionConsent, type StationFilters } from '../../../shared/ipc/stations';
import { PROFILE_LIMITS, profileIdSchema } from '../../../shared/profiles/profileSchema';
import type { ProfileView } from '../../../shared/state/profilesSlice';
import type { ProfilePreferencesPort } from '../profiles/preferencesPort';
import type { Storage } from '../storage/storage';
import type { StorageNotice } from '../storage/storedDocument';

export const STATION_PREFERENCES_DOCUMENT = 'stations/preferences';
/** Favourites kept when the profile cannot hold them (no profiles service): as many as a profile keeps. */
const MAX_FAVOURITES = PROFILE_LIMITS.favouriteStations;
const DEFAULT_TARGET_SOC = 80;

const entrySchema = z.strictObject({
  consent: z.enum(POSITION_CONSENT),
  filters: stationFiltersSchema,
  /** Used only while the profiles service offers no port (the profile's own list is used otherwise). */
  favourites: z.array(z.string().min(1).max(300)).max(MAX_FAVOURITES),
});
type Entry = z.output<typeof entrySchema>;

const documentSchema = z.strictObject({ profiles: z.record(profileIdSchema, entrySchema) });
type PreferencesDocument = z.output<typeof documentSchema>;

export interface DriverStationPreferences {
  filters: StationFilters;
  consent: PositionConsent;
  favourites: string[];
  /** The SoC the driver charges to (the profile's charge target), for the time and price rankings. */
  targetSoc: number;
}

/** A change the driver asked for could not be kept as asked: an i18n key for the driver and a technical line. */
export class PreferenceRefused extends Error {
  constructor(
    message: string,
    readonly key: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
    this.name = 'PreferenceRefused';
  }
}

export interface StationPreferences {
  /** What is stored could not be read as it was (restored, reset…): lines for the log. */
  readonly notices: readonly StorageNotice[];
  get(profile: ProfileView | null): DriverStationPreferences;
  setFilters(profile: ProfileView | null, filters: StationFilters): Promise<void>;
  setConsent(profile: ProfileView | null, consent: PositionConsent): Promise<void>;
  setFavourite(profile: ProfileView | null, key: string, favourite: boolean): Promise<string[]>;
  /** Drops what is kept for profiles that no longer exist (a deleted profile takes its data with it). */
  forgetAllBut(profileIds: readonly string[]): Promise<void>;
}

const emptyEntry = (): Entry => ({ consent: 'unknown', filters: DEFAULT_STATION_FILTERS, favourites: [] });

export async function openStationPreferences(storage: Storage, profilesPort: () => ProfilePreferencesPort | undefined, report: (line: string) => void): Promise<StationPreferences> {
  const document = storage.document<PreferencesDocument>({
    name: STATION_PREFERENCES_DOCUMENT,
    schema: documentSchema,
    schemaVersion: 1,
    // Consent and favourites are about a person: kept like the profiles themselves.
    encrypted: true,
    defaults: () => ({ profiles: {} }),
  });
  const loaded = await document.load();
  let stored = loaded.data;
  for (const notice of loaded.notices) report(`stations: ${notice.message}`);
  // The guest's choices live for the session only.
  let guest = emptyEntry();

  const entryOf = (profile: ProfileView | null): Entry => (profile ? (stored.profiles[profile.id] ?? emptyEntry()) : guest);
  const save = async (profile: ProfileView | null, entry: Entry) => {
    if (!profile) {
      guest = entry;
      return;
    }
    stored = { profiles: { ...stored.profiles, [profile.id]: entry } };
    const saved = await document.save(stored);
    if (!saved.ok) {
      const detail = saved.error.message;
      report(`stations: preferences not saved: ${detail}${saved.pending ? ' (retried)' : ''}`);
      if (!saved.pending) throw new PreferenceRefused(`not saved: ${detail}; the change applies until restart`, 'charging.errors.notSaved');
    }
  };
  /** The profile holds connectors, minimum power, operators and favourites when the profiles service is there. */
  const profileHolds = (profile: ProfileView | null): profile is ProfileView => profile !== null && profilesPort() !== undefined;

  const api: StationPreferences = {
    notices: loaded.notices,
    get(profile) {
      const entry = entryOf(profile);
      if (!profileHolds(profile)) return { filters: entry.filters, consent: entry.consent, favourites: entry.favourites, targetSoc: DEFAULT_TARGET_SOC };
      const { charging } = profile;
      return {
        filters: {
          ...entry.filters,
          standards: charging.connectors.length ? [...charging.connectors] : null,
          minPowerKw: charging.minPowerKw ?? 0,
          preferOperators: [...charging.preferredOperators],
          excludeOperators: [...charging.excludedOperators],
        },
        consent: entry.consent,
        favourites: [...profile.favouriteStations],
        targetSoc: charging.targetSoc ?? DEFAULT_TARGET_SOC,
      };
    },
    async setFilters(profile, filters) {
      await save(profile, { ...entryOf(profile), filters });
      if (!profileHolds(profile)) return;
      const { charging } = profile;
      const next = {
        ...charging,
        connectors: filters.standards ?? [],
        minPowerKw: filters.minPowerKw > 0 ? filters.minPowerKw : null,
        preferredOperators: filters.preferOperators,
        excludedOperators: filters.excludeOperators,
      };
      if (JSON.stringify(next) === JSON.stringify(charging)) return;
      const tooLong = [...filters.preferOperators, ...filters.excludeOperators].find((name) => name.length > PROFILE_LIMITS.idLength);
      if (tooLong) throw new PreferenceRefused(`operator name "${tooLong}" is longer than a profile keeps`, 'charging.errors.operatorTooLong');
      await profilesPort()!.updateCharging({ charging: next });
    },
    async setConsent(profile, consent) {
      await save(profile, { ...entryOf(profile), consent });
    },
    async setFavourite(profile, key, favourite) {
      const current = api.get(profile).favourites;
      const next = favourite ? (current.includes(key) ? current : [...current, key]) : current.filter((k) => k !== key);
      if (next.length > MAX_FAVOURITES) {
        throw new PreferenceRefused(`a profile keeps at most ${MAX_FAVOURITES} favourite stations`, 'charging.errors.tooManyFavourites', { max: MAX_FAVOURITES });
      }
      if (!profileHolds(profile)) {
        await save(profile, { ...entryOf(profile), favourites: next });
        return next;
      }
      if (key.length > PROFILE_LIMITS.idLength) {
        throw new PreferenceRefused(`station key ${key} is longer than the ${PROFILE_LIMITS.idLength} characters a profile keeps`, 'charging.errors.keyTooLong');
      }
      await profilesPort()!.updateCharging({ favouriteStations: next });
      return next;
    },
    async forgetAllBut(profileIds) {
      const keep = new Set(profileIds);
      const gone = Object.keys(stored.profiles).filter((id) => !keep.has(id));
      if (gone.length === 0) return;
      stored = { profiles: Object.fromEntries(Object.entries(stored.profiles).filter(([id]) => keep.has(id))) };
      const saved = await document.save(stored);
      if (!saved.ok) report(`stations: could not drop the preferences of deleted profiles: ${saved.error.message}`);
    },
  };
  return api;
}
