import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSettings } from '../../../shared/state/settingsSlice';
import { diskRig, readOnlyRig } from '../../../test/fixtures/storageRigs';
import { until } from '../../../test/fixtures/until';
import { createHostStore } from '../../host/hostStore';
import { openStorage } from '../storage/storage';
import type { StorageFs } from '../storage/storageFs';
import { announceStorage } from '../storage/storageNotices';
import { startSettingsService } from './settingsService';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cabin-settings-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A host's worth of settings: the real store and storage, as createHost assembles them. */
async function start(dataDir: string, fs?: StorageFs) {
  const lines: string[] = [];
  const report = (line: string) => lines.push(line);
  const storage = await openStorage({ dataDir, report, fs, now: () => 42, retry: { firstDelayMs: 20, maxDelayMs: 80 } });
  cleanups.unshift(() => storage.close());
  const store = createHostStore();
  announceStorage(storage, store, report, () => 42);
  const settings = await startSettingsService({ storage, store, report, now: () => 42 });
  const notices = () => store.getState().ui.notices.map((n) => ({ id: n.id, code: n.code, detail: n.detail }));
  return { settings, store, storage, lines, notices };
}

const saved = async (dir: string, file = 'settings.json') => JSON.parse(await readFile(join(dir, file), 'utf8'));

describe('settings on the document store', () => {
  it('starts on defaults, applies and saves a change, and finds it after a restart', async () => {
    const dir = await scratch();
    const first = await start(dir);
    expect(first.store.getState().settings).toEqual(defaultSettings);
    expect(await first.settings.update({ language: 'zh-CN' })).toMatchObject({ language: 'zh-CN' });
    expect(first.settings.saveStatus()).toEqual({ state: 'saved' });
    await first.storage.close();
    expect(await saved(dir)).toEqual({ schemaVersion: 1, data: { ...defaultSettings, language: 'zh-CN' } });
    const second = await start(dir);
    expect(second.store.getState().settings.language).toBe('zh-CN');
    expect(second.notices()).toEqual([]);
  });

  it('a missing settings file with a good backup restores the backup and tells the driver', async () => {
    const dir = await scratch();
    const first = await start(dir);
    await first.settings.update({ temperatureUnit: 'fahrenheit' });
    await first.settings.update({ clockFormat: '12h' });
    await first.storage.close();
    await unlink(join(dir, 'settings.json'));
    const again = await start(dir);
    expect(again.store.getState().settings).toMatchObject({ temperatureUnit: 'fahrenheit', clockFormat: '24h' });
    expect(again.notices()).toEqual([{ id: 'settings-settingsRestoredFromBackup-42', code: 'settingsRestoredFromBackup', detail: expect.stringMatching(/settings\.json is missing; restored the last good copy/) }]);
    expect(again.lines.join('\n')).toMatch(/settings: .*settings\.json is missing; restored/);
  });

  it('settings from a newer Cabin are named as such, kept aside, and not called corrupt', async () => {
    const dir = await scratch();
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ schemaVersion: 2, data: { language: 'zh-CN', seats: 7 } }));
    const { store, notices } = await start(dir);
    expect(store.getState().settings).toEqual(defaultSettings);
    expect(notices()).toEqual([
      { id: expect.any(String), code: 'settingsNewerSchema', detail: expect.stringMatching(/written by a newer Cabin, schema 2; this build reads up to 1; kept as .*settings\.json\.newer-schema-2-42/) },
    ]);
    expect(await saved(dir, 'settings.json.newer-schema-2-42')).toMatchObject({ schemaVersion: 2 });
  });

  it('a failed save answers failure, keeps the change in force, says so once, and clears the notice when a retry lands', async () => {
    const rig = await diskRig();
    cleanups.push(rig.cleanup);
    const { settings, store, lines, notices } = await start(rig.dir, rig.fs);
    await settings.update({ language: 'zh-CN' });
    await rig.fill();
    await expect(settings.update({ distanceUnit: 'mi' })).rejects.toThrow(/^not saved: saving .*settings\.json: disk full \(ENOSPC\); the change applies and saving is retried$/);
    await expect(settings.update({ clockFormat: '12h' })).rejects.toThrow(/disk full/);
    expect(store.getState().settings).toMatchObject({ language: 'zh-CN', distanceUnit: 'mi', clockFormat: '12h' });
    expect(notices()).toEqual([{ id: 'settings-save', code: 'settingsWriteFailed', detail: expect.stringMatching(/disk full \(ENOSPC\)/) }]);
    expect(settings.saveStatus()).toMatchObject({ state: 'retrying', error: { kind: 'diskFull' } });
    await rig.free();
    await until(() => settings.saveStatus().state === 'saved', `a retry to land (${rig.mechanism})`);
    expect(notices()).toEqual([]);
    expect((await saved(rig.dir)).data).toMatchObject({ language: 'zh-CN', distanceUnit: 'mi', clockFormat: '12h' });
    expect(lines.join('\n')).toMatch(/settings: saved .*settings\.json after a retry/);
  });

  it('a full disk during restore is reported as a save failure, never as "could not be read"', async () => {
    const rig = await diskRig();
    cleanups.push(rig.cleanup);
    const first = await start(rig.dir, rig.fs);
    await first.settings.update({ language: 'zh-CN' });
    await first.settings.update({ distanceUnit: 'mi' });
    await first.storage.close();
    await unlink(join(rig.dir, 'settings.json'));
    await rig.fill();
    const again = await start(rig.dir, rig.fs);
    expect(again.store.getState().settings).toMatchObject({ language: 'zh-CN', distanceUnit: 'km' });
    expect(again.notices().map((n) => n.code)).toEqual(['settingsRestoredFromBackup', 'settingsWriteFailed']);
    expect(again.notices()[1].detail).toMatch(/restoring .*settings\.json from its backup: .*disk full \(ENOSPC\)/);
    await rig.free();
    await until(() => again.settings.saveStatus().state === 'saved', 'the restored copy to be written');
    expect(again.notices().map((n) => n.code)).toEqual(['settingsRestoredFromBackup']);
  });

  it('a read-only data folder starts read-only: settings load, changes apply, and saving says read-only', async () => {
    const rig = await readOnlyRig(async (dir) => {
      await writeFile(join(dir, 'settings.json'), JSON.stringify({ schemaVersion: 1, data: { ...defaultSettings, language: 'zh-CN' } }));
    });
    cleanups.push(rig.cleanup);
    const { settings, store, notices } = await start(rig.dir, rig.fs);
    expect(store.getState().settings.language).toBe('zh-CN');
    expect(notices()).toEqual([{ id: 'storage-read-only', code: 'storageReadOnly', detail: expect.stringMatching(/read-only \(EROFS\)/) }]);
    await expect(settings.update({ language: 'en' })).rejects.toThrow(/^not saved: .*read-only.*; the change applies until restart$/);
    expect(store.getState().settings.language).toBe('en');
    expect(settings.saveStatus()).toMatchObject({ state: 'readOnly' });
    expect(notices().map((n) => n.code)).toEqual(['storageReadOnly']);
    expect((await saved(rig.dir)).data.language).toBe('zh-CN');
  });
});
