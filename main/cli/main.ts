// Entry of the `cabin` command: routes to subcommands and turns user mistakes into one-line errors.
import { CliFailure, dispatch, UsageError, type CliIO } from './command';
import { commands } from './commands';

export async function main(args: string[], io: CliIO = processIO()): Promise<number> {
  try {
    return await dispatch('cabin', 'cabin — the Cabin in-vehicle app and its developer tools', commands, args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`cabin: ${error.message}\n`);
      return 2;
    }
    if (error instanceof CliFailure) {
      io.stderr.write(`cabin: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}

function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd() };
}
