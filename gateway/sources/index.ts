// The frame sources `cabin gateway --source KIND ARG` knows; a new kind (e.g. the simulator's "sim") is one entry here.
import { resolve } from 'node:path';
import type { FrameSource } from '../source';
import { createReplaySource } from './replay';
import { createSocketCanSource } from './socketcan';

export interface SourceSpec {
  /** The positional after --source KIND: a log file for replay, interface name(s) for socketcan, a scenario for sim. */
  arg: string | undefined;
  /** --speed (replay; sim may use it as time acceleration). */
  speed?: number;
  /** --loop (replay). */
  loop?: boolean;
  /** Directory relative paths are resolved against. */
  cwd: string;
}

export interface SourceKind {
  /** One line for --help, e.g. "replay FILE   a candump -L log, timed by its timestamps". */
  usage: string;
  /** Throws an Error with a one-line message for bad arguments. */
  create(spec: SourceSpec): Promise<FrameSource>;
}

export const sourceKinds: Record<string, SourceKind> = {
  replay: {
    usage: 'replay FILE         a candump -L log, timed by its own timestamps (--speed, --loop)',
    async create({ arg, speed, loop, cwd }) {
      if (!arg) throw new Error('--source replay needs a candump log file: --source replay FILE');
      return createReplaySource({ file: resolve(cwd, arg), speed, loop });
    },
  },
  socketcan: {
    usage: 'socketcan IFACE     Linux SocketCAN via can-utils candump/cansend (IFACE may list several: can0,can1)',
    async create({ arg }) {
      if (!arg) throw new Error('--source socketcan needs an interface name: --source socketcan can0');
      return createSocketCanSource({ interfaces: arg.split(',').filter(Boolean) });
    },
  },
};
