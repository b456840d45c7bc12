// Runs `cabin swap-operator` as a real child process for tests and benchmarks, and talks the protocol to it over HTTP.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const projectRoot = resolve(import.meta.dirname, '..', '..');

export interface OperatorProcess {
  child: ChildProcess;
  url: string;
  stderr(): string;
  /** Resolves with the exit code (or signal) once the process is gone. */
  exited: Promise<number | NodeJS.Signals>;
  kill(signal?: NodeJS.Signals): Promise<number | NodeJS.Signals>;
}

/** A stations file written for one test or benchmark. */
export function writeStationsFile(dir: string, stations: unknown[], name = 'stations.json'): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(stations, null, 2));
  return file;
}

/**
 * Starts the operator and resolves once it prints its URL. PGlite's first open runs initdb
 * (6 s on an idle machine, more under load), hence the generous default.
 */
export async function spawnOperator(args: string[], opts: { token?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<OperatorProcess> {
  const child = spawn(process.execPath, [join(projectRoot, 'bin', 'cabin.mjs'), 'swap-operator', ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...(opts.token ? { CABIN_OPERATOR_TOKEN: opts.token } : {}), ...opts.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (s: string) => (stderr += s));
  const exited = new Promise<number | NodeJS.Signals>((done) => child.once('exit', (code, signal) => done(code ?? signal ?? -1)));
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`swap-operator did not start within ${opts.timeoutMs ?? 90_000} ms: ${stderr}`)), opts.timeoutMs ?? 90_000);
    const onData = () => {
      const m = /listening on (http:\/\/\S+)/.exec(stderr);
      if (m) {
        clearTimeout(timer);
        child.stderr!.off('data', onData);
        done(m[1]);
      }
    };
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`swap-operator exited with ${code} before listening: ${stderr}`));
    });
  });
  return {
    child,
    url,
    stderr: () => stderr,
    exited,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Runs `cabin swap-operator` expecting it to stop by itself (bad arguments, bad stations file). */
export async function runOperatorToExit(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [join(projectRoot, 'bin', 'cabin.mjs'), 'swap-operator', ...args], {
    cwd: projectRoot,
    env: { ...process.env, CABIN_OPERATOR_TOKEN: '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (s: string) => (stderr += s));
  const code = await new Promise<number | null>((done) => child.once('exit', (c) => done(c)));
  return { code, stderr };
}

export interface ApiResponse {
  status: number;
  body: Record<string, unknown> & { error?: { code: string; message: string } };
  headers: Headers;
}

/** A minimal protocol client over Node's fetch (no retries, no validation: tests check the raw answers). */
export function protocolClient(baseUrl: string, token: string | null) {
  const request = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(token === null ? {} : { Authorization: `Bearer ${token}` }), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: ApiResponse['body'];
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = { raw: text };
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  return {
    request,
    book: (key: string, body: Record<string, unknown>) => request('POST', '/swap/v1/bookings', body, { 'Idempotency-Key': key }),
    get: (id: string) => request('GET', `/swap/v1/bookings/${encodeURIComponent(id)}`),
    cancel: (id: string) => request('POST', `/swap/v1/bookings/${encodeURIComponent(id)}/cancel`),
    checkIn: (id: string, body: Record<string, unknown> = {}) => request('POST', `/swap/v1/bookings/${encodeURIComponent(id)}/check-in`, body),
    station: (id: string) => request('GET', `/swap/v1/stations/${encodeURIComponent(id)}`),
  };
}

export type ProtocolClient = ReturnType<typeof protocolClient>;

/**
 * Reads until `test` holds (for conditions only an HTTP request can observe); each read waits for
 * the previous answer, so the pace is the server's. Fails naming what never happened.
 */
export async function readUntil<T>(read: () => Promise<T>, test: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (test(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last value ${JSON.stringify(value)}`);
  }
}
