// Output bytes collected in a large buffer and handed whole to the stream, waiting for it to drain so memory stays bounded.

const DEFAULT_SIZE = 1 << 16;
/** Written buffers kept for reuse: writes call back on a later tick, so a burst of flushes needs several. */
const MAX_SPARE = 32;

/**
 * Writers check `needsFlush(n)` before writing up to n bytes and then write with the methods below;
 * nothing is allocated per write. A full buffer is handed to the stream as is (streams keep a reference,
 * so the next one is fresh).
 */
export class ByteSink {
  buf: Buffer;
  pos = 0;
  /** Buffers the stream has finished writing, ready to fill again. */
  private readonly spare: Buffer[] = [];
  /** Set when the reader went away (e.g. `| head` closed the pipe): writing stops, quietly. */
  closed = false;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly size = DEFAULT_SIZE,
  ) {
    this.buf = Buffer.allocUnsafe(size);
    stream.on('error', () => {
      this.closed = true;
    });
  }

  /** True when fewer than `n` bytes are free: flush (and await it) before writing. */
  needsFlush(n: number): boolean {
    return this.pos + n > this.buf.length;
  }

  /** Hands what was written to the stream; `room` makes sure the next buffer holds at least that much. */
  async flush(room = 0): Promise<void> {
    const full = this.buf;
    const written = full.subarray(0, this.pos);
    this.buf = this.spare.pop() ?? Buffer.allocUnsafe(this.size);
    if (this.buf.length < room) this.buf = Buffer.allocUnsafe(room);
    this.pos = 0;
    if (this.closed || written.length === 0) return;
    // A stream backed by a file descriptor is done with the bytes once the write calls back, so the buffer is
    // reused; others (a Transform, say) may pass the very buffer on, so it is left to them.
    const reusable = typeof (this.stream as { fd?: unknown }).fd === 'number' && full.length === this.size;
    const ok = this.stream.write(written, reusable ? () => this.spare.length < MAX_SPARE && this.spare.push(full) : undefined);
    if (!ok) {
      await new Promise<void>((resolveDrain) => {
        const done = () => {
          this.stream.off('drain', done);
          this.stream.off('error', done);
          this.stream.off('close', done);
          resolveDrain();
        };
        this.stream.once('drain', done);
        this.stream.once('error', done);
        this.stream.once('close', done);
      });
    }
  }

  byte(b: number): void {
    this.buf[this.pos++] = b;
  }

  /** Copies pre-encoded bytes (keys, heads). */
  bytes(src: Uint8Array): void {
    this.buf.set(src, this.pos);
    this.pos += src.length;
  }

  /** Characters of text[start, end), each below 0x80 (numbers, timestamps). */
  ascii(text: string, start = 0, end = text.length): void {
    const buf = this.buf;
    let p = this.pos;
    for (let i = start; i < end; i++) buf[p++] = text.charCodeAt(i);
    this.pos = p;
  }

  /** An integer of magnitude below 2^31, in decimal. */
  int(n: number): void {
    const buf = this.buf;
    if (n >= 0 && n < 10) {
      buf[this.pos++] = 48 + n;
      return;
    }
    let p = this.pos;
    if (n < 0) {
      buf[p++] = 45;
      n = -n;
    }
    let digits = 1;
    for (let x = n; x >= 10; x = (x / 10) | 0) digits++;
    p += digits;
    this.pos = p;
    while (n >= 10) {
      const q = (n / 10) | 0;
      buf[--p] = 48 + n - q * 10;
      n = q;
    }
    buf[--p] = 48 + n;
  }
}
