// Connects the simulated EV to the host: control-panel intents become SimSource calls, its status becomes state.
import type { RunningGateway } from '../../../gateway/server';
import type { SimFault, SimFaultKind, SimStatus } from '../../../shared/state/simulationSlice';
import { simulationAttached, simulationStatusChanged } from '../../../shared/state/simulationSlice';
import type { FaultRequest, GatewayFaultHandler } from '../../../simulator/faults';
import type { SimSource, SimStatus as SourceStatus } from '../../../simulator/simSource';
import type { Host, SimulationController, SimOutcome } from '../../host/createHost';

/** Panel fault names ↔ the simulator's. */
const FAULT_KINDS: Record<SimFaultKind, FaultRequest['kind']> = {
  disconnect: 'gateway-disconnect',
  frameLoss: 'frame-loss',
  garbage: 'garbage',
  stuckSignal: 'stuck-signal',
  busOff: 'bus-off',
};
const PANEL_KIND = Object.fromEntries(Object.entries(FAULT_KINDS).map(([panel, sim]) => [sim, panel])) as Record<FaultRequest['kind'], SimFaultKind>;

/** Gateway-level faults (a dead link, raw garbage batches) need the gateway itself; the source asks through this. */
export function gatewayFaultsTo(gateway: () => RunningGateway | null): GatewayFaultHandler {
  return (fault, active) => {
    const running = gateway();
    if (!running) return;
    if (fault.kind === 'gateway-disconnect') running.setOffline(active);
    else if (active) running.injectRawBatch(fault.bytes);
  };
}

export function toPanelStatus(status: SourceStatus): SimStatus {
  return {
    scenario: status.scenario,
    playing: status.playing,
    simTimeS: status.simTimeS,
    durationS: status.durationS,
    acceleration: status.acceleration,
    faults: status.faults.map((f): SimFault => {
      const param = 'percent' in f ? f.percent : 'framesPerSecond' in f ? f.framesPerSecond : 'signal' in f ? f.signal : 'bus' in f ? f.bus : undefined;
      return param === undefined ? { kind: PANEL_KIND[f.kind] } : { kind: PANEL_KIND[f.kind], param };
    }),
    overrides: status.overrides.map((o) => `${o.kind}=${typeof o.value === 'object' ? Object.values(o.value).join(',') : o.value}`),
  };
}

/** Attaches `sim` to the host's control panel; returns a function that detaches it. */
export function attachSimulation(host: Host, sim: SimSource): () => void {
  const outcome = (r: { ok: true } | { ok: false; error: string }): SimOutcome => r;
  const controller: SimulationController = {
    control(request) {
      switch (request.action) {
        case 'play':
          return outcome(sim.play());
        case 'pause':
          return outcome(sim.pause());
        case 'seek':
          return outcome(sim.seek(request.seconds));
        case 'acceleration':
          return outcome(sim.setAcceleration(request.value));
      }
    },
    override(request) {
      switch (request.kind) {
        case 'speed':
          return outcome(sim.setSpeed(request.value));
        case 'gear':
          return outcome(sim.setGear(request.value));
        case 'soc':
          return outcome(sim.setSoc(request.value));
        case 'location':
          return outcome(sim.setLocation(request.latitude, request.longitude));
        case 'headlights':
          return outcome(sim.setHeadlights(request.value));
        case 'keyFob':
          return outcome(sim.setKeyFob(request.value));
      }
    },
    fault(request) {
      const simKind = FAULT_KINDS[request.kind];
      // One fault of each kind at a time: a new setting replaces the old one.
      for (const active of sim.status().faults.filter((f) => f.kind === simKind)) {
        const cleared = sim.clearFault(active.id);
        if (!cleared.ok) return cleared;
      }
      if (!request.active) return { ok: true };
      const status = sim.status();
      const fault =
        request.kind === 'disconnect'
          ? { kind: simKind }
          : request.kind === 'frameLoss'
            ? { kind: simKind, percent: request.percent ?? 20 }
            : request.kind === 'garbage'
              ? { kind: simKind, framesPerSecond: request.perSecond ?? 50 }
              : request.kind === 'stuckSignal'
                ? { kind: simKind, signal: request.path ?? 'Vehicle.Speed' }
                : { kind: simKind, bus: request.bus ?? status.bus };
      const injected = sim.injectFault(fault);
      return injected.ok ? { ok: true } : { ok: false, error: injected.error };
    },
  };
  host.store.dispatch(simulationAttached({ buses: [sim.status().bus], status: toPanelStatus(sim.status()) }));
  const off = sim.onStatus((status) => host.store.dispatch(simulationStatusChanged(toPanelStatus(status))));
  const detach = host.attachSimulation(controller);
  return () => {
    off();
    detach();
  };
}
