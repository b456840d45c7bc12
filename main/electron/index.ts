// Electron main entry (built to out/main/index.js), the composition root: the adapter, given the vehicle starter the CLI shares.
import { app } from 'electron';
import { startVehicleFromFlags } from '../cli/start/vehicleStarter';
import { runApp } from './app';

runApp({
  startVehicle: (host, flags, where) => startVehicleFromFlags(host, flags, { ...where, report: (line) => process.stderr.write(`cabin: ${line}\n`) }),
}).catch((error: unknown) => {
  process.stderr.write(`cabin: unexpected start-up failure: ${(error as Error)?.message ?? String(error)}\n`);
  app.exit(1);
});
