// --record: appends every frame passing through the gateway to a candump -L log (frames the gateway sent end in " T").
import { createWriteStream, type WriteStream } from 'node:fs';
import { formatCandumpLine } from '../shared/can/candump';
import type { CanFrame } from '../shared/can/frame';

export interface Recorder {
  received(frames: readonly CanFrame[]): void;
  sent(frame: CanFrame): void;
  /** Lines written so far. */
  readonly lines: number;
  close(): Promise<void>;
}

/** Opens FILE for appending; rejects with a one-line reason when it cannot be written. */
export async function openRecorder(file: string): Promise<Recorder> {
  const stream: WriteStream = createWriteStream(file, { flags: 'a' });
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (e: NodeJS.ErrnoException) => reject(new Error(`cannot write record file ${file}: ${e.code ?? e.message}`)));
  });
  let failed: string | null = null;
  stream.on('error', (e) => (failed = e.message));
  let lines = 0;
  return {
    get lines() {
      return lines;
    },
    received(frames) {
      if (failed || frames.length === 0) return;
      let text = '';
      for (const f of frames) text += `${formatCandumpLine(f)}\n`;
      lines += frames.length;
      stream.write(text);
    },
    sent(frame) {
      if (failed) return;
      lines++;
      stream.write(`${formatCandumpLine(frame, 'T')}\n`);
    },
    close: () => new Promise<void>((resolve) => stream.end(() => resolve())),
  };
}
