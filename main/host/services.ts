// The product's service modules in start order: a new feature adds its factory here and nothing else in the host.
import { appService } from '../services/app/appService';
import { brandService } from '../services/brand/brandService';
import { displayService } from '../services/display/displayService';
import { profilesService } from '../services/profiles/profilesService';
import { settingsService } from '../services/settings/settingsModule';
import { simulationService } from '../services/simulation/simulationService';
import { stationsService } from '../services/stations/stationsModule';
import { uxService } from '../services/ux/uxService';
import { vehicleService } from '../services/vehicle/vehicleService';
import type { ServiceFactory } from './service';

export const HOST_SERVICES: readonly ServiceFactory[] = [settingsService, appService, brandService, uxService, vehicleService, displayService, simulationService, profilesService, stationsService];
