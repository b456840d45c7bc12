// Whether a process id is running, for stale lock files and temp files of killed writers.

/** True when `pid` names a live process (EPERM: alive but another user's); false when it is gone. */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
