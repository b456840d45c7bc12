import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHost, type Host } from '../../host/createHost';
import { projectRoot } from '../../../test/fixtures/corpus';
import { setDriving, GEAR_DRIVE } from '../../../test/fixtures/drivingState';

const hosts: Host[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function start(brand: string, dataDir?: string) {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'cabin-brand-')));
  if (!dataDir) dirs.push(dir);
  const host = await createHost({ dataDir: dir, version: 't', mode: 'simulation', transport: 'none', appRoot: projectRoot, brand: { flag: brand } });
  hosts.push(host);
  return { host, dir };
}

describe('what a brand sets beyond its look', () => {
  it('a first start takes the brand\'s market defaults; stored settings are never overridden', async () => {
    const voltra = await start('voltra');
    expect(voltra.host.store.getState().settings).toMatchObject({ language: 'zh-CN', distanceUnit: 'km' });
    const aurelia = await start('aurelia');
    expect(aurelia.host.store.getState().settings).toMatchObject({ language: 'en', distanceUnit: 'mi', temperatureUnit: 'fahrenheit', clockFormat: '12h' });
    // The driver's own choice, stored, wins over the brand on the next start.
    expect((await aurelia.host.invoke('settings.update', { distanceUnit: 'km' })).ok).toBe(true);
    await aurelia.host.close();
    hosts.splice(hosts.indexOf(aurelia.host), 1);
    const again = await start('aurelia', aurelia.dir);
    expect(again.host.store.getState().settings.distanceUnit).toBe('km');
  });

  it('a live brand switch takes the new market\'s tighter thresholds at once', async () => {
    const { host } = await start('cabin');
    setDriving(host, GEAR_DRIVE, 0); // stopped in D: idling
    expect(host.store.getState().ux.restrictions).toMatchObject({ drivingState: 'idling', maxListItems: 6 });
    expect(host.store.getState().ux.restrictions.active).not.toContain('noKeyboard');
    expect((await host.invoke('brand.select', { id: 'ironbark' })).ok).toBe(true);
    setDriving(host, GEAR_DRIVE, 0);
    expect(host.store.getState().ux.restrictions).toMatchObject({ drivingState: 'idling', maxListItems: 4, maxStringChars: 80 });
    expect(host.store.getState().ux.restrictions.active).toContain('noKeyboard');
  });
});
