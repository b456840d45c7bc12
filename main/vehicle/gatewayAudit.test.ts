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
