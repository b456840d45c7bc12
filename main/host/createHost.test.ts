import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHost, HostStartError, type Host } from './createHost';
import { projectRoot } from '../../test/fixtures/corpus';
import { park } from '../../test/fixtures/drivingState';

const hosts: Host[] = [];
const dirs: string[] = [];

async function start(dataDir?: string) {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'cabin-host-')));
  if (!dataDir) dirs.push(dir);
  const lines: string[] = [];
  const host = await createHost({
    dataDir: dir,
    version: '1.2.3',
    mode: 'simulation',
    transport: 'none',
    appRoot: projectRoot,
    report: (l) => lines.push(l),
  });
  hosts.push(host);
  return { host, lines, dir };
}

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('intent validation', () => {
  it('rejects unknown intents and invalid payloads with a clear error and changes nothing', async () => {
    const { host, lines } = await start();
    const before = host.store.getState();
    const cases: Array<[unknown, unknown, string, RegExp]> = [
      ['settings.explode', {}, 'UNKNOWN_INTENT', /unknown intent "settings.explode"/],
      [42, {}, 'UNKNOWN_INTENT', /unknown intent number/],
      ['settings.update', { language: 'klingon' }, 'INVALID_REQUEST', /settings.update: language: /],
      ['settings.update', { dayBrightness: 500 }, 'INVALID_REQUEST', /dayBrightness/],
      ['settings.update', { language: 'en', admin: true }, 'INVALID_REQUEST', /admin|Unrecognized/i],
      ['settings.update', {}, 'INVALID_REQUEST', /at least one field/],
      ['settings.update', null, 'INVALID_REQUEST', /\(request\)/],
      ['__proto__', {}, 'UNKNOWN_INTENT', /unknown intent/],
    ];
    for (const [name, payload, code, message] of cases) {
      const result = await host.invoke(name, payload);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe(code);
        expect(result.error.message).toMatch(message);
      }
    }
    expect(host.store.getState()).toEqual(before);
    expect(host.rejectedIntents).toBe(cases.length);
    expect(lines).toHaveLength(cases.length);
    // Nothing was written either (the lock only says this host holds the folder).
    expect(await readdir(host.dataDir)).toEqual(['cabin.lock']);
  });

  it('accepts a valid change, applies it and persists it across a restart', async () => {
    const first = await start();
    const result = await first.host.invoke('settings.update', { language: 'zh-CN', distanceUnit: 'mi' });
    expect(result).toMatchObject({ ok: true, value: { language: 'zh-CN', distanceUnit: 'mi' } });
    await first.host.close();
    const second = await start(first.dir);
    expect(second.host.store.getState().settings).toMatchObject({ language: 'zh-CN', distanceUnit: 'mi' });
  });
});

describe('settings file', () => {
  it('a corrupt file is reported, kept aside, and replaced by defaults without crashing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cabin-host-'));
    dirs.push(dir);
    await writeFile(join(dir, 'settings.json'), '{"schemaVersion": 1, "data": {"language": "en"');
    const { host, lines } = await start(dir);
    expect(host.store.getState().settings.language).toBe('en');
    expect(host.store.getState().ui.notices).toMatchObject([{ code: 'settingsCorrupt' }]);
    expect(lines.join('\n')).toMatch(/settings\.json: not valid JSON .*using defaults/);
    const files = await readdir(dir);
    const aside = files.find((f) => f.startsWith('settings.json.corrupt-'));
    expect(aside).toBeDefined();
    expect(await readFile(join(dir, aside!), 'utf8')).toContain('"language": "en"');
  });

  it('an invalid value names its JSON path; the last good copy is restored', async () => {
    const { host, dir } = await start();
    await host.invoke('settings.update', { temperatureUnit: 'fahrenheit' });
    await host.invoke('settings.update', { clockFormat: '12h' });
    await host.close();
    const doc = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'));
    doc.data.nightBrightness = 'dim';
    await writeFile(join(dir, 'settings.json'), JSON.stringify(doc));
    const again = await start(dir);
    // The backup holds the state before the last accepted change.
    expect(again.host.store.getState().settings).toMatchObject({ temperatureUnit: 'fahrenheit', clockFormat: '24h' });
    expect(again.lines.join('\n')).toMatch(/data\.nightBrightness: .*restored the last good copy/);
    expect(again.host.store.getState().ui.notices).toMatchObject([{ code: 'settingsRestoredFromBackup' }]);
  });

  it('a data dir held by a running host is a one-line start-up error naming its pid; closing releases it', async () => {
    const { host, dir } = await start();
    await expect(start(dir)).rejects.toThrow(HostStartError);
    await expect(start(dir)).rejects.toThrow(new RegExp(`^the data folder is in use by Cabin \\(pid ${process.pid}\\); stop it first`));
    await host.close();
    const again = await start(dir);
    expect(again.host.dataDir).toBe(dir);
  });

  it('an unwritable data dir is a one-line start-up error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cabin-host-'));
    dirs.push(dir);
    await writeFile(join(dir, 'a-file'), '');
    await expect(start(join(dir, 'a-file', 'data'))).rejects.toThrow(HostStartError);
    await expect(start(join(dir, 'a-file', 'data'))).rejects.toThrow(/is not writable \(ENOTDIR\): choose a writable folder with --data-dir/);
  });
});

describe('about', () => {
  it('lists the shipped packages with their licences, generated from node_modules', async () => {
    const { host } = await start();
    park(host); // long text: parked only
    const result = await host.invoke('about.licenses', {});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const names = result.value.packages.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['react', '@reduxjs/toolkit', 'zod', 'socket.io', 'immer']));
    expect(names).not.toContain('vitest');
    expect(result.value.packages.find((p) => p.name === 'react')).toMatchObject({ license: 'MIT' });
    expect(result.value.packages.find((p) => p.name === 'react')?.text).toMatch(/Permission is hereby granted/);
    expect(result.value.dataSources.length).toBeGreaterThan(0);
  });
});

describe('simulation intents', () => {
  it('are refused when no simulation is attached, and routed to it when one is', async () => {
    const { host } = await start();
    const refused = await host.invoke('sim.override', { soc: 50 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED', message: /no simulation is running/ } });

    const seen: unknown[] = [];
    const detach = host.attachSimulation({
      control: (r) => (seen.push(r), { ok: true }),
      override: (r) => (seen.push(r), 'gear' in r ? { ok: false, error: 'cannot shift into P while moving' } : { ok: true }),
      fault: (r) => (seen.push(r), { ok: true }),
    });
    expect(await host.invoke('sim.override', { soc: 50 })).toEqual({ ok: true, value: { applied: true } });
    expect(await host.invoke('sim.override', { gear: 'P' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED', message: 'sim.override: cannot shift into P while moving' },
    });
    // Impossible values never reach the simulation.
    expect(await host.invoke('sim.override', { soc: 140 })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', message: /soc/ } });
    expect(await host.invoke('sim.override', { speed: -5 })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await host.invoke('sim.fault', { action: 'inject', fault: { kind: 'frame-loss', percent: 25 } })).toMatchObject({ ok: true });
    expect(seen).toHaveLength(3);
    detach();
    expect(await host.invoke('sim.control', { action: 'play' })).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } });
  });
});
