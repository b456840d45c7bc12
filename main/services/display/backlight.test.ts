import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findBacklight } from './backlight';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A fake /sys/class/backlight: one folder per device with the files the kernel gives it. */
async function sysfs(devices: Record<string, { max: string; brightness?: string; type?: string; readOnly?: boolean }>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cabin-backlight-'));
  dirs.push(dir);
  for (const [name, d] of Object.entries(devices)) {
    await mkdir(join(dir, name));
    await writeFile(join(dir, name, 'max_brightness'), `${d.max}\n`);
    await writeFile(join(dir, name, 'brightness'), `${d.brightness ?? d.max}\n`);
    if (d.type) await writeFile(join(dir, name, 'type'), `${d.type}\n`);
    if (d.readOnly) await chmod(join(dir, name, 'brightness'), 0o444);
  }
  return dir;
}

const runningAsRoot = process.getuid?.() === 0;

describe('the Linux backlight', () => {
  it('writes the fraction of max_brightness, rounded, and never 0', async () => {
    const dir = await sysfs({ intel_backlight: { max: '1515', type: 'raw' } });
    const backlight = (await findBacklight(dir))!;
    expect(backlight).toMatchObject({ name: 'intel_backlight', max: 1515 });
    await backlight.set(0.4738);
    expect(await readFile(join(dir, 'intel_backlight', 'brightness'), 'utf8')).toBe('718\n');
    await backlight.set(1);
    expect(await readFile(join(dir, 'intel_backlight', 'brightness'), 'utf8')).toBe('1515\n');
    await backlight.set(0);
    expect(await readFile(join(dir, 'intel_backlight', 'brightness'), 'utf8')).toBe('1\n');
  });

  it('prefers a firmware interface over platform and raw ones, as the kernel advises', async () => {
    const dir = await sysfs({ acpi_video0: { max: '100', type: 'firmware' }, intel_backlight: { max: '1515', type: 'raw' }, panel: { max: '255', type: 'platform' } });
    expect((await findBacklight(dir))?.name).toBe('acpi_video0');
  });

  it('skips devices with an unreadable or zero maximum', async () => {
    const dir = await sysfs({ broken: { max: 'lots' }, dark: { max: '0' }, good: { max: '7' } });
    expect((await findBacklight(dir))?.name).toBe('good');
  });

  it.skipIf(runningAsRoot)('skips a device this process may not write (root may write anything, so this needs a normal user)', async () => {
    const dir = await sysfs({ locked: { max: '100', readOnly: true } });
    expect(await findBacklight(dir)).toBeNull();
  });

  it('finds nothing where there is no backlight folder (a desktop, a container)', async () => {
    expect(await findBacklight(join(tmpdir(), 'cabin-no-such-backlight-dir'))).toBeNull();
  });
});
