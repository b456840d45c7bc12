import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backlightLevel } from '../../../shared/display/brightness';
import { drive } from '../../../test/fixtures/drivingState';
import { projectRoot } from '../../../test/fixtures/corpus';
import { until } from '../../../test/fixtures/until';
import { createHost, type Host, type HostOptions } from '../../host/createHost';
import type { VehicleWriter, WriteMeta } from '../../vehicle/vehicleWriter';
import { DISPLAY_BRIGHTNESS_PATH } from './displayService';

const hosts: Host[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function temp(prefix: string) {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** A fake /sys/class/backlight with one raw device of 1000 steps. */
async function fakeSysfs() {
  const dir = await temp('cabin-sysfs-');
  await mkdir(join(dir, 'panel0'));
  await writeFile(join(dir, 'panel0', 'max_brightness'), '1000\n');
  await writeFile(join(dir, 'panel0', 'brightness'), '1000\n');
  await writeFile(join(dir, 'panel0', 'type'), 'raw\n');
  return { dir, brightness: () => Number(readFileSync(join(dir, 'panel0', 'brightness'), 'utf8')) };
}

async function start(options: Partial<HostOptions>) {
  const lines: string[] = [];
  // Noon, so "auto" without vehicle data reads as day.
  const host = await createHost({ dataDir: await temp('cabin-display-'), version: '1', mode: 'head-unit', transport: 'electron', appRoot: projectRoot, report: (l) => lines.push(l), wallClock: () => new Date(2026, 5, 1, 12).getTime(), ...options });
  hosts.push(host);
  return { host, lines };
}

describe('the display service', () => {
  it('sets the Linux backlight from the theme and the setting, on the perceptual scale, and follows changes', async () => {
    const sysfs = await fakeSysfs();
    const { host, lines } = await start({ display: { backlightDir: sysfs.dir } });
    expect(lines).toContain(`display: brightness goes to the backlight panel0 (max 1000) unless the vehicle maps ${DISPLAY_BRIGHTNESS_PATH}`);
    const day = Math.round(backlightLevel(90) * 1000);
    await until(() => sysfs.brightness() === day, `brightness ${day}`);
    await host.invoke('settings.update', { themeMode: 'night' });
    const night = Math.round(backlightLevel(40) * 1000);
    await until(() => sysfs.brightness() === night, `brightness ${night}`);
    // The lowest setting is the 30 % floor, never darker.
    await host.invoke('settings.update', { nightBrightness: 10 });
    await until(() => sysfs.brightness() === 300, 'the 30 % floor');
  });

  it('sends the vehicle\'s display-brightness signal instead when the mapping writes it, also while driving', async () => {
    const sysfs = await fakeSysfs();
    const { host } = await start({ display: { backlightDir: sysfs.dir } });
    const sent: Array<{ targets: Record<string, unknown>; meta: WriteMeta }> = [];
    const writer: VehicleWriter = {
      writablePaths: [DISPLAY_BRIGHTNESS_PATH],
      async write(targets, meta) {
        sent.push({ targets, meta });
        return { ok: true, frames: 1, superseded: 0 };
      },
      dropClient: () => 0,
      pendingCount: 0,
      close: () => undefined,
    };
    host.attachVehicleWriter(writer);
    drive(host, 90);
    await host.invoke('settings.update', { dayBrightness: 100 });
    await until(() => sent.some((s) => s.targets[DISPLAY_BRIGHTNESS_PATH] === 100), 'a 100 % display brightness target');
    expect(sent.at(-1)!.meta).toMatchObject({ feature: 'display' });
  });

  it('does nothing without a panel of its own (the browser simulation dims with a layer)', async () => {
    const { lines } = await start({ transport: 'web', mode: 'simulation' });
    expect(lines.filter((l) => l.startsWith('display:'))).toEqual([]);
  });
});
