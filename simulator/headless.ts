// Builds a runner for a parsed scenario from the bundled assets, and runs it in virtual time.
import { loadRoute, loadVehicleDefinition } from './assets';
import { ScenarioRunner, type EndState } from './runner';
import type { Scenario } from './scenario';

export function createScenarioRunner(scenario: Scenario, options: { seed?: number } = {}): ScenarioRunner {
  return new ScenarioRunner(scenario, {
    definition: loadVehicleDefinition(scenario.vehicle),
    route: scenario.route ? loadRoute(scenario.route.id) : undefined,
    seed: options.seed,
  });
}

/** Runs to the scenario's end (or `untilS` simulated seconds) as fast as the CPU allows. */
export function runHeadless(scenario: Scenario, options: { seed?: number; untilS?: number } = {}): EndState {
  const runner = createScenarioRunner(scenario, options);
  runner.runUntil(options.untilS === undefined ? runner.durationMs : options.untilS * 1000);
  return runner.endState();
}
