// `cabin can decode`: candump lines in, one JSON object per decoded frame out (stdout), counts and problems on stderr.
import { parseCandumpLine } from '../../../shared/can/candump';
import { compileDbc } from '../../../shared/can/dbcCompile';
import { formatDiagnostic } from '../../../shared/can/dbcModel';
import { FrameFlag } from '../../../shared/can/frame';
import { parseFlags, UsageError, type CliCommand, type CliIO } from '../command';
import { BatchWriter } from './batchWriter';
import { FrameJson } from './frameJson';
import { loadDbcFile, readInput } from './loadDbc';

const help = `Usage: cabin can decode --dbc FILE [--choices] [LOG|-]

Decodes a candump -L log (a file, or standard input when LOG is "-" or missing) with a DBC file.
Lines look like "(1718000000.002900) can0 220#FFE37F0000FF0F00": 3 hex digits for 11-bit ids,
8 for 29-bit ids, "123##<flags><hex>" for CAN FD, an optional trailing " R" or " T"; payloads of
0 to 64 bytes.

Standard output gets exactly one JSON object per decoded frame, one per line:
  {"t":<seconds>,"bus":"can0","id":<int>,"extended":<bool>,"name":"<message>","signals":{"<signal>":<value>}}
  - value = raw × scale + offset as a double (never clamped to [min|max]); when scale and offset
    are integers it is the exact integer, written as a decimal string beyond ±(2^53−1);
    NaN and infinities are written as "NaN", "Infinity", "-Infinity"
  - only the signals present for the frame's multiplexer values
  - "truncated":true when the payload is shorter than the message (only signals whose bits are
    all present are listed)
  - "error":"expected multiplexer id …, but got …" when a multiplexer value is not defined in the
    DBC (the signals whose whole selector chain is defined are still listed)
Ids the DBC does not define, remote (RTR) and error frames are skipped.

Flags:
  --dbc FILE    the DBC file (required)
  --choices     where a signal's VAL_ table has a text for the raw value, write that text
                (a JSON string) instead of the number, like cantools' decode_choices

Standard error gets DBC warnings and errors, each malformed line as LOG:LINE:COLUMN, and the
counts at the end. The exit code is 0 only if the DBC and every line parsed.
`;

const MAX_REPORTED = 100;

export const decodeCommand: CliCommand = {
  name: 'decode',
  summary: 'decode a candump log with a DBC file into JSON lines',
  help,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseFlags(args, { dbc: { type: 'string' }, choices: { type: 'boolean' } }, { positionals: true });
    if (values.help) {
      io.stdout.write(help);
      return 0;
    }
    if (!values.dbc) throw new UsageError('--dbc FILE is required; run "cabin can decode --help"');
    if (positionals.length > 1) throw new UsageError(`one log at most, got "${positionals[1]}" as well`);
    const logName = positionals[0] ?? '-';

    const { db, errors, warnings } = await loadDbcFile(values.dbc, io.cwd);
    for (const d of [...errors, ...warnings]) io.stderr.write(`${formatDiagnostic(d)}${errors.includes(d) ? '' : ' (warning)'}\n`);
    const withChoices = values.choices === true;
    const compiled = compileDbc(db, { raw: withChoices });
    const out = compiled.createOutput();
    const json = new FrameJson(compiled, withChoices);
    const writer = new BatchWriter(io.stdout);
    const source = logName === '-' ? '<stdin>' : logName;
    const counts = { lines: 0, decoded: 0, unknown: 0, malformed: 0, truncated: 0, muxErrors: 0, skipped: 0 };

    const handleLine = (line: string): void => {
      counts.lines++;
      const parsed = parseCandumpLine(line);
      if (parsed === null) return;
      if (!parsed.ok) {
        counts.malformed++;
        if (counts.malformed <= MAX_REPORTED) {
          const located = /^column (\d+): (.*)$/s.exec(parsed.error);
          const where = located ? `${source}:${counts.lines}:${located[1]}: ${located[2]}` : `${source}:${counts.lines}: ${parsed.error}`;
          io.stderr.write(`${where}\n`);
        }
        return;
      }
      const frame = parsed.frame;
      if (frame.flags & (FrameFlag.RTR | FrameFlag.ERROR)) {
        counts.skipped++;
        return;
      }
      const message = compiled.lookup(frame.id, frame.extended);
      if (message === undefined) {
        counts.unknown++;
        return;
      }
      message.decode(frame.data, out);
      counts.decoded++;
      if (out.truncated) counts.truncated++;
      if (out.error !== null) counts.muxErrors++;
      writer.push(json.line(frame.t, frame.bus, message, out));
    };

    // Lines are split by hand across chunks; candump logs are ASCII, so latin1 never fails to decode.
    let rest = '';
    const handleText = async (text: string, last: boolean): Promise<void> => {
      let start = 0;
      let nl = text.indexOf('\n');
      if (rest !== '' && nl !== -1) {
        handleLine(rest + text.slice(0, nl));
        rest = '';
        start = nl + 1;
        nl = text.indexOf('\n', start);
      }
      while (nl !== -1 && !writer.closed) {
        handleLine(text.slice(start, nl));
        if (writer.full) await writer.flush();
        start = nl + 1;
        nl = text.indexOf('\n', start);
      }
      if (writer.closed) return;
      rest += text.slice(start);
      if (last && rest !== '') {
        handleLine(rest);
        rest = '';
      }
    };

    if (logName === '-') {
      io.stdin.setEncoding?.('latin1');
      for await (const chunk of io.stdin) {
        await handleText(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('latin1'), false);
        if (writer.closed) break;
      }
      await handleText('', true);
    } else {
      await handleText((await readInput(logName, io.cwd, 'log')).toString('latin1'), true);
    }
    await writer.flush();

    if (counts.malformed > MAX_REPORTED) io.stderr.write(`${source}: ${counts.malformed - MAX_REPORTED} more malformed lines not shown\n`);
    io.stderr.write(
      `cabin can decode: ${counts.lines} lines, ${counts.decoded} frames decoded ` +
        `(${counts.truncated} truncated, ${counts.muxErrors} with an undefined multiplexer value), ` +
        `${counts.unknown} with ids not in the DBC, ${counts.skipped} remote/error frames skipped, ` +
        `${counts.malformed} malformed lines; DBC: ${errors.length} errors, ${warnings.length} warnings\n`,
    );
    return counts.malformed === 0 && errors.length === 0 ? 0 : 1;
  },
};
