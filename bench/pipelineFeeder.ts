// Child process of the host-pipeline bench: a gateway emitting the reference EV's real messages on six buses at a steady rate.
// Usage: pipelineFeeder.ts <frames per second> <seconds> — prints {"url"}, then {"probe":value,"at":epochMs} for every speed probe, then {"done":N}.
import { resolve } from 'node:path';
import { startGateway } from '../gateway/server';
import { loadVehicleFiles } from '../main/vehicle/vehicleFiles';
import { createProbeSource } from './probeSource';

const [rateArg, secondsArg] = process.argv.slice(2);
const rate = Number(rateArg);
const say = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);

const vehicle = await loadVehicleFiles(resolve(import.meta.dirname, '..', 'assets'), 'cabin-ev');
const source = createProbeSource({
  vehicle,
  rate,
  buses: ['can0', 'can1', 'can2', 'can3', 'can4', 'can5'],
  total: Math.round(rate * Number(secondsArg)),
  onProbe: (probe, at) => say({ probe, at }),
  onDone: (done) => say({ done }),
});
const gateway = await startGateway({ source, token: 'bench', waitForClient: true });
say({ url: gateway.url });
process.on('SIGTERM', () => void gateway.close().then(() => process.exit(0)));
