// The panels Home's main area can show, like the screen registry: a feature adds its panel here (the charging map, a swap booking, the low-battery options).
import { chargingMapPanel, lowBatteryPanel } from '../features/charging';
import { carPanel } from '../features/home/carPanel';
import { reservationPanel, swapBookingPanel } from '../features/swap';
import type { HomePanel } from './homePanel';

export const HOME_PANELS: readonly HomePanel[] = [lowBatteryPanel, swapBookingPanel, reservationPanel, chargingMapPanel, carPanel];
