// The port the profiles service offers Settings: while a profile is active, a preference changed in Settings is that profile's.
import type { ProfilePatch, ProfilePreferences } from '../../../shared/profiles/profileSchema';

export interface ProfilePreferencesPort {
  /** The profile whose preferences are in force, or null for the guest (who edits the device defaults). */
  activeProfileId(): string | null;
  /** Sets some of the active profile's preferences; rejects "not saved: …" when the change could not be written. */
  update(patch: ProfilePreferences): Promise<void>;
  /**
   * Sets the active profile's favourite stations and charging choices (the stations service remembers the
   * driver's filters there); rejects like update, and when no profile is active.
   */
  updateCharging(patch: Pick<ProfilePatch, 'favouriteStations' | 'charging'>): Promise<void>;
}
