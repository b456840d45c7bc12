// Starts `cabin start --web` as a real child process for end-to-end tests and stops it like Ctrl-C would.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
/** Every test's data folder, kept for a look after a failure and cleared when the next run starts (globalSetup). */
export const E2E_DATA_DIR = resolve(root, 'test-results', 'e2e-data');

export interface CabinProcess {
  url: string;
  dataDir: string;
  stderr: () => string;
  stop(): Promise<number | null>;
}

export async function newDataDir(): Promise<string> {
  await mkdir(E2E_DATA_DIR, { recursive: true });
  return mkdtemp(join(E2E_DATA_DIR, 'cabin-'));
}

export async function startCabin(args: string[] = [], dataDir?: string): Promise<CabinProcess> {
  const dir = dataDir ?? (await newDataDir());
  const child: ChildProcess = spawn(process.execPath, [join(root, 'bin', 'cabin.mjs'), 'start', '--web', '--data-dir', dir, ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const url = await new Promise<string>((done, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`cabin start printed no URL in 30 s; stderr:\n${err}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => /^http:\/\/127\.0\.0\.1:\d+\//.test(l));
      if (line) {
        clearTimeout(timer);
        done(line.trim());
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`cabin start exited with ${code} before printing a URL; stderr:\n${err}`));
    });
  });
  return {
    url,
    dataDir: dir,
    stderr: () => err,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done(child.exitCode);
        child.once('exit', (code) => done(code));
        child.kill('SIGINT');
      }),
  };
}
