// Settings' entry in the screen registry.
import { Settings } from 'lucide-react';
import type { ScreenDefinition } from '../../app/screen';
import { SettingsScreen } from './SettingsScreen';

export const settingsScreen: ScreenDefinition = {
  id: 'settings',
  icon: Settings,
  labelKey: 'dock.settings',
  inDock: true,
  render: ({ now, navigate }) => <SettingsScreen now={now} onOpenAbout={() => navigate('about')} />,
};
