// Finds a writable Linux backlight device (/sys/class/backlight/<name>) and sets its level as a fraction of full.
import { constants } from 'node:fs';
import { access, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const SYSFS_BACKLIGHT_DIR = '/sys/class/backlight';

export interface Backlight {
  /** The device's folder name, e.g. "intel_backlight". */
  name: string;
  /** `max_brightness`: the raw value for full. */
  max: number;
  /** Writes `fraction` (0–1) of full; never 0, which on many panels switches the light off. */
  set(fraction: number): Promise<void>;
}

/**
 * The kernel's own advice (sysfs-class-backlight): "firmware" interfaces know the panel best, then
 * "platform", then "raw" registers.
 */
const PREFERENCE = ['firmware', 'platform', 'raw'];

async function readInt(file: string): Promise<number | null> {
  const text = await readFile(file, 'utf8').catch(() => null);
  const value = text === null ? NaN : Number(text.trim());
  return Number.isInteger(value) ? value : null;
}

/** The best device in `dir` whose brightness this process may write, or null when there is none. */
export async function findBacklight(dir = SYSFS_BACKLIGHT_DIR): Promise<Backlight | null> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const usable: Array<{ name: string; max: number; rank: number }> = [];
  for (const name of names.sort()) {
    const device = join(dir, name);
    const max = await readInt(join(device, 'max_brightness'));
    if (max === null || max <= 0) continue;
    const writable = await access(join(device, 'brightness'), constants.W_OK).then(
      () => true,
      () => false,
    );
    if (!writable) continue;
    const type = (await readFile(join(device, 'type'), 'utf8').catch(() => '')).trim();
    const rank = PREFERENCE.includes(type) ? PREFERENCE.indexOf(type) : PREFERENCE.length;
    usable.push({ name, max, rank });
  }
  usable.sort((a, b) => a.rank - b.rank);
  const best = usable[0];
  if (!best) return null;
  const file = join(dir, best.name, 'brightness');
  return {
    name: best.name,
    max: best.max,
    async set(fraction) {
      const raw = Math.max(1, Math.min(best.max, Math.round(fraction * best.max)));
      await writeFile(file, `${raw}\n`);
    },
  };
}
