// The settings service module: owns `settings.update` and the device defaults' file.
import type { HostService, ServiceFactory } from '../../host/service';
import { startSettingsService } from './settingsService';

export const settingsService: ServiceFactory = async ({ dataDir, store, report, wallClock }): Promise<HostService> => {
  const settings = await startSettingsService({ dataDir, store, report, now: wallClock });
  return {
    name: 'settings',
    handlers: { 'settings.update': (patch) => settings.update(patch) },
    close: () => settings.idle(),
  };
};
