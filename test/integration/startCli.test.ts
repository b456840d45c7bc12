// `cabin start`: every user mistake is a one-line error with what to do, and nothing is left running.
import { afterAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../main/cli/main';
import { projectRoot } from '../fixtures/corpus';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function cabin(...args: string[]) {
  let out = '';
  let err = '';
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const code = await main(args, { stdout, stderr, stdin: new PassThrough(), cwd: projectRoot });
  return { code, out, err };
}

describe('cabin start: bad input', () => {
  it.each([
    [['start', '--frobnicate'], 2, /^cabin: unknown flag '--frobnicate'\n$/],
    [['start', '--port', 'eighty'], 2, /^cabin: --port must be a whole number from 0 to 65535, got "eighty"\n$/],
    [['start', '--brand', 'acme'], 2, /^cabin: unknown brand "acme": this build has "aurelia", "cabin", "ironbark", "voltra"\n$/],
    [['start', '--web', '--vehicle', 'tractor'], 1, /^cabin: unknown vehicle "tractor"; this build has "cabin-ev", "hyundai-2015"\n$/],
    [['start', '--web', '--vehicle', 'hyundai-2015', '--replay', 'x.log'], 1, /^cabin: vehicle "hyundai-2015" ships no DBC file: give the path of its DBC with --dbc FILE\n$/],
    [['start', '--web', '--replay', 'a.log', '--gateway', 'ws://127.0.0.1:1'], 2, /^cabin: --replay and --gateway choose different vehicle data sources; use one\n$/],
    [['start', '--web', '--gateway', 'ws://127.0.0.1:1'], 2, /--gateway needs a token/],
  ])('%j → exit %i with one line', async (args, code, message) => {
    delete process.env.CABIN_GATEWAY_TOKEN;
    const result = await cabin(...args);
    expect(result.code).toBe(code);
    expect(result.err).toMatch(message);
    expect(result.out).toBe('');
  });

  it('an unwritable data dir names the folder and the flag to use', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cabin-cli-'));
    dirs.push(dir);
    await writeFile(join(dir, 'file'), '');
    const result = await cabin('start', '--web', '--data-dir', join(dir, 'file', 'sub'), '--replay', 'x.log');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^cabin: data dir .*file\/sub is not writable \(ENOTDIR\): choose a writable folder with --data-dir\n$/);
  });

  it('a port in use says so and what to do', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cabin-cli-'));
    dirs.push(dir);
    const blocker: Server = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const port = (blocker.address() as { port: number }).port;
    try {
      const result = await cabin('start', '--web', '--data-dir', dir, '--port', String(port), '--replay', 'x.log');
      expect(result.code).toBe(1);
      expect(result.err).toBe(`cabin: port ${port} on 127.0.0.1 is in use: pick another with --port, or stop what is using it\n`);
    } finally {
      blocker.close();
    }
  });

  it('help lists every flag', async () => {
    const result = await cabin('start', '--help');
    expect(result.code).toBe(0);
    for (const flag of ['--web', '--kiosk', '--brand', '--data-dir', '--port', '--vehicle', '--dbc', '--replay', '--gateway', '--scenario']) {
      expect(result.out).toContain(flag);
    }
  });
});
