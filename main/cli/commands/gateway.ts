// `cabin gateway`: runs the CAN gateway bridge over a replay log or SocketCAN until Ctrl-C.
import { resolve } from 'node:path';
import { startGateway } from '../../../gateway/server';
import { sourceKinds, type SourceKind } from '../../../gateway/sources';
import type { RunningGateway } from '../../../gateway/server';
import { GATEWAY_PROTOCOL } from '../../../shared/gateway/protocol';
import { CliFailure, UsageError, parseFlags, parsePort, type CliCommand, type CliIO } from '../command';

/** The gateway's own sources plus the simulated EV (which gateway/ may not import, so it joins here). */
let runningGateway: RunningGateway | null = null;
const kinds: Record<string, SourceKind> = {
  ...sourceKinds,
  sim: {
    usage: 'sim [SCENARIO]      the simulated Cabin EV: parked, or driving a scenario (--speed = time acceleration 1..60)',
    async create({ arg, speed, cwd }) {
      // The simulator loads only when asked for, keeping every other `cabin` command quick to start.
      const [{ createSimSource }, { gatewayFaultsTo }] = await Promise.all([import('../../../simulator/simSource'), import('../start/simulationController')]);
      return createSimSource({ scenario: arg, acceleration: speed, cwd, onGatewayFault: gatewayFaultsTo(() => runningGateway) });
    },
  },
};

const help = `Usage: cabin gateway --source KIND ARG [flags]

Runs the Cabin CAN gateway (protocol ${GATEWAY_PROTOCOL}, docs/gateway-protocol.md): a socket.io
server that streams frames from a source to the app and puts the app's frames on the bus.

Sources:
${Object.values(kinds)
  .map((k) => `  --source ${k.usage}`)
  .join('\n')}

Flags:
  --speed X               replay time scale (default 1; "max" = as fast as possible)
  --loop                  replay the log again and again
  --host H                interface to listen on (default 127.0.0.1, loopback only)
  --port N                TCP port (default 0 = any free port; the URL is printed)
  --token T               token clients must present (default: a random one, printed)
  --read-only-token T     a second token that may receive but not send
  --record FILE           append every frame passing through to FILE as a candump -L log
                          (frames the app sent end in " T")
  --wait-for-client       start the source when the first client connects

The URL and tokens go to stderr; Ctrl-C stops it cleanly.
`;

export const gatewayCommand: CliCommand = {
  name: 'gateway',
  summary: 'run the CAN gateway bridge (replay a candump log, or SocketCAN)',
  help,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseFlags(
      args,
      {
        source: { type: 'string' },
        speed: { type: 'string' },
        loop: { type: 'boolean' },
        host: { type: 'string' },
        port: { type: 'string' },
        token: { type: 'string' },
        'read-only-token': { type: 'string' },
        record: { type: 'string' },
        'wait-for-client': { type: 'boolean' },
      },
      { positionals: true },
    );
    if (values.help) {
      io.stdout.write(help);
      return 0;
    }
    const kindName = values.source;
    if (!kindName) throw new UsageError('--source is required (replay FILE, socketcan IFACE or sim [SCENARIO]); run "cabin gateway --help"');
    const kind = kinds[kindName];
    if (!kind) throw new UsageError(`unknown source "${kindName}"; known: ${Object.keys(kinds).join(', ')}`);
    if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
    const speed = parseSpeed(values.speed);
    const port = parsePort(values.port) ?? 0;
    if (values.token === '') throw new UsageError('--token must not be empty');
    const log = (m: string) => io.stderr.write(`gateway: ${m}\n`);

    let source;
    try {
      source = await kind.create({ arg: positionals[0], speed, loop: values.loop, cwd: io.cwd });
    } catch (error) {
      throw new CliFailure(errorMessage(error));
    }
    let gateway;
    try {
      gateway = await startGateway({
        source,
        host: values.host,
        port,
        token: values.token,
        readOnlyToken: values['read-only-token'],
        record: values.record ? resolve(io.cwd, values.record) : undefined,
        waitForClient: values['wait-for-client'],
        log,
      });
    } catch (error) {
      await source.stop();
      throw new CliFailure(errorMessage(error));
    }
    runningGateway = gateway;
    log(`listening on ${gateway.url} (protocol ${GATEWAY_PROTOCOL}, source ${kindName}${positionals[0] ? ` ${positionals[0]}` : ''})`);
    log(values.token ? 'token: as given by --token' : `token: ${gateway.token}`);
    if (gateway.readOnlyToken) log('read-only token: as given by --read-only-token');
    if (gateway.host !== '127.0.0.1' && gateway.host !== '::1' && gateway.host !== 'localhost') {
      log(`warning: listening beyond loopback on ${gateway.host}; anyone with the token can read the bus`);
    }

    await new Promise<void>((done) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        done();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    log('stopping');
    await gateway.close();
    const s = gateway.stats();
    log(`stopped: ${s.framesIn} frames in, ${s.sent} sent, ${s.sourceErrors} source errors, ${s.refusedConnections} refused connections`);
    return 0;
  },
};

function parseSpeed(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (value === 'max') return Infinity;
  const speed = Number(value);
  if (!Number.isFinite(speed) || speed <= 0) throw new UsageError(`--speed must be a positive number or "max", got "${value}"`);
  return speed;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
