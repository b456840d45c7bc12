import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drive, park } from '../../../test/fixtures/drivingState';
import { profilesHost } from '../../../test/fixtures/profilesHost';
import { selectEffectivePreferences } from '../../../shared/state/profilesSlice';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cabin-profiles-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A host on `dir`; closing it is the caller's (to restart on the same folder). */
async function open(dir: string) {
  const local: Array<() => Promise<unknown>> = [];
  const host = await profilesHost({ dataDir: dir }, local);
  return { host, close: async () => { for (const c of local) await c(); } };
}

const profiles = (host: Awaited<ReturnType<typeof open>>['host']) => host.store.getState().profiles;

describe('creating, editing and deleting profiles', () => {
  it('is parked only: while driving or stopped in D the host refuses with the reason the screen shows', async () => {
    const { host, close } = await open(await scratch());
    cleanups.push(close);
    drive(host, 50);
    expect(await host.invoke('profiles.create', { name: 'Li', colour: 'teal' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED', reason: { key: 'ux.restricted.noSetup' } },
    });
    park(host);
    const created = await host.invoke('profiles.create', { name: '  Li ', colour: 'teal' });
    expect(created.ok).toBe(true);
    const id = created.ok ? created.value.id : '';
    expect(profiles(host).profiles.map((p) => p.name)).toEqual(['Li']);
    drive(host, 50);
    for (const attempt of [
      host.invoke('profiles.update', { id, patch: { name: 'Lee' } }),
      host.invoke('profiles.delete', { id }),
      host.invoke('profiles.capturePositions', { id }),
      host.invoke('profiles.pairFob', { id }),
    ]) {
      expect(await attempt).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED', reason: { key: 'ux.restricted.noSetup' } } });
    }
    expect(profiles(host).profiles.map((p) => p.name)).toEqual(['Li']);
  });

  it('refuses bad names and values with a clear message each, and stores nothing for them', async () => {
    const { host, close } = await open(await scratch());
    cleanups.push(close);
    park(host);
    const refusals: Array<[unknown, RegExp]> = [
      [{ name: '', colour: 'teal' }, /name: the name is empty/],
      [{ name: 'x'.repeat(200), colour: 'teal' }, /name: the name is longer than 40 characters/],
      [{ name: 'Li\u0000Wang', colour: 'teal' }, /name: the name contains control characters/],
      [{ name: '     ', colour: 'teal' }, /name: the name is only spaces/],
      [{ name: 'Li', colour: 'plaid' }, /colour: Invalid option/],
    ];
    for (const [request, message] of refusals) {
      expect(await host.invoke('profiles.create', request)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', message } });
    }
    const created = await host.invoke('profiles.create', { name: 'Li', colour: 'teal' });
    const id = created.ok ? created.value.id : '';
    expect(await host.invoke('profiles.update', { id, patch: { seat: { position: 9000, height: null, recline: null, lumbar: null } } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST', message: /patch\.seat\.position: seat position mm above 500/ },
    });
    expect(await host.invoke('profiles.update', { id, patch: { climate: { temperature: 12, fan: null, seatHeating: null } } })).toMatchObject({
      ok: false,
      error: { message: /climate temperature °C below 16/ },
    });
    expect(await host.invoke('profiles.create', { name: 'LI', colour: 'rose' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED', reason: { key: 'profiles.errors.nameTaken', params: { name: 'Li' } } },
    });
    expect(profiles(host).profiles).toHaveLength(1);
    expect(profiles(host).profiles[0].seat.position).toBeNull();
  });

  it('keeps profiles encrypted at rest across a restart, asks who drives at start-up, and delete erases every copy', async () => {
    const dir = await scratch();
    const first = await open(dir);
    park(first.host);
    const li = await first.host.invoke('profiles.create', { name: 'Li', colour: 'teal' });
    const wang = await first.host.invoke('profiles.create', { name: 'Wang', colour: 'rose' });
    const liId = li.ok ? li.value.id : '';
    const wangId = wang.ok ? wang.value.id : '';
    // A second save makes a backup, so "every copy" is more than one file.
    await first.host.invoke('profiles.update', { id: liId, patch: { climate: { temperature: 22, fan: null, seatHeating: null } } });
    await first.close();

    const files = await readdir(join(dir, 'profiles'));
    expect(files.sort()).toEqual([`${liId}.json`, `${liId}.json.bak`, `${wangId}.json`].sort());
    const onDisk = await readFile(join(dir, 'profiles', `${liId}.json`), 'utf8');
    expect(Object.keys(JSON.parse(onDisk)).sort()).toEqual(['alg', 'ciphertext', 'format', 'iv', 'keyId', 'tag', 'version']);
    expect(onDisk).not.toMatch(/"name"|"seat"|"climate"/);

    const second = await open(dir);
    cleanups.push(second.close);
    expect(profiles(second.host).profiles.map((p) => [p.name, p.climate.temperature])).toEqual([['Li', 22], ['Wang', null]]);
    expect(profiles(second.host).picker).toEqual({ open: true, cause: 'startup' });
    park(second.host);
    expect(await second.host.invoke('profiles.delete', { id: liId })).toEqual({ ok: true, value: { deleted: true } });
    expect(await readdir(join(dir, 'profiles'))).toEqual([`${wangId}.json`]);
  });

  it('a truncated profile is restored from its last good copy and the driver is told; one with no good copy is kept aside, never lost', async () => {
    const dir = await scratch();
    const first = await open(dir);
    park(first.host);
    const li = await first.host.invoke('profiles.create', { name: 'Li', colour: 'teal' });
    const wang = await first.host.invoke('profiles.create', { name: 'Wang', colour: 'rose' });
    const liId = li.ok ? li.value.id : '';
    const wangId = wang.ok ? wang.value.id : '';
    await first.host.invoke('profiles.update', { id: liId, patch: { drive: { mode: 'SPORT', regen: 2 } } });
    await first.close();
    await truncate(join(dir, 'profiles', `${liId}.json`), 40);
    await writeFile(join(dir, 'profiles', `${wangId}.json`), '{"format":"cabin-encrypted-document","vers');

    const again = await open(dir);
    cleanups.push(again.close);
    const state = profiles(again.host);
    // Li's backup is the copy before the last save: the profile as created, which is the last good copy there is.
    expect(state.profiles.map((p) => p.name)).toEqual(['Li']);
    expect(state.notices.map((n) => [n.code, n.profileName ?? null]).sort()).toEqual([
      ['restoredFromBackup', 'Li'],
      ['unreadable', null],
    ]);
    expect(state.notices.find((n) => n.code === 'unreadable')!.detail).toMatch(new RegExp(`${wangId}\\.json: not valid JSON.*kept as .*${wangId}\\.json\\.corrupt-`));
    const kept = (await readdir(join(dir, 'profiles'))).filter((f) => f.startsWith(`${wangId}.json.corrupt-`));
    expect(kept).toHaveLength(1);
  });

  it('a profile sealed with another device key is kept aside and named, not read as garbage', async () => {
    const dir = await scratch();
    const first = await open(dir);
    park(first.host);
    await first.host.invoke('profiles.create', { name: 'Li', colour: 'teal' });
    await first.close();
    await writeFile(join(dir, 'keys', 'dev-storage.key'), `${Buffer.alloc(32, 7).toString('base64')}\n`);
    const again = await open(dir);
    cleanups.push(again.close);
    const state = profiles(again.host);
    expect(state.profiles).toEqual([]);
    expect(state.notices.map((n) => n.code)).toEqual(['wrongKey']);
    expect(state.notices[0].detail).toMatch(/cannot be decrypted with this device's key; kept as .*other-key-/);
    expect(state.picker).toEqual({ open: false });
  });
});

describe('Settings while a profile is active', () => {
  it('a preference changed in Settings edits the active profile; the guest edits the device defaults', async () => {
    const dir = await scratch();
    const { host, close } = await open(dir);
    park(host);
    const li = await host.invoke('profiles.create', { name: 'Li', colour: 'teal' });
    const id = li.ok ? li.value.id : '';
    await host.invoke('profiles.activate', { id });
    const answer = await host.invoke('settings.update', { language: 'zh-CN', dayBrightness: 60 });
    expect(answer).toMatchObject({ ok: true, value: { language: 'zh-CN', dayBrightness: 60 } });
    expect(host.store.getState().settings).toMatchObject({ language: 'en', dayBrightness: 60 });
    expect(profiles(host).profiles[0].preferences).toEqual({ language: 'zh-CN' });
    expect(selectEffectivePreferences(host.store.getState()).language).toBe('zh-CN');

    await host.invoke('profiles.activate', { id: null });
    expect(selectEffectivePreferences(host.store.getState()).language).toBe('en');
    await host.invoke('settings.update', { distanceUnit: 'mi' });
    expect(host.store.getState().settings.distanceUnit).toBe('mi');
    expect(profiles(host).profiles[0].preferences).toEqual({ language: 'zh-CN' });
    await close();

    const again = await open(dir);
    cleanups.push(again.close);
    expect(again.host.store.getState().settings).toMatchObject({ language: 'en', distanceUnit: 'mi', dayBrightness: 60 });
    expect(profiles(again.host).profiles[0].preferences).toEqual({ language: 'zh-CN' });
  });
});
