import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { openStorage } from './storage';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

const here = import.meta.dirname;
const KILLS_PER_MODE = 12; // × 2 modes (plain, encrypted) = 24 kills

// A writer process saving ever-newer documents through the real store. Its file-system seam counts every byte
// written (documents, backups, the key file) and, at the byte the parent chose, writes the start of that chunk
// and SIGKILLs itself: the kill lands inside a write, as a power cut or a crash would. Each save that resolved
// ok is acknowledged on stdout (synchronously, so the parent has it before the next write starts).
const writer = `
import { writeSync } from 'node:fs';
import { z } from 'zod';
import { openStorage } from ${JSON.stringify(resolve(here, 'storage.ts'))};
import { nodeStorageFs } from ${JSON.stringify(resolve(here, 'storageFs.ts'))};
const [dataDir, killAtText, encrypted, firstText] = process.argv.slice(1);
const killAt = Number(killAtText);
let written = 0;
const fs = {
  ...nodeStorageFs,
  async open(path, flags, mode) {
    const file = await nodeStorageFs.open(path, flags, mode);
    return {
      ...file,
      async write(buffer, offset, length) {
        if (written + length > killAt) {
          const part = killAt - written;
          if (part > 0) await file.write(buffer, offset, part);
          writeSync(2, 'killed inside ' + path + ' at byte ' + part + ' of a ' + length + '-byte write\\n');
          process.kill(process.pid, 'SIGKILL');
          await new Promise(() => {});
        }
        written += length;
        return file.write(buffer, offset, length);
      },
    };
  },
};
const storage = await openStorage({ dataDir, fs });
const doc = storage.document({
  name: 'profile',
  schema: z.object({ n: z.number(), padding: z.string() }).strict(),
  schemaVersion: 1,
  defaults: () => ({ n: -1, padding: '' }),
  encrypted: encrypted === '1',
});
await doc.load();
for (let n = Number(firstText); ; n += 1) {
  const result = await doc.save({ n, padding: 'x'.repeat(20000 + (n % 7) * 5000) });
  if (!result.ok) throw new Error(result.error.message);
  writeSync(1, 'ack ' + n + '\\n');
}
`;

interface Run {
  acks: number[];
  signal: NodeJS.Signals | null;
  stderr: string;
}

function runUntilKilled(dataDir: string, killAt: number, encrypted: boolean, first: number): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', writer, dataDir, String(killAt), encrypted ? '1' : '0', String(first)],
      { stdio: ['ignore', 'pipe', 'pipe'], cwd: resolve(here, '../../..') },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', fail);
    child.once('close', (_code, signal) => {
      const acks = [...stdout.matchAll(/^ack (\d+)$/gm)].map((m) => Number(m[1]));
      done({ acks, signal, stderr });
    });
  });
}

const schema = z.object({ n: z.number(), padding: z.string() }).strict();

async function readBack(dataDir: string, encrypted: boolean) {
  const storage = await openStorage({ dataDir });
  const loaded = await storage.document({ name: 'profile', schema, schemaVersion: 1, defaults: () => ({ n: -1, padding: '' }), encrypted }).load();
  await storage.close();
  return { loaded, notices: storage.notices };
}

describe.each([
  ['plain', false],
  ['encrypted', true],
])('a %s document written by a process killed inside a write', (_mode, encrypted) => {
  it(`is always readable and holds the last acknowledged document (${KILLS_PER_MODE} kills at random bytes)`, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'cabin-crash-'));
    dirs.push(dataDir);
    const seed = Math.floor(Math.random() * 2 ** 31);
    const random = mulberry32(seed);
    let lastAck: number | null = null;
    const killedIn = new Set<string>();
    for (let round = 0; round < KILLS_PER_MODE; round += 1) {
      const at = `seed ${seed}, round ${round}`;
      // A save writes the backup and the main file, 20–55 KB each: this spans the first few saves of a run.
      const killAt = 1 + Math.floor(random() * 300_000);
      const run = await runUntilKilled(dataDir, killAt, encrypted, (lastAck ?? -1) + 1);
      expect(run.signal, `${at}: the writer must die by SIGKILL, not exit (${run.stderr})`).toBe('SIGKILL');
      const kill = /killed inside (\S+) at byte (\d+) of a (\d+)-byte write/.exec(run.stderr);
      expect(kill, `${at}: the kill happened inside a write`).not.toBeNull();
      killedIn.add(kill![1].includes('.bak.') ? 'backup' : kill![1].includes('dev-storage.key') ? 'key' : 'main');
      if (run.acks.length) lastAck = run.acks.at(-1)!;

      // The half-written temp file is there until the next start-up removes it.
      const leftovers = (await readdir(dataDir)).filter((f) => f.endsWith('.tmp'));
      const { loaded, notices } = await readBack(dataDir, encrypted);
      expect(loaded.notices, `${at}: the main file was readable as it stood`).toEqual([]);
      if (lastAck === null) {
        expect(loaded.source, at).toBe('defaults');
      } else {
        expect(loaded.source, at).toBe('file');
        expect(loaded.data.n, `${at}: the last acknowledged document`).toBe(lastAck);
        expect(loaded.data.padding, at).toHaveLength(20000 + (lastAck % 7) * 5000);
      }
      if (leftovers.length) expect(notices, at).toContainEqual(expect.objectContaining({ kind: 'tempFilesRemoved' }));
      expect((await readdir(dataDir)).filter((f) => f.endsWith('.tmp') || f.includes('.corrupt-')), at).toEqual([]);
    }
    // Over the rounds the kills hit both the backup's and the main file's writes (probability of not: < 1e-6).
    expect([...killedIn], `seed ${seed}`).toEqual(expect.arrayContaining(['main', 'backup']));
    expect(lastAck, `seed ${seed}: some saves were acknowledged`).not.toBeNull();
  }, 180_000);
});

/** A small seeded generator, so a failing run can be replayed from the seed in its message. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
