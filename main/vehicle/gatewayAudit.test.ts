// Tests of the send audit log: one JSON line per send, size-capped rotation, and write failures counted instead of thrown.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AuditLog, type AuditEntry } from './gatewayAudit';

const root = mkdtempSync(join(tmpdir(), 'cabin-audit-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const entry = (i: number): AuditEntry => ({
  time: Date.UTC(2026, 0, 1) + i,
  feature: 'seats',
  bus: 'can0',
  id: 0x3a0,
  extended: false,
  flags: 0,
  data: '0102',
  result: i % 2 ? 'ok' : 'send refused: this client connected with the read-only token',
});

describe('AuditLog', () => {
  it('writes one JSON line per entry', () => {
    const log = new AuditLog({ dir: join(root, 'one') });
    log.write(entry(1));
    log.close();
    expect(JSON.parse(readFileSync(log.path, 'utf8'))).toEqual({
      time: '2026-01-01T00:00:00.001Z',
      epochMs: Date.UTC(2026, 0, 1) + 1,
      feature: 'seats',
      bus: 'can0',
      id: 0x3a0,
      idHex: '3A0',
      extended: false,
      flags: 0,
      data: '0102',
      result: 'ok',
    });
  });

  it('rotates before the cap and keeps maxFiles old files, newest in .1', () => {
    const log = new AuditLog({ dir: join(root, 'rot'), maxBytes: 600, maxFiles: 2 });
    for (let i = 0; i < 40; i++) log.write(entry(i));
    log.close();
    for (const name of ['', '.1', '.2']) expect(statSync(log.path + name).size).toBeLessThanOrEqual(600);
    expect(existsSync(`${log.path}.3`)).toBe(false);
    const last = (name: string) => JSON.parse(readFileSync(log.path + name, 'utf8').trim().split('\n').pop()!).epochMs;
    expect(last('')).toBeGreaterThan(last('.1'));
    expect(last('.1')).toBeGreaterThan(last('.2'));
    expect(last('')).toBe(entry(39).time);
  });

  it('counts a failed write and carries on', () => {
    const dir = join(root, 'gone');
    const log = new AuditLog({ dir });
    rmSync(dir, { recursive: true });
    expect(() => log.write(entry(1))).not.toThrow();
    expect(log.errors).toBe(1);
    expect(log.lastError).toMatch(/^audit log .*can-send-audit\.jsonl: ENOENT/);
  });
});

describe('AuditLog under a flood', () => {
  const readAll = (log: AuditLog) =>
    ['', ...Array.from({ length: 12 }, (_, i) => `.${i + 1}`)]
      .filter((suffix) => existsSync(log.path + suffix))
      .flatMap((suffix) => readFileSync(log.path + suffix, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)));

  it('is private: the file 0600, its folder 0700', () => {
    const dir = join(root, 'private');
    const log = new AuditLog({ dir });
    log.write(entry(1));
    log.close();
    expect(statSync(log.path).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('a day of floods never pushes the day out of the log: each minute is kept, the flood summarised in one line', () => {
    let t = 0;
    // Small files, one full entry a minute: the proportions of the defaults (a day at the full rate fits).
    const log = new AuditLog({ dir: join(root, 'flood'), maxBytes: 64 * 1024, maxFiles: 9, entriesPerMinute: 1, clock: () => t });
    const day = 24 * 60;
    let written = 0;
    for (let minute = 0; minute < day; minute++) {
      t = minute * 60_000;
      // The driver's one command this minute, then a flood of 200 from a misbehaving page.
      log.write({ ...entry(minute), feature: 'climate', time: Date.UTC(2026, 0, 1) + t });
      for (let i = 0; i < 200; i++) log.write({ ...entry(i), feature: 'flood', time: Date.UTC(2026, 0, 1) + t + i });
      written += 201;
    }
    log.close();
    const records = readAll(log);
    const summaries = records.filter((r) => r.summary === 'flood');
    const full = records.filter((r) => !r.summary);
    // Nothing lost without trace: every write is a line or counted in a summary.
    expect(full.length + summaries.reduce((n, s) => n + s.suppressed, 0)).toBe(written);
    expect(summaries.length).toBeGreaterThan(day / 2);
    expect(summaries[0]).toMatchObject({ features: { flood: expect.any(Number) }, results: expect.any(Object) });
    // The first minute of the day is still there after the whole day of floods.
    expect(full.some((r) => r.epochMs === Date.UTC(2026, 0, 1))).toBe(true);
    let bytes = 0;
    for (const suffix of ['', ...Array.from({ length: 9 }, (_, i) => `.${i + 1}`)]) if (existsSync(log.path + suffix)) bytes += statSync(log.path + suffix).size;
    expect(bytes).toBeLessThanOrEqual(64 * 1024 * 10);
  });
});
