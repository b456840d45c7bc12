// `cabin start`: Cabin in desktop simulation (Electron when its binary exists, else the browser simulation).
import { resolve } from 'node:path';
import { CliFailure, parseFlags, parsePort, UsageError, type CliCommand } from '../command';
import { fetchElectronBinary, findElectronBinary } from '../start/electronBinary';
import { defaultDataDir, projectRoot } from '../start/paths';

/** Brand packs this build ships; brand packs proper arrive with the branding work. */
const BRANDS = ['cabin'];

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
  --brand ID       brand pack to show (this build: ${BRANDS.join(', ')})
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
    const { values } = parseFlags(args, {
      web: { type: 'boolean' },
      kiosk: { type: 'boolean' },
      brand: { type: 'string' },
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      vehicle: { type: 'string' },
      dbc: { type: 'string' },
      replay: { type: 'string' },
      gateway: { type: 'string' },
      scenario: { type: 'string' },
    });
    if (values.brand !== undefined && !BRANDS.includes(values.brand)) {
      throw new UsageError(`unknown brand "${values.brand}": this build has ${BRANDS.map((b) => `"${b}"`).join(', ')}`);
    }
    const port = parsePort(values.port);
    const dataDir = resolve(io.cwd, values['data-dir'] ?? defaultDataDir());
    const kiosk = values.kiosk ?? false;
    // Loaded here, not at the top: every other `cabin` command would otherwise pay for the host's start-up code.
    const [{ chooseVehicle, VehicleFlagError }, { VehicleLoadError }, { startWeb }, { startElectron }] = await Promise.all([
      import('../../vehicle/vehicleChoice'),
      import('../../vehicle/vehicleFiles'),
      import('../start/startWeb'),
      import('../start/startElectron'),
    ]);
    const vehicle = await chooseVehicle(values, io.cwd, resolve(projectRoot, 'assets')).catch((error: unknown) => {
      if (error instanceof VehicleFlagError) throw new UsageError(error.message);
      if (error instanceof VehicleLoadError) throw new CliFailure(error.message);
      throw error;
    });

    if (!values.web) {
      let electron = findElectronBinary(projectRoot);
      if (!electron.available && process.env.CABIN_NO_ELECTRON_DOWNLOAD !== '1') {
        io.stderr.write('cabin: fetching Electron\'s binary (first start)…\n');
        electron = await fetchElectronBinary(projectRoot);
      }
      if (electron.available) {
        const passThrough = [...(kiosk ? ['--kiosk'] : []), '--data-dir', dataDir];
        if (values.brand) passThrough.push('--brand', values.brand);
        return startElectron(electron.path, passThrough, io);
      }
      io.stderr.write(`cabin: ${electron.reason}, so Cabin starts in the browser simulation instead.\n`);
    }
    return startWeb({ dataDir, port, kiosk, vehicle, cwd: io.cwd }, io);
  },
};
