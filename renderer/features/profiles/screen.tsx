// Profiles' entry in the screen registry: the screen in the dock, and over every screen the driver picker and the switch notice.
import { Users } from 'lucide-react';
import type { ScreenDefinition } from '../../app/screen';
import { ProfilePicker } from './ProfilePicker';
import { ProfilesScreen } from './ProfilesScreen';
import { SwitchNotice } from './SwitchNotice';

export const profilesScreen: ScreenDefinition = {
  id: 'profiles',
  icon: Users,
  labelKey: 'dock.profiles',
  inDock: true,
  render: () => <ProfilesScreen />,
  overlay: ({ now }) => (
    <>
      <SwitchNotice now={now} />
      <ProfilePicker />
    </>
  ),
};
