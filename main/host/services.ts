// The product's service modules in start order (the brand first: its defaults and thresholds shape the rest); a new feature adds its factory here.
import { appService } from '../services/app/appService';
import { brandService } from '../services/brand/brandService';
import { displayService } from '../services/display/displayService';
import { profilesService } from '../services/profiles/profilesService';
import { settingsService } from '../services/settings/settingsModule';
import { simulationService } from '../services/simulation/simulationService';
import { stationsService } from '../services/stations/stationsModule';
import { swapService } from '../services/swap/swapService';
import { reservationsService } from '../services/reservations/reservationsService';
import { uxService } from '../services/ux/uxService';
import { vehicleService } from '../services/vehicle/vehicleService';
import type { ServiceFactory } from './service';

export const HOST_SERVICES: readonly ServiceFactory[] = [brandService, settingsService, appService, uxService, vehicleService, displayService, simulationService, profilesService, stationsService, swapService, reservationsService];
