// Scenario timeline faults driven through the sim source's fault injector, kept in step across seeks (only the net change reaches the stream).
import type { FaultHandle, FaultInjector } from '../faults';
import { requestOfScenarioFault } from '../faults';
import type { ScenarioRunner } from '../runner';
import type { ScenarioFault } from '../scenario';

export interface ScenarioFaultLink {
  /**
   * Makes `runner` the one whose timeline faults are injected: faults it no longer has in force
   * are cleared, the ones it has are kept or started (steps at 0 s fire in its constructor).
   */
  follow(runner: ScenarioRunner): void;
}

export function linkScenarioFaults(faults: FaultInjector, report: (problem: string) => void): ScenarioFaultLink {
  // Each timeline fault object maps to the injector handle it started.
  const handles = new Map<ScenarioFault, FaultHandle>();
  const onFault = ({ fault, active }: { fault: ScenarioFault; active: boolean }) => {
    if (active) {
      const r = faults.inject(requestOfScenarioFault(fault), 'scenario');
      if (r.ok) handles.set(fault, r.value);
      else report(r.error);
    } else {
      handles.get(fault)?.clear();
      handles.delete(fault);
    }
  };
  return {
    follow(runner) {
      const stillActive = new Set(runner.activeFaults().map((a) => a.fault));
      for (const [fault, handle] of [...handles]) {
        if (!stillActive.has(fault)) {
          handle.clear();
          handles.delete(fault);
        }
      }
      runner.onFault(onFault);
      for (const fault of stillActive) if (!handles.has(fault)) onFault({ fault, active: true });
    },
  };
}
