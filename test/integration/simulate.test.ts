// `cabin simulate`: every bundled scenario runs to its end headless and meets its expected end state.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../main/cli/main';
import { listScenarios } from '../../simulator/assets';
import { projectRoot } from '../fixtures/corpus';

function capture() {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

async function cabin(args: string[], cwd = projectRoot) {
  const stdout = capture();
  const stderr = capture();
  const code = await main(args, { stdout: stdout.stream, stderr: stderr.stream, stdin: new PassThrough(), cwd });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

const scratch = mkdtempSync(join(tmpdir(), 'cabin-simulate-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('cabin simulate', () => {
  const scenarios = listScenarios();

  it('bundles the seven scenarios the issue names', () => {
    expect(scenarios).toEqual(
      expect.arrayContaining(['commute', 'highway-low-battery', 'charging-stop', 'swap-visit', 'night-drive', 'driver-change', 'gateway-faults']),
    );
  });

  it.each(scenarios)('%s runs to its end headless and meets every expectation', async (name) => {
    const { code, stdout, stderr } = await cabin(['simulate', '--scenario', name, '--until', 'end', '--headless']);
    const end = JSON.parse(stdout);
    expect(end.expectations.filter((e: { pass: boolean }) => !e.pass)).toEqual([]);
    expect(code).toBe(0);
    expect(end.scenario).toBe(name);
    expect(end.passed).toBe(true);
    expect(end.expectations.length).toBeGreaterThan(0);
    expect(stderr).toMatch(/expectations passed/);
    expect(stderr).not.toMatch(/FAIL/);
  });

  it('gives the same end state for the same seed and a different one for another seed', async () => {
    const a = await cabin(['simulate', '--scenario', 'commute', '--seed', '42']);
    const b = await cabin(['simulate', '--scenario', 'commute', '--seed', '42']);
    const c = await cabin(['simulate', '--scenario', 'commute', '--seed', '43', '--until', '300']);
    const d = await cabin(['simulate', '--scenario', 'commute', '--seed', '42', '--until', '300']);
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stdout).seed).toBe(42);
    expect(JSON.parse(c.stdout).signals['Vehicle.CurrentLocation.Latitude']).not.toBe(JSON.parse(d.stdout).signals['Vehicle.CurrentLocation.Latitude']);
  });

  it('stops early with --until SECONDS and then does not judge the end-state expectations', async () => {
    const { code, stdout, stderr } = await cabin(['simulate', '--scenario', 'charging-stop', '--until', '600']);
    expect(code).toBe(0);
    const end = JSON.parse(stdout);
    expect(end.simulatedSeconds).toBe(600);
    expect(end.signals['Vehicle.Powertrain.TractionBattery.Charging.IsCharging']).toBe(true);
    expect(stderr).toContain('expectations not checked');
  });

  it('exits 1 when an expectation fails, naming it on stderr', async () => {
    const file = join(scratch, 'wrong.yaml');
    writeFileSync(file, 'name: wrong\nduration: 10s\nexpect:\n  - signal: Vehicle.Speed\n    above: 50\n');
    const { code, stdout, stderr } = await cabin(['simulate', '--scenario', file]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).passed).toBe(false);
    expect(stderr).toContain('FAIL Vehicle.Speed above 50 (got 0)');
  });

  it('refuses a scenario file with errors, naming file, line and reason, and runs nothing', async () => {
    const file = join(scratch, 'broken.yaml');
    writeFileSync(file, 'name: broken\nduration: 1m\ntimeline:\n  - at: 5s\n    gear: X\n  - at: 10s\n    charge: { kind: DC }\n');
    const { code, stdout, stderr } = await cabin(['simulate', '--scenario', 'broken.yaml'], scratch);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${file}:5:11: `);
    expect(stderr).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:7:\\d+: .*powerKw`));
    expect(stderr).toContain('scenario refused: 2 errors');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a duration over the stated maximum at its line, and --until past it, instead of running for ever', async () => {
    const file = join(scratch, 'forever.yaml');
    writeFileSync(file, 'name: forever\nduration: 1e12\n');
    const { code, stdout, stderr } = await cabin(['simulate', '--scenario', 'forever.yaml'], scratch);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${file}:2:11: `);
    expect(stderr).toContain('at most 86,400 s (24 h)');
    const until = await cabin(['simulate', '--scenario', 'commute', '--until', '1e12']);
    expect(until.code).toBe(2);
    expect(until.stderr).toMatch(/--until may be at most 86400 seconds/);
  });

  it('names the bundled scenarios when one is unknown', async () => {
    const { code, stderr } = await cabin(['simulate', '--scenario', 'moon-landing']);
    expect(code).toBe(1);
    expect(stderr).toContain('no scenario "moon-landing"');
    expect(stderr).toContain('commute');
  });

  it('treats flag mistakes as usage errors (exit 2, one line)', async () => {
    for (const args of [['simulate'], ['simulate', '--scenario', 'commute', '--fast'], ['simulate', '--scenario', 'commute', '--until', 'later'], ['simulate', '--scenario', 'commute', '--seed', '1.5']]) {
      const { code, stderr } = await cabin(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('prints help and the scenario list', async () => {
    const help = await cabin(['simulate', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--until end|SECONDS');
    const list = await cabin(['simulate', '--list']);
    expect(list.stdout.trim().split('\n')).toEqual(scenarios);
  });

  it('works through the real entry point as a child process', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['bin/cabin.mjs', 'simulate', '--scenario', 'driver-change', '--headless'], {
      cwd: projectRoot,
      // A hang detector below the test's own timeout, not a speed check: a loaded machine is slow.
      timeout: 55_000,
    });
    expect(JSON.parse(stdout).signals['Vehicle.Driver.Identifier.Subject']).toBe('driver-wang');
  });
});
