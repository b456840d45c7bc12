// `cabin can check`: validates a DBC file (and optionally a DBC↔VSS mapping against it) and summarises it.
import { compileDbc } from '../../../shared/can/dbcCompile';
import type { DbcDatabase } from '../../../shared/can/dbcModel';
import { formatDiagnostic } from '../../../shared/can/dbcModel';
import { loadMapping } from '../../../shared/vehicle/mapping';
import { parseFlags, UsageError, type CliCommand, type CliIO } from '../command';
import { loadDbcFile, readInput } from './loadDbc';

const help = `Usage: cabin can check --dbc FILE [--mapping FILE] [--json]

Validates a DBC file and prints a summary (messages, signals, multiplexing, CAN FD…) on standard
output. Warnings (e.g. overlapping signals) and errors go to standard error, each as
FILE:LINE:COLUMN: message. The file is also compiled as "cabin can decode" compiles it: a message
past a decoder limit (multiplexers nested more than 32 levels deep, more than 65,535 signals) is an
error naming the limit. With --mapping, also validates a DBC↔VSS mapping file
(assets/vehicles/<id>/mapping.yaml) against the DBC.

Flags:
  --dbc FILE      the DBC file (required)
  --mapping FILE  a DBC↔VSS mapping to validate against the DBC
  --json          print the summary as one JSON object instead of text

The exit code is 0 when there are no errors (warnings are allowed), 1 otherwise.
`;

export interface DbcSummary {
  file: string;
  messages: number;
  extendedIds: number;
  fdMessages: number;
  multiplexedMessages: number;
  signals: number;
  motorolaSignals: number;
  signedSignals: number;
  floatSignals: number;
  wideSignals: number;
  signalsWithChoices: number;
  messagesWithCycleTime: number;
  maxLength: number;
  nodes: number;
}

export function summarise(db: DbcDatabase): DbcSummary {
  const signals = db.messages.flatMap((m) => m.signals);
  return {
    file: db.file,
    messages: db.messages.length,
    extendedIds: db.messages.filter((m) => m.extended).length,
    fdMessages: db.messages.filter((m) => m.fd).length,
    multiplexedMessages: db.messages.filter((m) => m.multiplexed).length,
    signals: signals.length,
    motorolaSignals: signals.filter((s) => s.byteOrder === 'big_endian').length,
    signedSignals: signals.filter((s) => s.signed).length,
    floatSignals: signals.filter((s) => s.valueType !== 'integer').length,
    wideSignals: signals.filter((s) => s.length > 53).length,
    signalsWithChoices: signals.filter((s) => s.choices !== null).length,
    messagesWithCycleTime: db.messages.filter((m) => m.cycleTimeMs !== null).length,
    maxLength: db.messages.reduce((max, m) => Math.max(max, m.length), 0),
    nodes: db.nodes.length,
  };
}

function summaryText(s: DbcSummary): string {
  return [
    `${s.file}:`,
    `  messages   ${s.messages} (${s.extendedIds} with 29-bit ids, ${s.fdMessages} CAN FD, ${s.multiplexedMessages} multiplexed, ${s.messagesWithCycleTime} with a cycle time; longest ${s.maxLength} bytes)`,
    `  signals    ${s.signals} (${s.motorolaSignals} Motorola, ${s.signals - s.motorolaSignals} Intel, ${s.signedSignals} signed, ${s.floatSignals} IEEE float, ${s.wideSignals} wider than 53 bits, ${s.signalsWithChoices} with value texts)`,
    `  nodes      ${s.nodes}`,
    '',
  ].join('\n');
}

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'validate and summarise a DBC file (and a VSS mapping)',
  help,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseFlags(args, { dbc: { type: 'string' }, mapping: { type: 'string' }, json: { type: 'boolean' } }, { positionals: true });
    if (values.help) {
      io.stdout.write(help);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"; the DBC is given with --dbc FILE`);
    if (!values.dbc) throw new UsageError('--dbc FILE is required; run "cabin can check --help"');
    const { db, errors, warnings } = await loadDbcFile(values.dbc, io.cwd);
    // Compiled exactly as `cabin can decode` compiles it, so what decode would refuse is named here, with the limit.
    const compiled = compileDbc(db);
    const allErrors = [...errors, ...compiled.errors];
    const allWarnings = [...warnings, ...compiled.warnings];
    let mappingRules: number | null = null;
    if (values.mapping) {
      const text = (await readInput(values.mapping, io.cwd, 'mapping file')).toString('utf8');
      const result = loadMapping(text, values.mapping, db);
      allErrors.push(...result.errors);
      allWarnings.push(...result.warnings);
      mappingRules = result.mapping.dbc2vss.length + result.mapping.vss2dbc.size;
    }
    for (const w of allWarnings) io.stderr.write(`${formatDiagnostic(w)} (warning)\n`);
    for (const e of allErrors) io.stderr.write(`${formatDiagnostic(e)}\n`);
    const summary = summarise(db);
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ ...summary, mappingRules, errors: allErrors.length, warnings: allWarnings.length })}\n`);
    } else {
      io.stdout.write(summaryText(summary));
      if (mappingRules !== null) io.stdout.write(`  mapping    ${values.mapping}: ${mappingRules} rules\n`);
    }
    io.stderr.write(`cabin can check: ${allErrors.length} errors, ${allWarnings.length} warnings\n`);
    return allErrors.length === 0 ? 0 : 1;
  },
};
