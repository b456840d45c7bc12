// The screens the shell offers, in dock order: a new feature adds its screen here and nowhere else.
import { aboutScreen } from '../features/about';
import { homeScreen } from '../features/home';
import { chargingScreen, profilesScreen, swapScreen } from '../features/placeholder';
import { settingsScreen } from '../features/settings';
import { simulatorScreen } from '../features/simulator/screen';
import type { ScreenDefinition } from './screen';

export const SCREENS: readonly ScreenDefinition[] = [homeScreen, profilesScreen, chargingScreen, swapScreen, settingsScreen, aboutScreen, simulatorScreen];

export const HOME_SCREEN_ID = homeScreen.id;
