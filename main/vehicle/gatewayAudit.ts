// The audit log of every frame the app asked the gateway to send (JSON lines; FILE, FILE.1 … FILE.N): private, bounded, flood-proof.
import { chmodSync, closeSync, existsSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { monotonicNow, type MonotonicClock } from '../host/clock';

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
  /** Rotated files kept (FILE.1 is the newest): together with maxBytes, the size the log is kept to. */
  maxFiles?: number;
  /**
   * Entries written in full per minute on average (a token bucket of twice that for bursts); beyond it
   * they are counted and written as one summary line a minute. Sized so a day at the full rate fits in
   * maxBytes × (maxFiles + 1): a flood can never push the last 24 h out of the log.
   */
  entriesPerMinute?: number;
  clock?: MonotonicClock;
}

/** 50 MB across the live file and nine rotated ones. */
export const AUDIT_FILE_BYTES = 5 * 1024 * 1024;
export const AUDIT_ROTATED_FILES = 9;
/** ~100 entries of ~250 bytes a minute is ~36 MB a day: inside the 50 MB kept. */
export const AUDIT_ENTRIES_PER_MINUTE = 100;

interface FloodSummary {
  since: number;
  suppressed: number;
  features: Record<string, number>;
  ids: Record<string, number>;
  results: Record<string, number>;
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

  private readonly perMinute: number;
  private readonly clock: MonotonicClock;
  private tokens: number;
  private refilledAt: number;
  private flood: FloodSummary | null = null;
  /** Entries counted in summaries instead of written in full. */
  suppressed = 0;

  constructor(options: AuditLogOptions) {
    this.path = join(options.dir, options.fileName ?? 'can-send-audit.jsonl');
    this.maxBytes = Math.max(256, options.maxBytes ?? AUDIT_FILE_BYTES);
    this.maxFiles = Math.max(1, options.maxFiles ?? AUDIT_ROTATED_FILES);
    this.perMinute = Math.max(1, options.entriesPerMinute ?? AUDIT_ENTRIES_PER_MINUTE);
    this.clock = options.clock ?? monotonicNow;
    this.tokens = this.perMinute * 2;
    this.refilledAt = this.clock();
    // What the car was told to do is nobody else's business on this machine: owner only.
    mkdirSync(options.dir, { recursive: true, mode: 0o700 });
    chmodSync(options.dir, 0o700);
  }

  // Synchronous on purpose: sends are rare (rate-limited write path) and an entry must be on disk before the ack is reported.
  write(entry: AuditEntry): void {
    const now = this.clock();
    this.tokens = Math.min(this.perMinute * 2, this.tokens + ((now - this.refilledAt) / 60_000) * this.perMinute);
    this.refilledAt = now;
    if (this.flood && now - this.flood.since >= 60_000) this.writeSummary(entry.time);
    if (this.tokens < 1) {
      this.count(entry, now);
      return;
    }
    this.tokens -= 1;
    const { time, feature, bus, id, extended, flags, data, result } = entry;
    this.append({ time: new Date(time).toISOString(), epochMs: time, feature, bus, id, idHex: id.toString(16).toUpperCase(), extended, flags, data, result });
  }

  /** Writes what a flood left uncounted so far (at close, and each minute while it lasts). */
  flush(wallTime = Date.now()): void {
    if (this.flood) this.writeSummary(wallTime);
  }

  private count({ feature, id, result }: AuditEntry, now: number): void {
    this.flood ??= { since: now, suppressed: 0, features: {}, ids: {}, results: {} };
    const f = this.flood;
    f.suppressed++;
    this.suppressed++;
    const idHex = id.toString(16).toUpperCase();
    f.features[feature] = (f.features[feature] ?? 0) + 1;
    // Bounded: a flood of random ids must not grow the summary without limit.
    if (idHex in f.ids || Object.keys(f.ids).length < 64) f.ids[idHex] = (f.ids[idHex] ?? 0) + 1;
    const outcome = result === 'ok' ? 'ok' : 'failed';
    f.results[outcome] = (f.results[outcome] ?? 0) + 1;
  }

  private writeSummary(wallTime: number): void {
    const f = this.flood!;
    this.flood = null;
    const durationMs = Math.round(this.clock() - f.since);
    this.append({
      time: new Date(wallTime).toISOString(),
      epochMs: wallTime,
      summary: 'flood',
      suppressed: f.suppressed,
      overMs: durationMs,
      features: f.features,
      ids: f.ids,
      results: f.results,
    });
  }

  private append(record: Record<string, unknown>): void {
    const bytes = Buffer.from(`${JSON.stringify(record)}\n`);
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
    this.flush();
    this.closeFile();
  }

  private closeFile(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private open(): void {
    this.fd = openSync(this.path, 'a', 0o600);
    // A file from an older version may have been created world-readable.
    if ((fstatSync(this.fd).mode & 0o777) !== 0o600) chmodSync(this.path, 0o600);
    this.size = fstatSync(this.fd).size;
  }

  private rotate(): void {
    this.closeFile();
    rmSync(`${this.path}.${this.maxFiles}`, { force: true });
    for (let i = this.maxFiles - 1; i >= 1; i--) {
      if (existsSync(`${this.path}.${i}`)) renameSync(`${this.path}.${i}`, `${this.path}.${i + 1}`);
    }
    renameSync(this.path, `${this.path}.1`);
    this.open();
  }
}
