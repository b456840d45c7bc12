// Starts the vehicle data path `cabin start` chose (replay, external gateway, or the simulated EV) for a host.
import { startVehicleRuntime, type VehicleRuntime } from '../../can/vehicleRuntime';
import type { Host } from '../../host/createHost';
import { CliFailure } from '../command';
import type { VehicleChoice } from './vehicleChoice';

export async function startVehicleData(host: Host, choice: VehicleChoice, report: (line: string) => void): Promise<VehicleRuntime> {
  if (!choice.source) {
    throw new CliFailure('the simulated vehicle is not available in this build yet: use --replay FILE or --gateway URL');
  }
  try {
    return await startVehicleRuntime({ store: host.store, vehicle: choice.files, source: choice.source, dataDir: host.dataDir, report });
  } catch (error) {
    throw new CliFailure(`could not start vehicle data: ${(error as Error).message}`);
  }
}
