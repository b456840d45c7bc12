// The Simulator's entry in the screen registry: only in simulation with a simulated vehicle attached.
import { createElement } from 'react';
import { FlaskConical } from 'lucide-react';
import type { ScreenDefinition } from '../../app/screen';
import { SimulatorScreen } from './SimulatorScreen';
import { selectSimulatorShown } from './selectSimulatorShown';

export const simulatorScreen: ScreenDefinition = {
  id: 'simulator',
  icon: FlaskConical,
  labelKey: 'dock.simulator',
  inDock: true,
  shown: selectSimulatorShown,
  render: () => createElement(SimulatorScreen),
};
