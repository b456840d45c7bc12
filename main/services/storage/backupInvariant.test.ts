import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdir, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { faultyFs } from '../../../test/fixtures/storageRigs';
import { openStorage } from './storage';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

const spec = {
  name: 'settings',
  schema: z.object({ n: z.number().int() }).strict(),
  schemaVersion: 1,
  defaults: () => ({ n: -1 }),
};

type Step =
  | { op: 'save'; failAt: number | null }
  | { op: 'restart'; damage: 'none' | 'delete' | 'corrupt' | 'directory' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('save' as const), failAt: fc.option(fc.nat(6), { nil: null }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('restart' as const), damage: fc.constantFrom('none', 'delete', 'corrupt', 'directory') }) },
);

async function readN(path: string): Promise<number | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')).data.n as number;
  } catch {
    return null;
  }
}

// The driver's data is never lost: whatever saves fail (disk full at any write) and however the main file is
// lost or damaged between runs, the backup only ever moves forward to a file that was good on disk, and a
// restart never falls back to defaults once something was saved.
describe('the backup, under random failures and damage', () => {
  it('is only ever replaced by a newer good file, and nothing acknowledged is lost', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
        const dir = await mkdtemp(join(tmpdir(), 'cabin-bak-'));
        dirs.push(dir);
        const main = join(dir, 'settings.json');
        const bak = `${main}.bak`;
        let failAt: number | null = null;
        let ops = 0;
        const fs = faultyFs((op) => {
          if (op !== 'write' && op !== 'rename' && op !== 'open-write') return null;
          return failAt !== null && ops++ === failAt ? 'ENOSPC' : null;
        });
        const goodOnDisk = new Set<number>(); // every n that was ever a complete, good main file
        let acknowledged: number | null = null;
        let lastBak: number | null = null;
        let clock = 0;
        const openDoc = async () => {
          const storage = await openStorage({ dataDir: dir, fs, now: () => (clock += 1), retry: { firstDelayMs: 3_600_000 } });
          const doc = storage.document(spec);
          return { storage, doc, loaded: await doc.load() };
        };
        const checkFiles = async () => {
          const onMain = await readN(main);
          if (onMain !== null) goodOnDisk.add(onMain);
          const onBak = await readN(bak);
          if (onBak !== null) {
            expect(goodOnDisk.has(onBak), `backup holds ${onBak}, never a good main file`).toBe(true);
            expect(onBak).toBeGreaterThanOrEqual(lastBak ?? onBak);
            lastBak = onBak;
          } else {
            expect(lastBak, 'the backup disappeared').toBeNull();
          }
        };
        let { storage, doc, loaded } = await openDoc();
        let n = 0;
        for (const s of steps) {
          if (s.op === 'save') {
            n += 1;
            failAt = s.failAt;
            ops = 0;
            const result = await doc.save({ n });
            failAt = null;
            if (result.ok) acknowledged = n;
          } else {
            await storage.close(); // flushes a pending change, which may move the backup on
            await checkFiles();
            if (s.damage === 'delete') await unlink(main).catch(() => undefined);
            if (s.damage === 'corrupt') await writeFile(main, '{"schemaVersion":1,"da');
            if (s.damage === 'directory') {
              await rm(main, { recursive: true, force: true });
              await mkdir(main);
            }
            ({ storage, doc, loaded } = await openDoc());
            if (s.damage === 'none') {
              // Undamaged, the file holds the last acknowledged change or a newer pending one flushed at close.
              if (acknowledged !== null) expect(loaded.data.n).toBeGreaterThanOrEqual(acknowledged);
            } else if (lastBak !== null) {
              // Damaged: the backup is what survives, and it is found — never the defaults.
              expect(loaded).toMatchObject({ source: 'backup', data: { n: lastBak } });
            }
            acknowledged = loaded.data.n >= 0 ? loaded.data.n : null;
          }
          await checkFiles();
        }
        await storage.close();
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
