// Starts the vehicle data path that was chosen (replay, external gateway, or the simulated EV) for a host.
import type { RunningGateway } from '../../../gateway/server';
import { createSimSource } from '../../../simulator/simSource';
import type { Host } from '../../host/createHost';
import { attachSimulation, gatewayFaultsTo } from './simulationController';
import type { VehicleChoice } from '../../vehicle/vehicleChoice';
import { startVehicleRuntime, type VehicleRuntime } from './vehicleRuntime';
import { startSimulatedOperator } from './simulatedOperator';
import { offerSimulatedSwap } from './simulatedSwap';
import type { SimSource } from '../../../simulator/simSource';

/** The vehicle data path could not start; one line saying why. */
export class VehicleStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VehicleStartError';
  }
}

export interface StartVehicleDataOptions {
  /** Where relative scenario paths are resolved. */
  cwd: string;
  report: (line: string) => void;
}

export async function startVehicleData(host: Host, choice: VehicleChoice, { cwd, report }: StartVehicleDataOptions): Promise<VehicleRuntime> {
  try {
    if (choice.source) {
      return withSwap(host, choice, null, report, withStations(host, choice, report, withWriter(host, await startVehicleRuntime({ store: host.store, vehicle: choice.files, source: choice.source, dataDir: host.dataDir, report }))));
    }
    // The simulated EV behind an embedded gateway: parked at the demo location, or driving a scenario.
    let gateway: RunningGateway | null = null;
    const sim = createSimSource({ vehicle: choice.files.vehicleId, scenario: choice.scenario, cwd, onGatewayFault: gatewayFaultsTo(() => gateway) });
    const runtime = await startVehicleRuntime({
      store: host.store,
      vehicle: choice.files,
      source: { kind: 'embedded', source: sim },
      dataDir: host.dataDir,
      report,
    });
    gateway = runtime.gateway;
    // The control panel exists only in simulation; a head unit never offers it.
    const detach = host.store.getState().ui.app.mode === 'simulation' ? attachSimulation(host, sim) : () => undefined;
    return withSwap(
      host,
      choice,
      sim,
      report,
      withStations(
        host,
        choice,
        report,
        withWriter(host, {
          ...runtime,
          async close() {
            detach();
            await runtime.close();
          },
        }),
      ),
    );
  } catch (error) {
    throw new VehicleStartError(`could not start vehicle data: ${(error as Error).message}`);
  }
}

/** Lets the host's `vehicle.command` intent reach this runtime's write path until it closes. */
function withWriter(host: Host, runtime: VehicleRuntime): VehicleRuntime {
  const detach = host.attachVehicleWriter(runtime.link.writer);
  return {
    ...runtime,
    async close() {
      detach();
      await runtime.close();
    },
  };
}

/**
 * In simulation, a car that charges gets the simulated charge-point operator as a live station source (its own
 * process on loopback); a head unit's operators come from its configuration instead (stations/sources.json).
 */
function withStations(host: Host, choice: VehicleChoice, report: (line: string) => void, runtime: VehicleRuntime): VehicleRuntime {
  if (host.store.getState().ui.app.mode !== 'simulation' || !choice.files.capabilities.charging) return runtime;
  const operator = startSimulatedOperator(host, report);
  return {
    ...runtime,
    async close() {
      await operator.close();
      await runtime.close();
    },
  };
}

/**
 * In simulation, a car with a swappable pack is offered the simulated swap networks; they start only when the car
 * first needs them (the swap screen, a low battery, a booking kept from the last run). The robot that swaps the
 * simulated car needs the simulator itself, so a replayed car gets the networks without it.
 */
function withSwap(host: Host, choice: VehicleChoice, sim: SimSource | null, report: (line: string) => void, runtime: VehicleRuntime): VehicleRuntime {
  if (host.store.getState().ui.app.mode !== 'simulation' || !choice.files.capabilities.swap) return runtime;
  const swap = offerSimulatedSwap(host, sim, report);
  return {
    ...runtime,
    async close() {
      await swap.close();
      await runtime.close();
    },
  };
}
