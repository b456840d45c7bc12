// Swap's entry in the screen registry (offered only for a car whose pack follows a swap standard and a brand that ships swap: the registry checks both).
import { Repeat } from 'lucide-react';
import type { ScreenDefinition } from '../../app/screen';
import { SwapScreen } from './SwapScreen';

export const swapScreen: ScreenDefinition = {
  id: 'swap',
  icon: Repeat,
  labelKey: 'dock.swap',
  inDock: true,
  render: ({ now, wall }) => <SwapScreen now={now} wall={wall} />,
};
