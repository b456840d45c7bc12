import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findElectronBinary } from './electronBinary';
import { projectRoot } from '../../../test/fixtures/corpus';

const saved = process.env.ELECTRON_OVERRIDE_DIST_PATH;
afterEach(() => {
  if (saved === undefined) delete process.env.ELECTRON_OVERRIDE_DIST_PATH;
  else process.env.ELECTRON_OVERRIDE_DIST_PATH = saved;
});

describe('findElectronBinary', () => {
  it('finds a binary where ELECTRON_OVERRIDE_DIST_PATH points, without importing electron', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cabin-electron-'));
    try {
      await writeFile(join(dir, 'electron'), '');
      process.env.ELECTRON_OVERRIDE_DIST_PATH = dir;
      expect(findElectronBinary(projectRoot)).toEqual({ available: true, path: join(dir, 'electron') });
      process.env.ELECTRON_OVERRIDE_DIST_PATH = join(dir, 'nothing-here');
      expect(findElectronBinary(projectRoot)).toMatchObject({ available: false });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says why when the electron package itself is missing', () => {
    expect(findElectronBinary(tmpdir())).toEqual({ available: false, reason: 'the electron package is not installed' });
  });
});
