// The one file-system seam of the store: real node:fs by default, a wrapper in tests that injects faults.
import type { Dirent, Stats } from 'node:fs';
import * as fsp from 'node:fs/promises';

/** The part of an open file the store uses; node's FileHandle is adapted to it. */
export interface StorageFile {
  write(buffer: Uint8Array, offset: number, length: number): Promise<number>;
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<number>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** Every file-system call the store makes goes through one of these, so a test can fail or kill any of them. */
export interface StorageFs {
  /** `flags` as in fs.open ('r', 'w', 'wx'); `mode` applies when the file is created. */
  open(path: string, flags: string, mode?: number): Promise<StorageFile>;
  stat(path: string): Promise<Stats>;
  rename(from: string, to: string): Promise<void>;
  link(existing: string, newPath: string): Promise<void>;
  unlink(path: string): Promise<void>;
  mkdir(path: string, mode?: number): Promise<void>;
  readdir(path: string): Promise<Dirent[]>;
  chmod(path: string, mode: number): Promise<void>;
}

export const nodeStorageFs: StorageFs = {
  async open(path, flags, mode) {
    const handle = await fsp.open(path, flags, mode);
    return {
      write: async (buffer, offset, length) => (await handle.write(buffer, offset, length)).bytesWritten,
      read: async (buffer, offset, length, position) => (await handle.read(buffer, offset, length, position)).bytesRead,
      sync: () => handle.sync(),
      close: () => handle.close(),
    };
  },
  stat: (path) => fsp.stat(path),
  rename: (from, to) => fsp.rename(from, to),
  link: (existing, newPath) => fsp.link(existing, newPath),
  unlink: (path) => fsp.unlink(path),
  mkdir: async (path, mode) => {
    await fsp.mkdir(path, { recursive: true, mode });
  },
  readdir: (path) => fsp.readdir(path, { withFileTypes: true }),
  chmod: (path, mode) => fsp.chmod(path, mode),
};

/** Why a file operation failed, in the store's words; `errno` keeps the system's code for support. */
export interface StorageError {
  kind: 'diskFull' | 'readOnly' | 'permission' | 'io' | 'invalid' | 'tooLarge';
  errno?: string;
  /** One line, English, technical: for logs and a notice's detail. */
  message: string;
}

export function errnoOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/** Names a failed file operation so "disk full" is never reported as "could not be read". */
export function describeFsError(error: unknown, doing: string): StorageError {
  const errno = errnoOf(error);
  const detail = (error as Error | null)?.message ?? String(error);
  switch (errno) {
    case 'ENOSPC':
    case 'EDQUOT':
      return { kind: 'diskFull', errno, message: `${doing}: disk full (${errno})` };
    case 'EROFS':
      return { kind: 'readOnly', errno, message: `${doing}: the file system is read-only (EROFS)` };
    case 'EACCES':
    case 'EPERM':
      return { kind: 'permission', errno, message: `${doing}: permission denied (${errno})` };
    default:
      return { kind: 'io', errno, message: `${doing}: ${detail}` };
  }
}
