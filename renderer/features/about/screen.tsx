// About's entry in the screen registry: reached from Settings, not from the dock.
import { Info } from 'lucide-react';
import type { ScreenDefinition } from '../../app/screen';
import { AboutScreen } from './AboutScreen';

export const aboutScreen: ScreenDefinition = {
  id: 'about',
  icon: Info,
  labelKey: 'about.title',
  inDock: false,
  dockId: 'settings',
  render: ({ navigate }) => <AboutScreen onBack={() => navigate('settings')} />,
};
