// The screens the shell offers, in dock order: a new feature adds its screen here and nowhere else; the vehicle and the brand decide which are offered.
import { aboutScreen } from '../features/about';
import { homeScreen } from '../features/home';
import { chargingScreen } from '../features/charging';
import { swapScreen } from '../features/swap';
import { profilesScreen } from '../features/profiles';
import { settingsScreen } from '../features/settings';
import { simulatorScreen } from '../features/simulator/screen';
import type { ScreenDefinition } from './screen';
import { all, brandOffers, offeredWhen, vehicleCanCharge, vehicleCanSwap } from './screenAvailability';

export const SCREENS: readonly ScreenDefinition[] = [
  homeScreen,
  offeredWhen(profilesScreen, brandOffers('profiles')),
  offeredWhen(chargingScreen, all(vehicleCanCharge, brandOffers('charging'))),
  offeredWhen(swapScreen, all(vehicleCanSwap, brandOffers('swap'))),
  settingsScreen,
  aboutScreen,
  simulatorScreen,
];

export const HOME_SCREEN_ID = homeScreen.id;
