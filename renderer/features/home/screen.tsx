// Home's entry in the screen registry.
import { House } from 'lucide-react';
import type { ScreenDefinition } from '../../app/screen';
import { HomeScreen } from './HomeScreen';

export const homeScreen: ScreenDefinition = {
  id: 'home',
  icon: House,
  labelKey: 'dock.home',
  inDock: true,
  render: ({ now, wall, navigate }) => <HomeScreen now={now} wall={wall} navigate={navigate} />,
};
