// A bench's helper process (a gateway feeder): JSON lines out, its own CPU time on request, so each process's CPU is charged to the same window.
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const root = resolve(import.meta.dirname, '..');

export interface BenchChild {
  /** Resolves with the first line (parsed) that has `key`, waiting for it if needed. */
  next<T extends object>(key: string): Promise<T>;
  /** Calls `onLine` for every line from now on (and for those already received). */
  each(onLine: (line: Record<string, unknown>) => void): void;
  /** The child's own process.cpuUsage(), asked over IPC. */
  cpu(): Promise<NodeJS.CpuUsage>;
  stop(): Promise<void>;
}

/** Starts `bench/<script>` under tsx; the child prints JSON lines and answers the IPC message "cpu". */
export function startBenchChild(script: string, args: string[]): BenchChild {
  const child: ChildProcess = spawn(process.execPath, [join(root, 'bin', 'run-ts.mjs'), join(root, 'bench', script), ...args], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const lines: Record<string, unknown>[] = [];
  const listeners: Array<(line: Record<string, unknown>) => void> = [];
  let wake: (() => void) | null = null;
  createInterface({ input: child.stdout! }).on('line', (text) => {
    const line = JSON.parse(text) as Record<string, unknown>;
    lines.push(line);
    for (const l of listeners) l(line);
    wake?.();
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    async next<T extends object>(key: string): Promise<T> {
      for (;;) {
        const found = lines.find((l) => key in l);
        if (found) return found as T;
        if (child.exitCode !== null) throw new Error(`bench child ${script} exited (${child.exitCode}) before saying "${key}"`);
        await new Promise<void>((r) => (wake = r));
      }
    },
    each(onLine) {
      for (const l of lines) onLine(l);
      listeners.push(onLine);
    },
    cpu() {
      return new Promise((done) => {
        const onMessage = (m: unknown) => {
          if (typeof m === 'object' && m !== null && 'cpu' in m) {
            child.off('message', onMessage);
            done((m as { cpu: NodeJS.CpuUsage }).cpu);
          }
        };
        child.on('message', onMessage);
        child.send('cpu');
      });
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const guard = setTimeout(kill, 5000);
      await exited;
      clearTimeout(guard);
      process.off('exit', kill);
    },
  };
}

/** CPU time of this process and of `others` over one wall-clock window, as % of one core each. */
export async function cpuWindow(others: BenchChild[]): Promise<() => Promise<{ wallMs: number; self: number; others: number[] }>> {
  const startOthers = await Promise.all(others.map((o) => o.cpu()));
  const startSelf = process.cpuUsage();
  const startWall = performance.now();
  return async () => {
    const self = process.cpuUsage(startSelf);
    const wallMs = performance.now() - startWall;
    const endOthers = await Promise.all(others.map((o) => o.cpu()));
    const percent = (u: NodeJS.CpuUsage) => ((u.user + u.system) / 1000 / wallMs) * 100;
    return {
      wallMs,
      self: percent(self),
      others: endOthers.map((e, i) => percent({ user: e.user - startOthers[i].user, system: e.system - startOthers[i].system })),
    };
  };
}
