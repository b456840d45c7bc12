import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

// A writer process that saves ever-larger settings documents in a loop; we kill it with SIGKILL
// at varied moments, which is what a power cut or a crash looks like to the file.
const writer = `
import { writeFileAtomic } from ${JSON.stringify(resolve(import.meta.dirname, 'atomicFile.ts'))};
const path = process.argv[1];
for (let i = 0; ; i += 1) {
  const doc = { schemaVersion: 1, data: { n: i, padding: 'x'.repeat(20000 + (i % 7) * 5000) } };
  await writeFileAtomic(path, JSON.stringify(doc));
  if (i === 0) process.stdout.write('ready\\n');
}
`;

function runAndKill(path: string, afterMs: number): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', writer, path], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.once('error', fail);
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), afterMs));
    child.once('exit', () => done());
  });
}

describe('atomic writes', () => {
  it('a process killed mid-write never leaves a corrupt or partial file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cabin-atomic-'));
    dirs.push(dir);
    const path = join(dir, 'settings.json');
    let lastN = -1;
    for (let round = 0; round < 6; round += 1) {
      await runAndKill(path, 15 + round * 13);
      const text = await readFile(path, 'utf8');
      const doc = JSON.parse(text); // throws if the file were torn
      expect(doc.schemaVersion).toBe(1);
      expect(doc.data.padding).toHaveLength(20000 + (doc.data.n % 7) * 5000);
      lastN = doc.data.n;
    }
    expect(lastN).toBeGreaterThanOrEqual(0);
    // Temp files of killed writers may remain (hidden, .tmp) but never under the real name.
    const names = await readdir(dir);
    expect(names.filter((n) => !n.endsWith('.tmp'))).toEqual(['settings.json']);
  }, 30_000);
});
