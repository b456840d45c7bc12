// Connects the simulated EV to the host: control-panel intents become SimSource calls, its status becomes state.
import type { RunningGateway } from '../../../gateway/server';
import { simulationAttached, simulationStatusChanged, type SimulationStatus } from '../../../shared/state/simulationSlice';
import { skipTarget } from '../../../shared/ipc/simulationIntents';
import type { Result } from '../../../shared/result';
import type { GatewayFaultHandler } from '../../../simulator/faults';
import type { SimSource, SimSourceStatus } from '../../../simulator/simSource';
import type { Host, SimulationController } from '../../host/createHost';

/** Gateway-level faults (a dead link, raw garbage batches) need the gateway itself; the source asks through this. */
export function gatewayFaultsTo(gateway: () => RunningGateway | null): GatewayFaultHandler {
  return (fault, active) => {
    const running = gateway();
    if (!running) return;
    if (fault.kind === 'gateway-disconnect') running.setOffline(active);
    else if (active) running.injectRawBatch(fault.bytes);
  };
}

/** The part of the source's status the panel shows; faults and overrides are already plain, structured data. */
export function toSimulationStatus(status: SimSourceStatus): SimulationStatus {
  return {
    scenario: status.scenario,
    playing: status.playing,
    simTimeS: status.simTimeS,
    durationS: status.durationS,
    acceleration: status.acceleration,
    faults: status.faults,
    overrides: status.overrides,
  };
}

/** The controller the host's `sim.*` intents call: requests already validated against the shared schemas. */
export function simulationControllerFor(sim: SimSource): SimulationController {
  return {
    control(request): Result {
      switch (request.action) {
        case 'play':
          return sim.play();
        case 'pause':
          return sim.pause();
        case 'seek':
          return sim.seek(request.seconds);
        case 'skip': {
          const now = sim.status();
          return sim.seek(skipTarget(now.simTimeS, request.seconds, now.durationS));
        }
        case 'acceleration':
          return sim.setAcceleration(request.value);
      }
    },
    override(request) {
      return sim.override(request);
    },
    fault(request) {
      const kind = request.action === 'inject' ? request.fault.kind : request.kind;
      // One fault of each kind at a time: a new setting replaces the old one.
      for (const active of sim.status().faults.filter((f) => f.kind === kind)) {
        const cleared = sim.clearFault(active.id);
        if (!cleared.ok) return cleared;
      }
      if (request.action === 'clear') return { ok: true };
      const injected = sim.injectFault(request.fault);
      return injected.ok ? { ok: true } : injected;
    },
  };
}

/** Attaches `sim` to the host's control panel; returns a function that detaches it. */
export function attachSimulation(host: Host, sim: SimSource): () => void {
  host.store.dispatch(simulationAttached({ buses: [sim.status().bus], status: toSimulationStatus(sim.status()) }));
  const off = sim.onStatus((status) => host.store.dispatch(simulationStatusChanged(toSimulationStatus(status))));
  const detach = host.attachSimulation(simulationControllerFor(sim));
  return () => {
    off();
    detach();
  };
}
