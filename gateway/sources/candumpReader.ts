// Reads a candump -L log a block at a time (64 KiB), so a replay of any size holds one block of frames, not the file.
import { open, type FileHandle } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { parseCandumpLine } from '../../shared/can/candump';
import type { CanFrame } from '../../shared/can/frame';

/** A candump line is under 200 characters; a "line" longer than this is not one and is skipped to its end. */
export const MAX_LINE_CHARS = 4096;

export interface CandumpReader {
  /** The frames of the next block of lines (possibly none), or null at the end of the file. */
  next(): Promise<CanFrame[] | null>;
  /** Starts again at the first line (a looping replay). */
  rewind(): void;
  close(): Promise<void>;
}

export interface CandumpReaderOptions {
  /** A malformed line, as "file:line:col: reason". */
  onError(message: string): void;
  blockBytes?: number;
}

/** Opens FILE; rejects with "cannot read candump log FILE: no such file" style one-liners. */
export async function openCandumpReader(file: string, options: CandumpReaderOptions): Promise<CandumpReader> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
    if (!(await handle.stat()).isFile()) {
      await handle.close();
      throw Object.assign(new Error('not a regular file'), { code: 'not a regular file' });
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`cannot read candump log ${file}: ${code === 'ENOENT' ? 'no such file' : code ?? String(error)}`);
  }
  const buffer = Buffer.allocUnsafe(options.blockBytes ?? 64 * 1024);
  let decoder = new StringDecoder('utf8');
  let position = 0;
  let rest = '';
  let line = 0;
  /** Inside an over-long line: drop text until its newline. */
  let skipping = false;
  let eof = false;
  let closed = false;

  const parseLine = (text: string, out: CanFrame[]) => {
    line++;
    const r = parseCandumpLine(text);
    if (r === null) return;
    if (r.ok) out.push(r.frame);
    else {
      const [, col, reason] = /^column (\d+): (.*)$/s.exec(r.error) ?? [null, '1', r.error];
      options.onError(`${file}:${line}:${col}: ${reason}`);
    }
  };

  return {
    async next() {
      if (closed) return null;
      if (eof) {
        if (rest === '') return null;
        const out: CanFrame[] = [];
        if (!skipping) parseLine(rest, out);
        rest = '';
        return out;
      }
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (closed) return null;
      position += bytesRead;
      let text: string;
      if (bytesRead === 0) {
        eof = true;
        text = decoder.end();
      } else text = decoder.write(buffer.subarray(0, bytesRead));
      const out: CanFrame[] = [];
      let start = 0;
      for (;;) {
        const nl = text.indexOf('\n', start);
        if (nl < 0) break;
        if (skipping) {
          skipping = false;
          line++;
        } else parseLine(rest === '' ? text.slice(start, nl) : rest + text.slice(start, nl), out);
        rest = '';
        start = nl + 1;
      }
      if (!skipping) {
        rest += text.slice(start);
        if (rest.length > MAX_LINE_CHARS) {
          options.onError(`${file}:${line + 1}:1: line longer than ${MAX_LINE_CHARS} characters; not a candump line (skipped)`);
          rest = '';
          skipping = true;
        }
      }
      if (eof && rest === '') return out.length ? out : null;
      return out;
    },
    rewind() {
      position = 0;
      rest = '';
      line = 0;
      skipping = false;
      eof = false;
      decoder = new StringDecoder('utf8');
    },
    async close() {
      if (closed) return;
      closed = true;
      await handle.close();
    },
  };
}
