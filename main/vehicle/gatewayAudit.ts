// The bounded, rotating audit log of every frame the app asked the gateway to send (JSON lines; FILE, FILE.1 … FILE.N).
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface AuditEntry {
  /** Epoch ms when the send was asked for. */
  time: number;
  /** Which app feature asked (e.g. "climate", "seats"). */
  feature: string;
  bus: string;
  id: number;
  extended: boolean;
  flags: number;
  /** Payload as upper-case hex. */
  data: string;
  /** "ok", or the reason the send failed (refused, timeout, not connected). */
  result: string;
}

export interface AuditLogOptions {
  dir: string;
  fileName?: string;
  /** The live file is rotated before it would grow past this. */
  maxBytes?: number;
  /** Rotated files kept (FILE.1 is the newest). */
  maxFiles?: number;
}

export class AuditLog {
  readonly path: string;
  private readonly maxBytes: number;
  private readonly maxFiles: number;
  private fd: number | null = null;
  private size = 0;
  /** Writes that failed (disk full, directory gone); the app keeps running. */
  errors = 0;
  lastError: string | null = null;

  constructor(options: AuditLogOptions) {
    this.path = join(options.dir, options.fileName ?? 'can-send-audit.jsonl');
    this.maxBytes = Math.max(256, options.maxBytes ?? 256 * 1024);
    this.maxFiles = Math.max(1, options.maxFiles ?? 3);
    mkdirSync(options.dir, { recursive: true });
  }

  // Synchronous on purpose: sends are rare (rate-limited write path) and an entry must be on disk before the ack is reported.
  write(entry: AuditEntry): void {
    const { time, feature, bus, id, extended, flags, data, result } = entry;
    const record = { time: new Date(time).toISOString(), epochMs: time, feature, bus, id, idHex: id.toString(16).toUpperCase(), extended, flags, data, result };
    const line = `${JSON.stringify(record)}\n`;
    const bytes = Buffer.from(line);
    try {
      if (this.fd === null) this.open();
      if (this.size > 0 && this.size + bytes.length > this.maxBytes) this.rotate();
      writeSync(this.fd!, bytes);
      this.size += bytes.length;
    } catch (error) {
      this.errors++;
      this.lastError = `audit log ${this.path}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private open(): void {
    this.fd = openSync(this.path, 'a');
    this.size = fstatSync(this.fd).size;
  }

  private rotate(): void {
    this.close();
    rmSync(`${this.path}.${this.maxFiles}`, { force: true });
    for (let i = this.maxFiles - 1; i >= 1; i--) {
      if (existsSync(`${this.path}.${i}`)) renameSync(`${this.path}.${i}`, `${this.path}.${i + 1}`);
    }
    renameSync(this.path, `${this.path}.1`);
    this.open();
  }
}
