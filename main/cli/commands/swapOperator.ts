// `cabin swap-operator`: runs the reference battery-swap operator (docs/swap-protocol.md) on PGlite or PostgreSQL until Ctrl-C.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SWAP_API_PREFIX, SWAP_PROTOCOL_VERSION } from '../../../shared/swap/protocol';
import { CliFailure, UsageError, parseFlags, parsePort, type CliCommand, type CliIO } from '../command';

const help = `Usage: cabin swap-operator --port N --data DIR --stations FILE [flags]

Runs the reference battery-swap operator: the open swap-booking protocol ${SWAP_PROTOCOL_VERSION}
(docs/swap-protocol.md) under ${SWAP_API_PREFIX}, with bookings in a real database.

Flags:
  --port N            TCP port (0 = any free port; the URL is printed)
  --host H            interface to listen on (default 127.0.0.1, loopback only)
  --data DIR          embedded database (PGlite) directory; created on first start (~6 s)
  --database URL      postgres://… : use this PostgreSQL server instead of PGlite (same schema);
                      several operator processes may share it
  --stations FILE     JSON array of stations: {"id","name","lat","lon","pack_standards":[…],
                      "bays":n,"ready_packs":{STANDARD:n}} (optional fields in the protocol doc)
  --token-file FILE   client tokens, one per line: TOKEN [CLIENT_ID] [client|station|client,station]
  --manual-swaps      a station controller starts and completes swaps (station-role token);
                      by default the operator runs the stations' swap robots itself

The bearer token comes from CABIN_OPERATOR_TOKEN (a client and station token at once) and/or
--token-file. The URL goes to stderr; Ctrl-C or SIGTERM stops it cleanly.
`;

export const swapOperatorCommand: CliCommand = {
  name: 'swap-operator',
  summary: 'run the reference battery-swap operator (open swap-booking protocol)',
  help,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values } = parseFlags(args, {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      database: { type: 'string' },
      stations: { type: 'string' },
      'token-file': { type: 'string' },
      'manual-swaps': { type: 'boolean' },
    });
    if (values.help) {
      io.stdout.write(help);
      return 0;
    }
    const port = parsePort(values.port) ?? 0;
    if (!values.stations) throw new UsageError('--stations FILE is required; run "cabin swap-operator --help"');
    if (!values.data && !values.database) throw new UsageError('--data DIR (embedded database) or --database postgres://… is required');
    if (values.database !== undefined && !/^postgres(ql)?:\/\//.test(values.database)) {
      throw new UsageError(`--database must be a postgres:// or postgresql:// URL, got "${values.database}"`);
    }
    const log = (m: string) => io.stderr.write(`swap-operator: ${m}\n`);

    // The operator's code loads only when this command runs, keeping other commands quick to start.
    const [{ startSwapOperator, readStationsFile }, { envTokenEntry, parseTokenFile }] = await Promise.all([
      import('../../../swap-operator/operator'),
      import('../../../swap-operator/auth'),
    ]);
    const tokens = [];
    const envToken = process.env.CABIN_OPERATOR_TOKEN;
    if (envToken !== undefined && envToken !== '') {
      if (/\s/.test(envToken)) throw new UsageError('CABIN_OPERATOR_TOKEN must not contain whitespace');
      tokens.push(envTokenEntry(envToken));
    }
    if (values['token-file']) {
      const file = resolve(io.cwd, values['token-file']);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        throw new CliFailure(`cannot read the token file ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      }
      try {
        tokens.push(...parseTokenFile(text, file).filter((t) => t.token !== envToken));
      } catch (error) {
        throw new CliFailure((error as Error).message);
      }
    }
    if (tokens.length === 0) throw new UsageError('no token: set CABIN_OPERATOR_TOKEN or pass --token-file FILE');
    if (tokens.some((t) => t.token.length < 16)) log('warning: a token shorter than 16 characters is easy to guess');

    let stations;
    try {
      stations = readStationsFile(resolve(io.cwd, values.stations));
    } catch (error) {
      throw new CliFailure(`the stations file has errors; nothing was started:\n${(error as Error).message}`);
    }

    let operator;
    try {
      operator = await startSwapOperator({
        host: values.host,
        port,
        dataDir: values.data ? resolve(io.cwd, values.data) : undefined,
        databaseUrl: values.database,
        stations,
        tokens,
        autoSwap: !values['manual-swaps'],
        log,
      });
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      if (e.code === 'EADDRINUSE') throw new CliFailure(`port ${port} is in use; pick another with --port (0 = any free port)`);
      throw new CliFailure(`cannot start: ${e.message}`);
    }
    const db = operator.database.kind === 'pglite' ? `PGlite ${operator.database.where}` : `PostgreSQL ${operator.database.where}`;
    log(`listening on ${operator.url} (protocol ${SWAP_PROTOCOL_VERSION}, ${db}, ${stations.length} stations, database opened in ${Math.round(operator.openMs)} ms)`);
    if (values.host && !['127.0.0.1', '::1', 'localhost'].includes(values.host)) log(`warning: listening beyond loopback on ${values.host}`);

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
    const s = operator.stats();
    await operator.close();
    const refused = Object.entries(s.http.refused).map(([code, n]) => `${code} ${n}`).join(', ') || 'none';
    log(`stopped: ${s.http.requests} requests (refused: ${refused}; internal errors ${s.http.internalErrors}); ${s.jobs.expired} expired as no-shows, ${s.jobs.swapsCompleted} swaps completed, ${s.jobs.recharged} packs recharged`);
    return 0;
  },
};
