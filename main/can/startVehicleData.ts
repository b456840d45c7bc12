// Starts the vehicle data path that was chosen (replay, external gateway, or the simulated EV) for a host.
import type { Host } from '../host/createHost';
import type { VehicleChoice } from './vehicleChoice';
import { startVehicleRuntime, type VehicleRuntime } from './vehicleRuntime';

/** The vehicle data path could not start; one line saying why. */
export class VehicleStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VehicleStartError';
  }
}

export async function startVehicleData(host: Host, choice: VehicleChoice, report: (line: string) => void): Promise<VehicleRuntime> {
  if (!choice.source) {
    throw new VehicleStartError('the simulated vehicle is not available in this build yet: use --replay FILE or --gateway URL');
  }
  try {
    return await startVehicleRuntime({ store: host.store, vehicle: choice.files, source: choice.source, dataDir: host.dataDir, report });
  } catch (error) {
    throw new VehicleStartError(`could not start vehicle data: ${(error as Error).message}`);
  }
}
