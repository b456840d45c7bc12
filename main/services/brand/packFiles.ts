// Reads a file of a brand pack safely: inside the pack's folder, a regular file, its size checked before a byte is read.
import { readFile, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';

export type PackRead = { ok: true; bytes: Buffer; size: number } | { ok: false; message: string };

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'is missing (no such file)';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read (permission denied)';
  if (code === 'ELOOP') return 'cannot be read (a symbolic-link loop)';
  return `cannot be read (${code ?? String(error)})`;
}

/**
 * `relPath` has passed the schema (relative, no ".."); a symbolic link could still lead out of the
 * pack, so the real path is checked too. `what` names the file's role in messages ("a logo").
 */
export async function readPackFile(packDir: string, relPath: string, maxBytes: number, what: string): Promise<PackRead> {
  let real: string;
  let realDir: string;
  try {
    realDir = await realpath(packDir);
    real = await realpath(join(packDir, relPath));
  } catch (error) {
    return { ok: false, message: `${relPath} ${describeFsError(error)}` };
  }
  if (!real.startsWith(realDir + sep)) return { ok: false, message: `${relPath} leads outside the pack folder (a symbolic link to ${real})` };
  let size: number;
  try {
    const info = await stat(real);
    if (!info.isFile()) return { ok: false, message: `${relPath} is not a regular file${info.isDirectory() ? ' (a folder)' : ''}` };
    size = info.size;
  } catch (error) {
    return { ok: false, message: `${relPath} ${describeFsError(error)}` };
  }
  if (size > maxBytes) {
    return { ok: false, message: `${relPath} is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit for ${what} (not read)` };
  }
  if (size === 0) return { ok: false, message: `${relPath} is empty` };
  try {
    const bytes = await readFile(real);
    // The file may have grown between stat and read; the limit still holds.
    if (bytes.length > maxBytes) return { ok: false, message: `${relPath} grew past the ${formatBytes(maxBytes)} limit for ${what} while being read` };
    return { ok: true, bytes, size: bytes.length };
  } catch (error) {
    return { ok: false, message: `${relPath} ${describeFsError(error)}` };
  }
}
