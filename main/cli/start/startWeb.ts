// `cabin start --web`: the host in Node, the built renderer on a loopback port, CabinBridge over socket.io.
import { createHost, HostStartError } from '../../host/createHost';
import { ensureRendererBuilt, rendererOutDir } from '../../web/rendererBuild';
import { startWebServer, WebStartError } from '../../web/startWebServer';
import { CliFailure, type CliIO } from '../command';
import { appVersion, projectRoot } from './paths';
import { waitForStopSignal } from './stopSignal';
import { startVehicleData, VehicleStartError } from './startVehicleData';
import type { VehicleChoice } from '../../vehicle/vehicleChoice';

export interface WebStartOptions {
  dataDir: string;
  port: number | undefined;
  kiosk: boolean;
  vehicle: VehicleChoice;
  cwd: string;
  /** `--brand ID`; `CABIN_BRAND` is read here. */
  brand?: string;
}

export async function startWeb(options: WebStartOptions, io: CliIO): Promise<number> {
  const report = (line: string) => io.stderr.write(`cabin: ${line}\n`);
  const stopped = waitForStopSignal();

  const host = await createHost({
    dataDir: options.dataDir,
    version: appVersion(),
    mode: options.kiosk ? 'head-unit' : 'simulation',
    transport: 'web',
    appRoot: projectRoot,
    report,
    brand: { flag: options.brand, env: process.env.CABIN_BRAND || undefined },
  }).catch(rethrowAsCliFailure);

  const server = await startWebServer({
    host,
    rendererDir: rendererOutDir(projectRoot),
    port: options.port ?? 0,
    report,
  }).catch(async (error: unknown) => {
    await host.close();
    return rethrowAsCliFailure(error);
  });

  // Data dir and port are checked before the (slower) build, so a mistake is reported at once.
  await ensureRendererBuilt(projectRoot, report);
  const vehicle = await startVehicleData(host, options.vehicle, { cwd: options.cwd, report }).catch(async (error: unknown) => {
    await server.close();
    await host.close();
    return rethrowAsCliFailure(error);
  });

  io.stdout.write(`${server.url}\n`);
  report(`browser simulation running; open the URL above in Chromium (data in ${host.dataDir}). Ctrl-C stops it.`);

  await stopped;
  report('stopping…');
  await vehicle.close();
  await server.close();
  await host.close();
  return 0;
}

function rethrowAsCliFailure(error: unknown): never {
  if (error instanceof HostStartError || error instanceof WebStartError || error instanceof VehicleStartError) {
    throw new CliFailure(error.message);
  }
  throw error;
}
