// Linux SocketCAN through can-utils: reads `candump -L IFACE` output and writes through one long-lived
// `canplayer -t IFACE=IFACE` per interface fed candump lines on stdin, since Node has no raw CAN socket.
//
// These machines have no CAN interfaces (no vcan), so the real candump/canplayer path cannot run here.
// The line parsing is the shared, tested candump parser, and the process handling is tested with
// stand-in commands (see socketcan.test.ts); on a vehicle, install can-utils and pass the interface.
import { spawn, type ChildProcess } from 'node:child_process';
import { formatCandumpLine, parseCandumpLine } from '../../shared/can/candump';
import type { CanFrame } from '../../shared/can/frame';
import type { FrameSink, FrameSource } from '../source';
import { createLineWriter, type LineWriter } from './lineWriter';

export interface SocketCanOptions {
  /** Interface names, e.g. ["can0"] or ["can0", "can1"]. */
  interfaces: string[];
  /** Command that prints candump -L lines for the interfaces (default: candump -L <ifaces>). */
  candump?: string[];
  /**
   * Command prefix of the long-lived writer; `IFACE=IFACE` is appended and it reads one candump -L line per
   * frame on stdin (default: canplayer -t, which sends each line's frame at once, ignoring its timestamp).
   */
  canplayer?: string[];
}

/** The line the writer is fed for a frame: candump -L syntax, timestamp 0 (canplayer -t ignores it). */
export function canplayerLine(frame: CanFrame): string {
  return formatCandumpLine({ ...frame, t: 0 });
}

export type SocketCanSource = FrameSource & {
  /** Writer processes started so far, per interface (one each while healthy). */
  writerSpawns(): Record<string, number>;
};

export function createSocketCanSource(options: SocketCanOptions): SocketCanSource {
  const { interfaces } = options;
  if (interfaces.length === 0) throw new Error('socketcan source needs at least one interface name');
  for (const name of interfaces) {
    if (!/^[A-Za-z0-9_.-]{1,15}$/.test(name)) throw new Error(`"${name}" is not a valid network interface name`);
  }
  const candump = options.candump ?? ['candump', '-L', ...interfaces];
  const canplayer = options.canplayer ?? ['canplayer', '-t'];
  const writers = new Map<string, LineWriter>();
  let child: ChildProcess | undefined;
  let stopping = false;

  return {
    kind: 'socketcan',
    buses: () => [...interfaces],
    async start(sink: FrameSink) {
      stopping = false;
      const [cmd, ...args] = candump;
      const proc = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      child = proc;
      let rest = '';
      let lineNo = 0;
      const out: CanFrame[] = [];
      proc.stdout!.setEncoding('utf8');
      proc.stdout!.on('data', (chunk: string) => {
        const text = rest + chunk;
        const lines = text.split('\n');
        rest = lines.pop() ?? '';
        out.length = 0;
        for (const line of lines) {
          lineNo++;
          const r = parseCandumpLine(line);
          if (r === null) continue;
          if (r.ok) out.push(r.frame);
          else sink.error(`${cmd} output line ${lineNo}: ${r.error}`);
        }
        if (out.length) sink.frames(out);
      });
      let stderr = '';
      proc.stderr!.setEncoding('utf8');
      proc.stderr!.on('data', (s: string) => {
        stderr = (stderr + s).slice(-500);
      });
      await new Promise<void>((resolve) => {
        proc.once('spawn', resolve);
        proc.once('error', (error: NodeJS.ErrnoException) => {
          sink.error(
            error.code === 'ENOENT'
              ? `${cmd} not found: install can-utils (apt-get install can-utils) to read SocketCAN interfaces`
              : `${cmd} failed to start: ${error.message}`,
          );
          resolve();
        });
      });
      proc.once('exit', (code, signal) => {
        if (stopping) return;
        const why = stderr.trim().split('\n').pop();
        sink.error(`${cmd} exited (${signal ?? `code ${code}`})${why ? `: ${why}` : ''}`);
        sink.end();
      });
    },
    async stop() {
      stopping = true;
      await Promise.all([...writers.values()].map((w) => w.close()));
      writers.clear();
      const proc = child;
      child = undefined;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      });
    },
    send(frame: CanFrame) {
      if (!interfaces.includes(frame.bus)) {
        return Promise.reject(new Error(`unknown interface "${frame.bus}"; this source has ${interfaces.join(', ')}`));
      }
      let writer = writers.get(frame.bus);
      if (!writer) {
        writer = createLineWriter({ command: [...canplayer, `${frame.bus}=${frame.bus}`], target: frame.bus });
        writers.set(frame.bus, writer);
      }
      return writer.write(canplayerLine(frame));
    },
    writerSpawns: () => Object.fromEntries([...writers].map(([name, w]) => [name, w.spawns])),
  };
}
