// `cabin can`: developer and OEM tools for CAN data — decode candump logs with a DBC, check DBC files.
import { checkCommand } from '../can/check';
import { decodeCommand } from '../can/decode';
import { dispatch, type CliCommand, type CliIO } from '../command';

const summary = 'CAN tools: decode candump logs with a DBC, check DBC and mapping files';
const subcommands: CliCommand[] = [decodeCommand, checkCommand];

export const canCommand: CliCommand & { dispatchesTo: CliCommand[] } = {
  name: 'can',
  summary,
  help: `Usage: cabin can <decode|check> [flags]\n\n${subcommands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}\n`,
  dispatchesTo: subcommands,
  run: (args: string[], io: CliIO) => dispatch('cabin can', `cabin can — ${summary}`, subcommands, args, io),
};
