// The contract every `cabin` (sub)command implements, and strict flag parsing shared by all of them.
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Where a command writes: machine-readable output to stdout, messages and counts to stderr. */
export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  /** Directory relative paths are resolved against. */
  cwd: string;
}

export interface CliCommand {
  name: string;
  /** One line for the parent's --help listing. */
  summary: string;
  /** Full --help text for this command. */
  help: string;
  /** Returns the process exit code. */
  run(args: string[], io: CliIO): Promise<number>;
}

/**
 * A command listed by name and summary whose code loads only when it runs: `cabin --help` and every
 * other command then pay nothing for it (the host, the simulator, PGlite…).
 */
export interface LazyCommand {
  name: string;
  summary: string;
  load(): Promise<CliCommand>;
}

export function lazyCommand(name: string, summary: string, load: () => Promise<CliCommand>): LazyCommand {
  return { name, summary, load };
}

/** A user mistake on the command line: printed as one line, exit code 2, never a stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An expected failure (port in use, unwritable data dir…): one line naming the problem and what to do. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliFailure';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;
type HelpOption = { help: { type: 'boolean'; short: 'h' } };
/** What parseFlags returns: typed values for the declared flags, plus positionals. */
export type ParsedFlags<T extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T & HelpOption; strict: true; allowPositionals: boolean }>
>;

/**
 * Parses flags strictly: unknown flags and missing values are UsageErrors naming the flag,
 * and `--help` is always accepted.
 */
export function parseFlags<T extends Options>(
  args: string[],
  options: T,
  { positionals = false }: { positionals?: boolean } = {},
): ParsedFlags<T> {
  try {
    const help: HelpOption = { help: { type: 'boolean', short: 'h' } };
    return parseArgs({ args, options: { ...options, ...help }, strict: true, allowPositionals: positionals });
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
}

function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Node's messages are long and mention "parseArgs"; keep the part that names the flag.
  // Node's messages can span lines and explain parseArgs itself; the first sentence names the flag.
  const first = message.split('\n')[0].replace(/\. To specify a positional argument.*$/s, '');
  return first.replace(/^Unknown option/, 'unknown flag');
}

/** Parses a TCP port flag value; 0 means "any free port". */
export function parsePort(value: string | undefined, flag = '--port'): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`${flag} must be a whole number from 0 to 65535, got "${value}"`);
  }
  return port;
}

/** Dispatches to a subcommand, with --help listing them; used by `cabin` itself and by `cabin can` etc. */
export async function dispatch(
  prefix: string,
  summary: string,
  commands: Array<CliCommand | LazyCommand>,
  args: string[],
  io: CliIO,
): Promise<number> {
  const [first, ...rest] = args;
  const listing = () =>
    [
      `${summary}`,
      '',
      `Usage: ${prefix} <command> [flags]`,
      '',
      'Commands:',
      ...commands.map((c) => `  ${c.name.padEnd(Math.max(10, ...commands.map((o) => o.name.length)))} ${c.summary}`),
      '',
      `Run "${prefix} <command> --help" for a command's flags.`,
      '',
    ].join('\n');
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.stdout.write(listing());
    return first === undefined ? 2 : 0;
  }
  const listed = commands.find((c) => c.name === first);
  if (!listed) {
    throw new UsageError(
      first.startsWith('-')
        ? `unknown flag "${first}" for ${prefix}; run "${prefix} --help"`
        : `unknown command "${prefix} ${first}"; run "${prefix} --help" for the list`,
    );
  }
  const command = 'load' in listed ? await listed.load() : listed;
  if (rest.includes('--help') || rest.includes('-h')) {
    // A subcommand that itself dispatches shows its own listing; leaf commands print their help.
    if (!('dispatchesTo' in command)) {
      io.stdout.write(`${command.help.trimEnd()}\n`);
      return 0;
    }
  }
  return command.run(rest, io);
}
