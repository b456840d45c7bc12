// The list of `cabin` subcommands, in the order --help shows them.
import type { CliCommand } from '../command';

export const commands: CliCommand[] = [];
