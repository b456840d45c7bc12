import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireDataDirLock, LOCK_FILE, readDataDirLock } from './dataDirLock';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cabin-lock-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A real other process: alive until killed, or already gone when `exited`. */
async function otherProcess(exited: boolean): Promise<number> {
  const child: ChildProcess = spawn(process.execPath, ['-e', exited ? '' : 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  const pid = child.pid!;
  if (exited) await new Promise((done) => child.once('exit', done));
  else cleanups.push(() => void child.kill('SIGKILL'));
  return pid;
}

describe('data-folder lock', () => {
  it('is taken when absent, holds our pid, and is released on close', async () => {
    const dir = await scratch();
    const taken = await acquireDataDirLock(dir);
    if (!taken.ok) throw new Error(taken.message);
    expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toBe(`${process.pid}\n`);
    expect(await readDataDirLock(dir)).toEqual({ holderPid: process.pid });
    // A second taker in this same process is refused too: one writer per folder.
    expect(await acquireDataDirLock(dir)).toMatchObject({ ok: false, holderPid: process.pid });
    await taken.lock.release();
    expect(await readdir(dir)).toEqual([]);
    expect(await readDataDirLock(dir)).toBeNull();
    const again = await acquireDataDirLock(dir);
    expect(again.ok).toBe(true);
    if (again.ok) await again.lock.release();
  });

  it('is refused while a live process holds it, naming that pid in one line', async () => {
    const dir = await scratch();
    const pid = await otherProcess(false);
    await writeFile(join(dir, LOCK_FILE), `${pid}\n`);
    const refused = await acquireDataDirLock(dir);
    expect(refused).toEqual({ ok: false, holderPid: pid, message: expect.stringMatching(new RegExp(`^the data folder is in use by Cabin \\(pid ${pid}\\); stop it first`)) });
    if (!refused.ok) expect(refused.message).not.toContain('\n');
    expect(await readDataDirLock(dir)).toEqual({ holderPid: pid });
    expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toBe(`${pid}\n`);
  });

  it('takes over a stale lock whose holder has died, or one that holds no pid', async () => {
    const dir = await scratch();
    const dead = await otherProcess(true);
    await writeFile(join(dir, LOCK_FILE), `${dead}\n`);
    expect(await readDataDirLock(dir)).toBeNull();
    const taken = await acquireDataDirLock(dir);
    expect(taken).toMatchObject({ ok: true, stalePid: dead });
    if (taken.ok) await taken.lock.release();
    await writeFile(join(dir, LOCK_FILE), 'garbage');
    const again = await acquireDataDirLock(dir);
    expect(again.ok).toBe(true);
    if (again.ok) await again.lock.release();
    expect(await readdir(dir)).toEqual([]);
  });

  it('of several processes racing for a stale lock, exactly one wins', async () => {
    const dir = await scratch();
    await writeFile(join(dir, LOCK_FILE), `${await otherProcess(true)}\n`);
    // A winner keeps running (and holding the lock) until the test kills it, however late the others start.
    const racer = `
      import { acquireDataDirLock } from ${JSON.stringify(join(import.meta.dirname, 'dataDirLock.ts'))};
      const r = await acquireDataDirLock(process.argv[1]);
      process.stdout.write(r.ok ? 'won' : 'lost');
      if (r.ok) setInterval(() => {}, 1000);
    `;
    const results = await Promise.all(
      Array.from({ length: 4 }, () => new Promise<string>((done, fail) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', racer, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
        cleanups.unshift(() => void child.kill('SIGKILL'));
        child.stdout.once('data', (c: Buffer) => done(c.toString()));
        child.once('error', fail);
        child.once('exit', (code) => done(`exited ${code}`));
      })),
    );
    expect(results.filter((r) => r === 'won')).toHaveLength(1);
    expect(results.filter((r) => r === 'lost')).toHaveLength(3);
  }, 60_000);
});
