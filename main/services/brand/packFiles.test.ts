import { mkdirSync, mkdtempSync, openSync, closeSync, ftruncateSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBytes, readPackFile } from './packFiles';

let root = '';
let pack = '';
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'cabin-pack-files-'));
  pack = join(root, 'pack');
  mkdirSync(join(pack, 'logos'), { recursive: true });
  writeFileSync(join(pack, 'logos', 'ok.svg'), '<svg/>');
  writeFileSync(join(pack, 'logos', 'empty.svg'), '');
  writeFileSync(join(root, 'outside.svg'), '<svg/>');
  symlinkSync(join(root, 'outside.svg'), join(pack, 'logos', 'escape.svg'));
  symlinkSync('ok.svg', join(pack, 'logos', 'inside-link.svg'));
  mkdirSync(join(pack, 'logos', 'folder.svg'));
  // A sparse 40 MB file: its size is real, its blocks are not.
  const fd = openSync(join(pack, 'logos', 'huge.svg'), 'w');
  ftruncateSync(fd, 40 * 1024 * 1024);
  closeSync(fd);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('readPackFile', () => {
  it('reads a file inside the pack, also through a link that stays inside', async () => {
    expect(await readPackFile(pack, 'logos/ok.svg', 1024, 'a logo')).toMatchObject({ ok: true, size: 6 });
    expect(await readPackFile(pack, 'logos/inside-link.svg', 1024, 'a logo')).toMatchObject({ ok: true, size: 6 });
  });

  it('says why it will not read a file', async () => {
    const message = async (path: string) => {
      const r = await readPackFile(pack, path, 256 * 1024, 'a logo');
      return r.ok ? 'read' : r.message;
    };
    expect(await message('logos/huge.svg')).toBe('logos/huge.svg is 40.0 MB, over the 256 KB limit for a logo (not read)');
    expect(await message('logos/missing.svg')).toBe('logos/missing.svg is missing (no such file)');
    expect(await message('logos/escape.svg')).toMatch(/^logos\/escape\.svg leads outside the pack folder \(a symbolic link to .*outside\.svg\)$/);
    expect(await message('logos/folder.svg')).toBe('logos/folder.svg is not a regular file (a folder)');
    expect(await message('logos/empty.svg')).toBe('logos/empty.svg is empty');
  });

  it('writes sizes people read', () => {
    expect(formatBytes(40 * 1024 * 1024)).toBe('40.0 MB');
    expect(formatBytes(256 * 1024)).toBe('256 KB');
    expect(formatBytes(12)).toBe('12 bytes');
  });
});
