// `cabin can decode`: candump lines in, one JSON object per decoded frame out (stdout), counts and problems on stderr.
import { CandumpLine, createCandumpRecord, readCandumpLine } from '../../../shared/can/candump';
import { compileDbc, type CompiledMessage } from '../../../shared/can/dbcCompile';
import { formatDiagnostic, messageKey } from '../../../shared/can/dbcModel';
import { FrameFlag } from '../../../shared/can/frame';
import { parseFlags, UsageError, type CliCommand, type CliIO } from '../command';
import { ByteSink } from './byteSink';
import { FrameJson } from './frameJson';
import { loadDbcFile } from './loadDbc';
import { fileChunks, streamChunks } from './logChunks';

const help = `Usage: cabin can decode --dbc FILE [--choices] [LOG|-]

Decodes a candump -L log (a file, or standard input when LOG is "-" or missing) with a DBC file,
streaming: memory stays flat however long the log is.
Lines look like "(1718000000.002900) can0 220#FFE37F0000FF0F00": 3 hex digits for 11-bit ids,
8 for 29-bit ids, "123##<flags><hex>" for CAN FD, an optional trailing " R" or " T"; payloads of
0 to 8 bytes (classic CAN, "#") or 0 to 64 bytes (CAN FD, "##").

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
Ids the DBC does not define, remote (RTR) and error frames are skipped, and so are messages past
a decoder limit (e.g. multiplexers nested deeper than 32 levels; "cabin can check" names them).

Flags:
  --dbc FILE    the DBC file (required)
  --choices     where a signal's VAL_ table has a text for the raw value, write that text
                (a JSON string) instead of the number, like cantools' decode_choices

Standard error gets DBC warnings and errors, each malformed line as LOG:LINE:COLUMN, and the
counts at the end. The exit code is 0 only if the DBC and every line parsed.
`;

const MAX_REPORTED = 100;
/** Longest line kept while looking for its end; valid candump lines are under 200 characters. */
const MAX_LINE = 1 << 16;

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

    const parsed = await loadDbcFile(values.dbc, io.cwd);
    const withChoices = values.choices === true;
    const compiled = compileDbc(parsed.db, { raw: withChoices });
    const errors = [...parsed.errors, ...compiled.errors];
    const warnings = [...parsed.warnings, ...compiled.warnings];
    for (const d of errors) io.stderr.write(`${formatDiagnostic(d)}\n`);
    for (const d of warnings) io.stderr.write(`${formatDiagnostic(d)} (warning)\n`);
    const refused = new Set(compiled.refused.map((m) => messageKey(m.id, m.extended)));

    const out = compiled.createOutput();
    const sink = new ByteSink(io.stdout);
    const json = new FrameJson(compiled, sink, withChoices);
    const source = logName === '-' ? '<stdin>' : logName;
    const counts = { lines: 0, decoded: 0, unknown: 0, malformed: 0, truncated: 0, muxErrors: 0, skipped: 0, refused: 0 };
    const record = createCandumpRecord();
    // One view per payload length over the record's buffer: decoding a frame allocates nothing.
    const payloads = Array.from({ length: record.data.length + 1 }, (_, n) => record.data.subarray(0, n));

    const malformed = (column: string, what: string): void => {
      counts.malformed++;
      if (counts.malformed <= MAX_REPORTED) io.stderr.write(`${source}:${counts.lines}:${column}${what}\n`);
    };
    /** Parses, decodes and writes text[start, end); returns the frame's message when the sink had no room for it. */
    const handleLine = (text: string, start: number, end: number): CompiledMessage | null => {
      counts.lines++;
      const status = readCandumpLine(text, start, end, record);
      if (status === CandumpLine.BLANK) return null;
      if (status === CandumpLine.MALFORMED) {
        const located = /^column (\d+): (.*)$/s.exec(record.error);
        if (located) malformed(`${located[1]}: `, located[2]);
        else malformed('', ` ${record.error}`);
        return null;
      }
      if (record.flags & (FrameFlag.RTR | FrameFlag.ERROR)) {
        counts.skipped++;
        return null;
      }
      const message = compiled.lookup(record.id, record.extended);
      if (message === undefined) {
        if (refused.has(messageKey(record.id, record.extended))) counts.refused++;
        else counts.unknown++;
        return null;
      }
      message.decode(payloads[record.length], out);
      counts.decoded++;
      if (out.truncated) counts.truncated++;
      if (out.error !== null) counts.muxErrors++;
      return json.write(text, record.timeStart, record.timeEnd, record.bus, message, out) === 0 ? null : message;
    };
    /** When the sink was full: make room, then write the frame the record and output still hold. */
    const writeLate = async (text: string, message: CompiledMessage): Promise<void> => {
      await sink.flush(json.write(text, record.timeStart, record.timeEnd, record.bus, message, out));
      if (!sink.closed) json.write(text, record.timeStart, record.timeEnd, record.bus, message, out);
    };

    // Lines are split by hand across chunks; a line longer than MAX_LINE is dropped as it streams past (memory stays bounded).
    let rest = '';
    let overlong = false;
    const overlongLine = (): void => {
      counts.lines++;
      malformed('', ` line is longer than ${MAX_LINE} characters`);
      overlong = false;
    };
    const handleText = async (text: string): Promise<void> => {
      let start = 0;
      for (let nl = text.indexOf('\n'); nl !== -1 && !sink.closed; nl = text.indexOf('\n', start)) {
        if (overlong) overlongLine();
        else if (rest !== '') {
          const line = rest + text.slice(start, nl);
          rest = '';
          const late = handleLine(line, 0, line.length);
          if (late) await writeLate(line, late);
        } else {
          const late = handleLine(text, start, nl);
          if (late) await writeLate(text, late);
        }
        start = nl + 1;
      }
      if (overlong || sink.closed) return;
      rest += text.slice(start);
      if (rest.length > MAX_LINE) {
        overlong = true;
        rest = '';
      }
    };

    for await (const text of logName === '-' ? streamChunks(io.stdin) : fileChunks(logName, io.cwd)) {
      await handleText(text);
      if (sink.closed) break;
    }
    if (overlong) overlongLine();
    else if (rest !== '' && !sink.closed) {
      const late = handleLine(rest, 0, rest.length);
      if (late) await writeLate(rest, late);
    }
    await sink.flush();

    if (counts.malformed > MAX_REPORTED) io.stderr.write(`${source}: ${counts.malformed - MAX_REPORTED} more malformed lines not shown\n`);
    io.stderr.write(
      `cabin can decode: ${counts.lines} lines, ${counts.decoded} frames decoded ` +
        `(${counts.truncated} truncated, ${counts.muxErrors} with an undefined multiplexer value), ` +
        `${counts.unknown} with ids not in the DBC, ` +
        (counts.refused > 0 ? `${counts.refused} for messages past a decoder limit, ` : '') +
        `${counts.skipped} remote/error frames skipped, ` +
        `${counts.malformed} malformed lines; DBC: ${errors.length} errors, ${warnings.length} warnings\n`,
    );
    return counts.malformed === 0 && errors.length === 0 ? 0 : 1;
  },
};
