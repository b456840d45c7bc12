// The simulation service module: the control panel's intents, reaching a running simulation through a port the CLI attaches.
import type { SimControl, SimFaultRequest, SimOverride } from '../../../shared/ipc/simulationIntents';
import type { Result } from '../../../shared/result';
import { IntentRefused } from '../../host/intentRouter';
import type { HostService, ServiceFactory } from '../../host/service';

/** What the simulated world offers the control panel; attached by whoever started the simulation. */
export interface SimulationController {
  control(request: SimControl): Result;
  override(request: SimOverride): Result;
  fault(request: SimFaultRequest): Result;
}

export interface SimulationPort {
  /** Returns a function that detaches this controller. */
  attach(controller: SimulationController): () => void;
}

export const simulationService: ServiceFactory = ({ store, ports }): HostService => {
  let simulation: SimulationController | null = null;
  ports.simulation = {
    attach(controller) {
      simulation = controller;
      return () => {
        if (simulation === controller) simulation = null;
      };
    },
  };
  const simulate = (run: (sim: SimulationController) => Result) => {
    if (!simulation || store.getState().ui.app.mode !== 'simulation') {
      throw new IntentRefused('no simulation is running here (head-unit mode, a replay or a real gateway)');
    }
    const outcome = run(simulation);
    if (!outcome.ok) throw new IntentRefused(outcome.error);
    return { applied: true };
  };
  return {
    name: 'simulation',
    handlers: {
      'sim.control': (request) => simulate((sim) => sim.control(request)),
      'sim.override': (request) => simulate((sim) => sim.override(request)),
      'sim.fault': (request) => simulate((sim) => sim.fault(request)),
    },
  };
};
