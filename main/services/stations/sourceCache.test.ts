// A live source's cache on disk: a large answer written a slice at a time reads back exactly, with its time and cursor; after close nothing more is written, and close waits for a save under way.
import { afterEach, describe, expect, it } from 'vitest';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SourceCache } from './sourceCache';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('SourceCache', () => {
  it.each([0, 1, 499, 500, 501, 1234])('round-trips a list of %d items', async (count) => {
    const dir = await mkdtemp(join(tmpdir(), 'cabin-cache-'));
    dirs.push(dir);
    const cache = new SourceCache<Array<{ id: string; n: number; text: string }>>(dir, 'feed');
    const data = Array.from({ length: count }, (_, i) => ({ id: `L${i}`, n: i, text: i % 7 === 0 ? 'quote " and \\ and 特来电' : '' }));
    await cache.save({ fetchedAt: 1_767_225_600_000, cursor: 1_767_225_600_000, data });
    expect(JSON.parse(await readFile(cache.path, 'utf8'))).toEqual({ schemaVersion: 1, fetchedAt: 1_767_225_600_000, cursor: 1_767_225_600_000, data });
    expect(await cache.load()).toEqual({ fetchedAt: 1_767_225_600_000, cursor: 1_767_225_600_000, data });
  });

  it('closing waits for a save under way and refuses later ones, so nothing is written into a closed data folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cabin-cache-'));
    dirs.push(dir);
    const cache = new SourceCache<number[]>(dir, 'feed');
    // Large enough to be serialised over several turns of the event loop: close() arrives in the middle.
    const data = Array.from({ length: 5000 }, (_, i) => i);
    const saving = cache.save({ fetchedAt: 1, data });
    await cache.close();
    expect(JSON.parse(await readFile(cache.path, 'utf8')).data).toHaveLength(5000);
    await saving;
    const late = new SourceCache<number[]>(dir, 'late');
    await late.close();
    await late.save({ fetchedAt: 2, data: [1] });
    await expect(access(late.path)).rejects.toThrow(/ENOENT/);
  });
});
