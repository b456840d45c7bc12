import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStaticHandler } from './staticFiles';

let dir: string;
let server: Server;
let base: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cabin-static-'));
  const renderer = join(dir, 'renderer');
  await mkdir(join(renderer, 'assets'), { recursive: true });
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Cabin</title>');
  await writeFile(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(dir, 'secret.txt'), 'the driver\'s data');
  await mkdir(join(dir, 'outside'));
  await writeFile(join(dir, 'outside', 'x.js'), 'outside');
  await symlink(join(dir, 'secret.txt'), join(renderer, 'leak.txt'));
  await symlink(join(dir, 'outside'), join(renderer, 'assets', 'linked-dir'));
  await symlink(join(renderer, 'assets', 'app.js'), join(renderer, 'alias.js'));
  await mkdir(join(renderer, 'a-folder'));
  const handler = createStaticHandler(renderer, () => base);
  server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the static server', () => {
  it('serves regular files inside the renderer folder, with the CSP', async () => {
    const index = await fetch(`${base}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toMatch(/default-src 'none'|default-src 'self'/);
    expect((await fetch(`${base}/assets/app.js`)).status).toBe(200);
    // A link that stays inside is a file inside.
    expect(await (await fetch(`${base}/alias.js`)).text()).toBe('console.log(1)');
  });

  it('never follows a symlink out of the folder, and serves no folders', async () => {
    expect((await fetch(`${base}/leak.txt`)).status).toBe(403);
    expect((await fetch(`${base}/assets/linked-dir/x.js`)).status).toBe(403);
    expect((await fetch(`${base}/a-folder`)).status).toBe(404);
    expect((await fetch(`${base}/%2e%2e/secret.txt`)).status).not.toBe(200);
  });
});
