// Child process of the host-pipeline bench: a gateway emitting the reference EV's real messages on six buses at a steady rate, with a probe signal.
// Usage: pipelineFeeder.ts <gateway|source-only> <frames per second> <seconds> <probe every ms>
// Prints {"url","token"} (gateway mode, once listening) or {"ready":true}; at the end {"probes":[[value,epochMs],…],"done":N}
// (kept until then, so the parent, which runs the host being measured, parses nothing during the run).
// Answers the IPC message "cpu" with its own process.cpuUsage(), so the parent can charge the gateway's CPU to the same window as the host's.
import { resolve } from 'node:path';
import { startGateway } from '../gateway/server';
import { loadVehicleFiles } from '../main/vehicle/vehicleFiles';
import { createProbeSource } from './probeSource';

const [mode, rateArg, secondsArg, probeEveryArg] = process.argv.slice(2);
const rate = Number(rateArg);
const say = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);
const probes: Array<[number, number]> = [];
process.on('message', (m) => {
  if (m === 'cpu') process.send!({ cpu: process.cpuUsage() });
});

const vehicle = await loadVehicleFiles(resolve(import.meta.dirname, '..', 'assets'), 'cabin-ev');
const source = createProbeSource({
  vehicle,
  rate,
  buses: ['can0', 'can1', 'can2', 'can3', 'can4', 'can5'],
  total: Math.round(rate * Number(secondsArg)),
  // An on_change signal with a wide integer range: probes are not throttled, and every value is distinct.
  probePath: 'Vehicle.TraveledDistance',
  probeMax: 1_000_000,
  probeEveryMs: Number(probeEveryArg),
  onProbe: (probe, at) => probes.push([probe, at]),
  onDone: (done) => say({ probes, done }),
});

if (mode === 'source-only') {
  // The same frames made and handed to a sink that keeps nothing: what the synthetic bus costs on its own.
  process.on('SIGTERM', () => process.exit(0));
  say({ ready: true });
  await source.start({ frames: () => undefined, error: () => undefined, end: () => undefined });
} else {
  const gateway = await startGateway({ source, waitForClient: true });
  say({ url: gateway.url, token: gateway.token });
  process.on('SIGTERM', () => void gateway.close().then(() => process.exit(0)));
}
