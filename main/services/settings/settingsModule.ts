// The settings service module: owns `settings.update` and the device defaults' document in the host's store.
import { splitSettingsPatch } from '../../../shared/profiles/preferences';
import { selectEffectivePreferences } from '../../../shared/state/profilesSlice';
import type { HostService, ServiceFactory } from '../../host/service';
import { startSettingsService } from './settingsService';

export const settingsService: ServiceFactory = async ({ storage, store, report, wallClock, ports }): Promise<HostService> => {
  // A first start (no settings stored yet) takes the brand's market defaults: language, units, clock.
  const brandDefaults = ports.brand?.current().brand.defaults;
  const settings = await startSettingsService({ storage, store, report, now: wallClock, defaults: brandDefaults });
  return {
    name: 'settings',
    handlers: {
      // While a profile is active its preferences are edited in the profile (the port starts after this service,
      // so it is looked up per call); the guest edits the device defaults. The answer is what is in force.
      'settings.update': async (patch) => {
        const profile = ports.profilePreferences;
        const split = splitSettingsPatch(patch, profile?.activeProfileId() != null);
        if (split.profile) await profile!.update(split.profile);
        if (split.device) await settings.update(split.device);
        return selectEffectivePreferences(store.getState());
      },
    },
    close: () => settings.idle(),
  };
};
