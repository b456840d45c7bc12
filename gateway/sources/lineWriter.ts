// One long-lived child process fed a line per frame on its stdin (SocketCAN: `canplayer -t IFACE=IFACE`), instead of a process per frame.
import { spawn, type ChildProcess } from 'node:child_process';

export interface LineWriter {
  /** Writes one line (no newline); resolves once it is in the child's stdin pipe, rejects with a one-line reason. */
  write(line: string): Promise<void>;
  /** Processes started so far (1 for a healthy interface, however many frames). */
  readonly spawns: number;
  close(): Promise<void>;
}

export interface LineWriterOptions {
  /** The command and its arguments. */
  command: string[];
  /** What the child writes to, for messages ("can0"). */
  target: string;
  /** After the child exits, writes are refused for this long before a new one is started (no spawn storm). */
  restartAfterMs?: number;
  /** Monotonic milliseconds. */
  now?: () => number;
}

export function createLineWriter(options: LineWriterOptions): LineWriter {
  const [cmd, ...args] = options.command;
  const restartAfterMs = options.restartAfterMs ?? 1000;
  const now = options.now ?? (() => performance.now());
  let child: ChildProcess | undefined;
  let spawns = 0;
  let stderr = '';
  /** Why the last child ended and when, to refuse writes for a while with that reason. */
  let lastExit: { at: number; reason: string } | undefined;
  let closed = false;
  const inFlight = new Set<(error: Error) => void>();

  const start = (): ChildProcess => {
    spawns++;
    stderr = '';
    const proc = spawn(cmd, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    proc.stderr!.setEncoding('utf8');
    proc.stderr!.on('data', (s: string) => {
      stderr = (stderr + s).slice(-500);
    });
    // EPIPE after the child died arrives here; the exit handler reports it.
    proc.stdin!.on('error', () => {});
    let gone = false;
    const ended = (reason: string) => {
      // 'error' (it never started) may be followed by 'exit': the first reason is the useful one.
      if (gone) return;
      gone = true;
      if (child === proc) child = undefined;
      lastExit = { at: now(), reason };
      for (const fail of inFlight) fail(new Error(reason));
      inFlight.clear();
    };
    proc.once('error', (error: NodeJS.ErrnoException) =>
      ended(
        error.code === 'ENOENT'
          ? `${cmd} not found: install can-utils (apt-get install can-utils) to write to SocketCAN interfaces`
          : `${cmd} for ${options.target} failed to start: ${error.message}`,
      ),
    );
    proc.once('exit', (code, signal) => {
      const why = stderr.trim().split('\n').pop();
      ended(`${cmd} for ${options.target} exited (${signal ?? `code ${code}`})${why ? `: ${why}` : ''}`);
    });
    return proc;
  };

  return {
    get spawns() {
      return spawns;
    },
    write(line) {
      if (closed) return Promise.reject(new Error(`the writer for ${options.target} is closed`));
      if (!child) {
        if (lastExit && now() - lastExit.at < restartAfterMs) {
          return Promise.reject(new Error(`${lastExit.reason}; restarting it in ${Math.ceil((restartAfterMs - (now() - lastExit.at)) / 100) / 10} s`));
        }
        child = start();
      }
      const proc = child;
      return new Promise<void>((resolve, reject) => {
        inFlight.add(reject);
        proc.stdin!.write(`${line}\n`, (error) => {
          if (!inFlight.delete(reject)) return;
          if (error) reject(new Error(lastExit?.reason ?? `${cmd} for ${options.target}: ${error.message}`));
          else resolve();
        });
      });
    },
    async close() {
      closed = true;
      const proc = child;
      child = undefined;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        proc.once('exit', () => resolve());
        // canplayer stops at the end of its input; a stand-in that ignores it still gets SIGTERM.
        proc.stdin!.end();
        const kill = setTimeout(() => proc.kill('SIGTERM'), 500);
        proc.once('exit', () => clearTimeout(kill));
      });
    },
  };
}
