// What every page of the profile editor gets: the profile, how to change it, and what this car can write.
import type { IntentRequest } from '../../../shared/ipc/intents';
import type { VehicleSettingId } from '../../../shared/profiles/vehicleSettings';
import type { ProfileView } from '../../../shared/state/profilesSlice';
import type { useProfileIntent } from './useProfileIntent';

export type ProfilePatchRequest = IntentRequest<'profiles.update'>['patch'];

export interface TabProps {
  profile: ProfileView;
  /** Sends one change; the host validates it, saves it, and applies it to the car when this profile drives. */
  update(patch: ProfilePatchRequest): void;
  run: ReturnType<typeof useProfileIntent>['run'];
  /** Settings this car can write; null while no vehicle is connected (everything is offered then). */
  writable: VehicleSettingId[] | null;
  disabled: boolean;
}
