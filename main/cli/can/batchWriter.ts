// Collects output text and writes it in large chunks, waiting for the stream to drain so memory stays bounded.
const FLUSH_AT = 1 << 16;

export class BatchWriter {
  private parts: string[] = [];
  private size = 0;

  /** Set when the reader went away (e.g. `| head` closed the pipe): writing stops, quietly. */
  closed = false;

  constructor(private readonly stream: NodeJS.WritableStream) {
    stream.on('error', () => {
      this.closed = true;
    });
  }

  /** Queues text; loops check `full` and await `flush()`. */
  push(text: string): void {
    this.parts.push(text);
    this.size += text.length;
  }

  get full(): boolean {
    return this.size >= FLUSH_AT;
  }

  async flush(): Promise<void> {
    if (this.closed) this.parts = [];
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(text)) {
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
}
