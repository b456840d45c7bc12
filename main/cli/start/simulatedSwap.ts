// In simulation, the two simulated swap networks offered to the host's swap service: real operator processes whose PGlite data lives in the user-data folder, started when the car first needs them (at once for a scenario that swaps), copied from a machine-wide initialised template so only the first start on a machine pays for initdb, with the station robot that swaps the simulated car in step with simulated time.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulatedSwapNetworks, startSwapNetworks, type SwapNetworks } from '../../../simulator/swapNetworks';
import type { SimSource } from '../../../simulator/simSource';
import type { Host } from '../../host/createHost';
import { startSwapStationRobot, type SwapStationRobot } from './swapStationRobot';

export interface SimulatedSwap {
  close(): Promise<void>;
}

/** Where the networks keep their databases inside the user-data folder. */
export const SWAP_NETWORKS_FOLDER = 'swap-networks';
const READY_MARK = 'template-ready';

/**
 * The initialised databases of the simulated networks, once per machine and stations definition: a fresh PGlite
 * runs initdb (6–40 s), a copy of a stopped one opens in seconds. The template is built in a folder of its own and
 * renamed into place, so two Cabins building it at once never see half of one.
 */
export function templateDir(): string {
  const definition = createHash('sha256').update(JSON.stringify(simulatedSwapNetworks())).digest('hex').slice(0, 12);
  return join(tmpdir(), `cabin-swap-networks-${definition}`);
}

async function prepareDataDir(target: string, report: (line: string) => void): Promise<void> {
  if (existsSync(target)) return;
  const template = templateDir();
  if (!existsSync(join(template, READY_MARK))) {
    const begun = performance.now();
    const building = `${template}.building-${process.pid}`;
    await rm(building, { recursive: true, force: true });
    const networks = await startSwapNetworks({ dataDir: building, manualSwaps: true, walkInEveryMs: 0 });
    await networks.stop();
    await writeFile(join(building, READY_MARK), '');
    await rename(building, template).catch(() => rm(building, { recursive: true, force: true }));
    report(`simulated swap networks: initialised their databases in ${Math.round(performance.now() - begun)} ms (kept as a template in ${template})`);
  }
  await cp(template, target, { recursive: true });
  await rm(join(target, READY_MARK), { force: true });
}

export function offerSimulatedSwap(host: Host, sim: SimSource | null, report: (line: string) => void): SimulatedSwap {
  let running: SwapNetworks | null = null;
  let robot: SwapStationRobot | null = null;
  let closing = false;
  let starting: Promise<unknown> | null = null;
  // A scenario that swaps expects its swap network up before the car gets there.
  const swapsInScenario = sim?.runner.scenario.timeline.some((step) => step.swap !== undefined) ?? false;
  const detach = host.ports.swap?.offerNetworks({
    networks: simulatedSwapNetworks().map(({ id, name }) => ({ id, name })),
    startNow: swapsInScenario,
    start: () => {
      const begun = performance.now();
      const work = (async () => {
        const dataDir = join(host.dataDir, SWAP_NETWORKS_FOLDER);
        await prepareDataDir(dataDir, report);
        if (closing) throw new Error('Cabin is stopping');
        // Swaps are stepped by the robot below (in simulated time), not by the operators' wall-clock robots.
        const networks = await startSwapNetworks({ dataDir, manualSwaps: true, walkInEveryMs: 0, log: (line) => /failed|error|refus/i.test(line) && report(`swap networks: ${line}`) });
        if (closing) {
          await networks.stop();
          throw new Error('Cabin is stopping');
        }
        running = networks;
        if (sim) robot = startSwapStationRobot(host, sim, networks.networks, report);
        report(`simulated swap networks ready in ${Math.round(performance.now() - begun)} ms: ${networks.networks.map((n) => `${n.name} at ${n.url} (pid ${n.pid})`).join(', ')}`);
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
