// Charging's entry in the screen registry (offered only for a car with a traction battery: the registry checks the vehicle's capabilities).
import { PlugZap } from 'lucide-react';
import type { ScreenDefinition } from '../../app/screen';
import { ChargingScreen } from './ChargingScreen';

export const chargingScreen: ScreenDefinition = {
  id: 'charging',
  icon: PlugZap,
  labelKey: 'dock.charging',
  inDock: true,
  shown: (state) => state.vehicle.capabilities?.tractionBattery ?? true,
  render: ({ now }) => <ChargingScreen now={now} />,
};
