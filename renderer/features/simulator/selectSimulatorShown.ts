// Whether the developer control panel may be offered: only in simulation, and only once a simulated vehicle is attached.
import type { RootState } from '../../../shared/state/rootReducer';

export function selectSimulatorShown(state: RootState): boolean {
  return state.ui.app.mode === 'simulation' && state.simulation.available;
}
