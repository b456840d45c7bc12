// `cabin gateway`: runs the CAN gateway bridge over a replay log, SocketCAN or the simulator until Ctrl-C, with its tokens, send allowlist and limits.
import { resolve } from 'node:path';
import { startGateway } from '../../../gateway/server';
import { DEFAULT_SEND_QUEUE, DEFAULT_SEND_RATE } from '../../../gateway/sendPath';
import { sourceKinds, type SourceKind } from '../../../gateway/sources';
import type { RunningGateway } from '../../../gateway/server';
import { chooseToken, TokenError, type TokenChoice } from '../../../gateway/tokens';
import { formatCanId, parseAllowIds, sendAllowlistFromMapping, type SendAllowEntry } from '../../../shared/gateway/allowlist';
import { GATEWAY_PROTOCOL, MIN_TOKEN_BYTES } from '../../../shared/gateway/protocol';
import { CliFailure, UsageError, parseFlags, parsePort, type CliCommand, type CliIO } from '../command';
import { projectRoot } from '../start/paths';

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

Tokens (at least ${MIN_TOKEN_BYTES} bytes; a file or the environment keeps them out of ps):
  --token-file FILE       the read-write token, from FILE (else $CABIN_GATEWAY_TOKEN;
                          with neither, a random one is made and printed)
  --read-only-token-file FILE
                          a second token that may receive but not send (else
                          $CABIN_GATEWAY_READ_ONLY_TOKEN)
  --token T, --read-only-token T
                          the same on the command line: accepted, with a warning, since
                          argv shows in ps

Sending (without one of these the gateway is read-only: every send is refused):
  --vehicle ID            allow the messages this vehicle's mapping writes (assets/vehicles/ID)
  --dbc FILE              the vehicle's DBC when it ships none (as for cabin start)
  --allow-ids LIST        allow these ids: 0x3A0,0x3A1 (8 hex digits or over 0x7FF: 29-bit)
  --allow-any-id          developer gateway: any id may be sent
  --send-rate N           frames per second per bus (default ${DEFAULT_SEND_RATE})
  --send-queue N          frames that may wait per bus before a send is refused (default ${DEFAULT_SEND_QUEUE})

Other flags:
  --speed X               replay time scale (default 1; "max" = as fast as possible)
  --loop                  replay the log again and again
  --host H                interface to listen on (default 127.0.0.1, loopback only)
  --port N                TCP port (default 0 = any free port; the URL is printed)
  --allow-origin ORIGIN   let a browser page from ORIGIN connect (repeatable); any other
                          browser Origin is refused
  --record FILE           append every frame passing through to FILE as a candump -L log
                          (frames the app sent end in " T")
  --wait-for-client       start the source when the first client connects

The URL goes to stderr (and a random token, when one was made); Ctrl-C stops it cleanly.
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
        'token-file': { type: 'string' },
        'read-only-token': { type: 'string' },
        'read-only-token-file': { type: 'string' },
        // The same flag under the name the first design used.
        'read-token-file': { type: 'string' },
        vehicle: { type: 'string' },
        dbc: { type: 'string' },
        'allow-ids': { type: 'string' },
        'allow-any-id': { type: 'boolean' },
        'send-rate': { type: 'string' },
        'send-queue': { type: 'string' },
        'allow-origin': { type: 'string', multiple: true },
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
    const sendRate = parseCount(values['send-rate'], '--send-rate', 1);
    const sendQueue = parseCount(values['send-queue'], '--send-queue', 0);
    const log = (m: string) => io.stderr.write(`gateway: ${m}\n`);

    // Tokens before anything slow: a short or unreadable token stops start-up with one line.
    const tokenFlags = (flag: string, fileFlag: string, envName: string, argv: string | undefined, file: string | undefined, env: string | undefined) =>
      chooseToken({ flag, fileFlag, envName, argv, file: file && resolve(io.cwd, file), env }).catch((error: unknown) => {
        throw error instanceof TokenError ? new UsageError(error.message) : error;
      });
    if (values['read-only-token-file'] !== undefined && values['read-token-file'] !== undefined) {
      throw new UsageError('--read-only-token-file and --read-token-file are the same flag; give it once');
    }
    const env = process.env;
    const token = await tokenFlags('--token', '--token-file', 'CABIN_GATEWAY_TOKEN', values.token, values['token-file'], env.CABIN_GATEWAY_TOKEN);
    const readOnlyToken = await tokenFlags(
      '--read-only-token',
      '--read-only-token-file',
      'CABIN_GATEWAY_READ_ONLY_TOKEN',
      values['read-only-token'],
      values['read-only-token-file'] ?? values['read-token-file'],
      env.CABIN_GATEWAY_READ_ONLY_TOKEN ?? env.CABIN_GATEWAY_READ_TOKEN,
    );
    const send = await sendAllowlist(values, io.cwd);

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
        token: token?.token,
        readOnlyToken: readOnlyToken?.token,
        sendAllowlist: send.allow === 'any' ? undefined : send.allow,
        allowAnyId: send.allow === 'any',
        sendRatePerBus: sendRate,
        sendQueuePerBus: sendQueue,
        allowOrigins: values['allow-origin'],
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
    describeToken(log, 'token', token, gateway.token);
    if (readOnlyToken) describeToken(log, 'read-only token', readOnlyToken, readOnlyToken.token);
    log(`sends: ${send.describe}`);
    if (send.allow === 'any') log('warning: --allow-any-id: any id may be sent (a developer gateway; use --vehicle ID on a car)');
    for (const origin of values['allow-origin'] ?? []) log(`browser origin allowed: ${origin}`);
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

function describeToken(log: (m: string) => void, what: string, choice: TokenChoice | undefined, made: string): void {
  if (!choice) return log(`${what}: ${made} (random; keep one across restarts with --token-file FILE)`);
  log(`${what}: ${choice.from === 'given by --token' ? 'as given by --token' : choice.from}`);
  if (choice.warning) log(`warning: ${choice.warning}`);
}

/** The send allowlist from --vehicle / --allow-ids / --allow-any-id, and one line saying what it allows. */
async function sendAllowlist(
  values: { vehicle?: string; dbc?: string; 'allow-ids'?: string; 'allow-any-id'?: boolean },
  cwd: string,
): Promise<{ allow: SendAllowEntry[] | 'any'; describe: string }> {
  if (values['allow-any-id']) {
    if (values.vehicle || values['allow-ids']) throw new UsageError('--allow-any-id allows every id; drop --vehicle and --allow-ids, or drop it');
    return { allow: 'any', describe: 'any id (--allow-any-id)' };
  }
  if (values.dbc && !values.vehicle) throw new UsageError('--dbc goes with --vehicle ID');
  const allow: SendAllowEntry[] = [];
  const from: string[] = [];
  if (values.vehicle) {
    // Loaded only when asked for: most gateways run without a vehicle definition.
    const { loadVehicleFiles } = await import('../../vehicle/vehicleFiles');
    let mapping;
    try {
      ({ mapping } = await loadVehicleFiles(resolve(projectRoot, 'assets'), values.vehicle, values.dbc && resolve(cwd, values.dbc)));
    } catch (error) {
      throw new CliFailure(`--vehicle ${values.vehicle}: ${errorMessage(error)}`);
    }
    const ids = sendAllowlistFromMapping(mapping);
    allow.push(...ids);
    from.push(`vehicle ${values.vehicle}${ids.length === 0 ? ' (its mapping writes no message)' : ''}`);
  }
  if (values['allow-ids'] !== undefined) {
    try {
      allow.push(...parseAllowIds(values['allow-ids']));
    } catch (error) {
      throw new UsageError(errorMessage(error));
    }
    from.push('--allow-ids');
  }
  const unique = allow.filter((e, i) => allow.findIndex((o) => o.id === e.id && o.extended === e.extended) === i);
  if (unique.length === 0) {
    return { allow: [], describe: `refused: a read-only gateway (${from.length ? `${from.join(', ')} allow no id` : 'no --vehicle, --allow-ids or --allow-any-id'})` };
  }
  return { allow: unique, describe: `${unique.length} id${unique.length === 1 ? '' : 's'} from ${from.join(' and ')}: ${unique.map((e) => formatCanId(e.id, e.extended)).join(', ')}` };
}

function parseCount(value: string | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > 1_000_000) throw new UsageError(`${flag} must be a whole number from ${min} to 1000000, got "${value}"`);
  return n;
}

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
