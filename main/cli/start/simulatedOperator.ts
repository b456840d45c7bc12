// Starts the simulated charge-point operator as its own process on loopback and hands its URL and token to the host's stations service.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Host } from '../../host/createHost';
import { projectRoot } from './paths';

/**
 * The operators it serves: the largest network in each simulated country (TELD around Guangzhou and Shanghai,
 * Mer around Oslo), so live statuses show where the scenarios drive without the host re-reading all 20,400 sites.
 */
export const SIMULATED_PARTIES = ['CN*TLD', 'NO*MER'];
/** The name the live source has in the host (its cache file, and the source shown with its age). */
export const SIMULATED_SOURCE = 'sim-cpo';

export interface SimulatedOperator {
  /** Resolves with the URL once the operator listens (null if it could not start). */
  readonly ready: Promise<string | null>;
  close(): Promise<void>;
}

export function startSimulatedOperator(host: Host, report: (line: string) => void): SimulatedOperator {
  const token = randomBytes(18).toString('base64url');
  const child: ChildProcess = spawn(process.execPath, [join(projectRoot, 'bin', 'run-ts.mjs'), join(projectRoot, 'main', 'cli', 'start', 'chargePointOperatorProcess.ts')], {
    cwd: projectRoot,
    // Under Electron, process.execPath is Electron's binary: run it as plain Node.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', CABIN_CPO_TOKEN: token, CABIN_CPO_PARTIES: SIMULATED_PARTIES.join(',') },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let detach: (() => void) | null = null;
  let detachReservations: (() => void) | null = null;
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));

  const ready = new Promise<string | null>((done) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      try {
        const { url, locations } = JSON.parse(line) as { url: string; locations: number };
        report(`simulated charge-point operator: ${locations} locations of ${SIMULATED_PARTIES.join(', ')} at ${url}`);
        detach = host.ports.stations?.attachOcpiSource({ source: SIMULATED_SOURCE, url, token, pageLimit: 200 }) ?? null;
        // The same operator takes OCPI Commands: charger reservations.
        detachReservations = host.ports.reservations?.attachOperator({ source: SIMULATED_SOURCE, parties: SIMULATED_PARTIES, locationsUrl: url, token }) ?? null;
        done(url);
      } catch (error) {
        report(`simulated charge-point operator: unreadable start line (${(error as Error).message})`);
        done(null);
      }
    });
    child.once('exit', (code) => {
      if (!detach) report(`simulated charge-point operator exited (${code}) before it listened: ${stderr.trim().split('\n').pop() ?? ''}`);
      done(null);
    });
    child.once('error', (error) => {
      report(`simulated charge-point operator could not start: ${error.message}`);
      done(null);
    });
  });

  return {
    ready,
    async close() {
      detach?.();
      detachReservations?.();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
