// A candump log (a file or standard input) as latin1 text chunks of bounded size: memory stays flat however long the log is.
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { readFailure } from './loadDbc';

/** Bytes read from a file at a time: small enough that each chunk's text is an ordinary young object, quickly collected. */
const CHUNK = 1 << 16;

/** The file's text, chunk by chunk; candump logs are ASCII, so latin1 never fails to decode. */
export async function* fileChunks(file: string, cwd: string): AsyncGenerator<string> {
  let handle;
  try {
    handle = await open(resolve(cwd, file), 'r');
  } catch (error) {
    throw readFailure(error, file, 'log');
  }
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buf, 0, CHUNK, null));
      } catch (error) {
        throw readFailure(error, file, 'log');
      }
      if (bytesRead === 0) return;
      yield buf.toString('latin1', 0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

export async function* streamChunks(stream: NodeJS.ReadableStream): AsyncGenerator<string> {
  stream.setEncoding?.('latin1');
  for await (const chunk of stream) yield typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('latin1');
}
