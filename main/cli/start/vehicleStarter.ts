// Chooses and starts vehicle data from the start flags: the piece the Electron entry and `cabin start --web` share.
import type { Host } from '../../host/createHost';
import { chooseVehicle } from '../../vehicle/vehicleChoice';
import type { StartFlags } from '../../launch/startFlags';
import { startVehicleData } from './startVehicleData';
import type { VehicleRuntime } from './vehicleRuntime';

export async function startVehicleFromFlags(
  host: Host,
  flags: Pick<StartFlags, 'vehicle'>,
  { cwd, assetsDir, report }: { cwd: string; assetsDir: string; report: (line: string) => void },
): Promise<VehicleRuntime> {
  const choice = await chooseVehicle(flags.vehicle, cwd, assetsDir);
  return startVehicleData(host, choice, { cwd, report });
}
