// The settings service module: owns `settings.update` and the device defaults' document in the host's store.
import type { HostService, ServiceFactory } from '../../host/service';
import { startSettingsService } from './settingsService';

export const settingsService: ServiceFactory = async ({ storage, store, report, wallClock }): Promise<HostService> => {
  const settings = await startSettingsService({ storage, store, report, now: wallClock });
  return {
    name: 'settings',
    handlers: { 'settings.update': (patch) => settings.update(patch) },
    close: () => settings.idle(),
  };
};
