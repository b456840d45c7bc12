// In simulation, the two simulated swap networks offered to the host's swap service: started (as real operator processes, their PGlite data kept in the user-data folder) only when the car first needs them, with the station robot that swaps the simulated car in step with its simulated time.
import { join } from 'node:path';
import { simulatedSwapNetworks, startSwapNetworks, type SwapNetworks } from '../../../simulator/swapNetworks';
import type { SimSource } from '../../../simulator/simSource';
import type { Host } from '../../host/createHost';
import { startSwapStationRobot, type SwapStationRobot } from './swapStationRobot';

export interface SimulatedSwap {
  close(): Promise<void>;
}

/** Where the networks keep their databases: the first start runs initdb (seconds); later ones reopen it. */
export const SWAP_NETWORKS_FOLDER = 'swap-networks';

export function offerSimulatedSwap(host: Host, sim: SimSource | null, report: (line: string) => void): SimulatedSwap {
  let running: SwapNetworks | null = null;
  let robot: SwapStationRobot | null = null;
  let closing = false;
  let starting: Promise<unknown> | null = null;
  const detach = host.ports.swap?.offerNetworks({
    networks: simulatedSwapNetworks().map(({ id, name }) => ({ id, name })),
    start: () => {
      const begun = performance.now();
      const work = (async () => {
        // Swaps are stepped by the robot below (in simulated time), not by the operators' wall-clock robots.
        const networks = await startSwapNetworks({ dataDir: join(host.dataDir, SWAP_NETWORKS_FOLDER), manualSwaps: true, walkInEveryMs: 0, log: (line) => /listening|failed|error|refus/i.test(line) && report(`swap networks: ${line}`) });
        if (closing) {
          await networks.stop();
          throw new Error('Cabin is stopping');
        }
        running = networks;
        if (sim) robot = startSwapStationRobot(host, sim, networks.networks, report);
        report(`simulated swap networks ready in ${Math.round(performance.now() - begun)} ms: ${networks.networks.map((n) => `${n.name} at ${n.url}`).join(', ')}`);
        return networks.networks.map((n) => ({ id: n.id, name: n.name, url: n.url, token: n.token }));
      })();
      starting = work.catch(() => undefined);
      return work;
    },
  });
  return {
    async close() {
      closing = true;
      detach?.();
      robot?.close();
      await starting;
      await running?.stop();
    },
  };
}
