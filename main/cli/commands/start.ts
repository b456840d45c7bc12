// `cabin start`: Cabin in desktop simulation (Electron when its binary exists, else the browser simulation).
import { resolve } from 'node:path';
import { CliFailure, parsePort, UsageError, type CliCommand } from '../command';
import { parseStartFlags, StartFlagError, startFlagsToArgs } from '../../launch/startFlags';
import { fetchElectronBinary, findElectronBinary } from '../start/electronBinary';
import { defaultDataDir, projectRoot } from '../start/paths';

export const startCommand: CliCommand = {
  name: 'start',
  summary: 'start Cabin in simulation (parked car at a demo location unless a scenario is chosen)',
  help: `Usage: cabin start [--web] [--kiosk] [--brand ID] [--data-dir DIR] [--port N]
                   [--vehicle ID] [--dbc FILE] [--replay FILE | --gateway URL | --scenario NAME]

Starts Cabin. Without --web it runs the Electron app when Electron's binary is installed,
and otherwise explains why and runs the browser simulation instead.

  --web            run the host in Node and serve the app to a browser on 127.0.0.1;
                   prints the URL to open (with a per-run access token) on stdout
  --kiosk          head-unit mode: fullscreen kiosk window, no developer screens
  --head-unit      head-unit mode in a window (a test bench): no developer screens
  --dev-tools      open Electron's DevTools (developers only; never with --kiosk)
  --brand ID       brand pack to show: a folder of assets/brands (else $CABIN_BRAND, else the
                   default brand); an unusable pack shows the default brand with a notice
  --data-dir DIR   folder for settings and other stored data (default: ${defaultDataDir()})
  --port N         port for --web (default: any free port)
  --vehicle ID     vehicle definition from assets/vehicles (default: cabin-ev, the simulated EV)
  --dbc FILE       the vehicle's DBC file, for vehicles that ship only a mapping (e.g. hyundai-2015)
  --replay FILE    replay a candump -L log through an embedded gateway (looped)
  --gateway URL    connect to a running gateway, e.g. ws://127.0.0.1:7000?token=… (or $CABIN_GATEWAY_TOKEN)
  --scenario NAME  drive the simulated EV through a scenario (see cabin simulate --list);
                   without one the car is parked at a demo location
  -h, --help       show this help
`,
  async run(args, io) {
    let flags: ReturnType<typeof parseStartFlags>;
    try {
      flags = parseStartFlags(args, io.cwd);
    } catch (error) {
      if (error instanceof StartFlagError) throw new UsageError(error.message);
      throw error;
    }
    if (flags.brand !== undefined) {
      const { listBrands } = await import('../../services/brand/chooseBrand');
      const brands = await listBrands(resolve(projectRoot, 'assets'));
      if (!brands.includes(flags.brand)) throw new UsageError(`unknown brand "${flags.brand}": this build has ${brands.map((b) => `"${b}"`).join(', ')}`);
    }
    const port = parsePort(flags.port);
    const dataDir = flags.dataDir ?? resolve(io.cwd, defaultDataDir());
    // Loaded here, not at the top: every other `cabin` command would otherwise pay for the host's start-up code.
    const [{ chooseVehicle, VehicleFlagError }, { VehicleLoadError }, { startWeb }, { startElectron }] = await Promise.all([
      import('../../vehicle/vehicleChoice'),
      import('../../vehicle/vehicleFiles'),
      import('../start/startWeb'),
      import('../start/startElectron'),
    ]);
    // Checked here for both paths, so a mistake is one line before anything (Electron included) starts.
    const vehicle = await chooseVehicle(flags.vehicle, io.cwd, resolve(projectRoot, 'assets')).catch((error: unknown) => {
      if (error instanceof VehicleFlagError) throw new UsageError(error.message);
      if (error instanceof VehicleLoadError) throw new CliFailure(error.message);
      throw error;
    });

    if (!flags.web) {
      let electron = findElectronBinary(projectRoot);
      if (!electron.available && process.env.CABIN_NO_ELECTRON_DOWNLOAD !== '1') {
        io.stderr.write('cabin: fetching Electron\'s binary (first start)…\n');
        electron = await fetchElectronBinary(projectRoot);
      }
      if (electron.available) {
        // The same flags, through the same parser on the other side: nothing is dropped on the way.
        return startElectron(electron.path, startFlagsToArgs({ ...flags, dataDir }), io);
      }
      io.stderr.write(`cabin: ${electron.reason}, so Cabin starts in the browser simulation instead.\n`);
    }
    return startWeb({ dataDir, port, kiosk: flags.kiosk || flags.headUnit, vehicle, cwd: io.cwd, brand: flags.brand }, io);
  },
};
