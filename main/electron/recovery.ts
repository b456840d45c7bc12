// Brings a crashed or hung renderer back: reload it, and the IPC transport resynchronises it from the host.
import type { WebContents } from 'electron';

export interface RecoveryOptions {
  contents: WebContents;
  /** Loads the app page again; the transport sends a fresh snapshot when it has loaded. */
  reload: () => void;
  report: (line: string) => void;
  /** How long a hang may last before the renderer is killed; brief stalls (GC, a big layout) recover alone. */
  graceMs?: number;
  /** Recoveries within this window count towards the crash-loop back-off. */
  loopWindowMs?: number;
  now?: () => number;
}

export interface RendererWatch {
  readonly recoveries: number;
  dispose(): void;
}

export const HANG_GRACE_MS = 5_000;
const LOOP_WINDOW_MS = 60_000;
/** Recoveries within the window that reload at once; after that each waits twice as long, up to MAX_DELAY_MS. */
const FREE_RECOVERIES = 3;
const MAX_DELAY_MS = 30_000;

export function watchRenderer({
  contents,
  reload,
  report,
  graceMs = HANG_GRACE_MS,
  loopWindowMs = LOOP_WINDOW_MS,
  now = Date.now,
}: RecoveryOptions): RendererWatch {
  let recoveries = 0;
  let recent: number[] = [];
  let hangTimer: NodeJS.Timeout | null = null;
  let reloadTimer: NodeJS.Timeout | null = null;
  /** Set while we kill a hung renderer ourselves, so the 'gone' event that follows is not a second recovery. */
  let killing = false;
  let disposed = false;

  const clearHang = () => {
    if (hangTimer) clearTimeout(hangTimer);
    hangTimer = null;
  };

  const recover = (reason: string) => {
    recoveries += 1;
    const at = now();
    recent = [...recent.filter((t) => at - t < loopWindowMs), at];
    // A renderer that crashes on every load would otherwise spin the CPU of a head unit forever.
    const excess = recent.length - FREE_RECOVERIES;
    const delay = excess > 0 ? Math.min(MAX_DELAY_MS, 1_000 * 2 ** (excess - 1)) : 0;
    report(
      `renderer recovery ${recoveries}: ${reason}; reloading${delay ? ` in ${delay / 1000} s (crash loop)` : ''} and resynchronising from the host`,
    );
    if (reloadTimer) clearTimeout(reloadTimer);
    reloadTimer = null;
    if (delay === 0) return reload();
    reloadTimer = setTimeout(() => {
      reloadTimer = null;
      if (!disposed && !contents.isDestroyed()) reload();
    }, delay);
  };

  const onGone = (_event: unknown, details: { reason: string; exitCode: number }) => {
    clearHang();
    if (killing) {
      killing = false;
      return;
    }
    // 'clean-exit' is a normal shutdown (window closing), not something to undo.
    if (details.reason === 'clean-exit') return;
    recover(`renderer process gone (${details.reason}, exit code ${details.exitCode})`);
  };

  const onUnresponsive = () => {
    if (hangTimer || disposed) return;
    hangTimer = setTimeout(() => {
      hangTimer = null;
      if (disposed || contents.isDestroyed()) return;
      killing = true;
      // Killing first makes the reload start in a fresh process instead of queueing behind the hang.
      contents.forcefullyCrashRenderer();
      recover(`renderer unresponsive for ${graceMs / 1000} s`);
    }, graceMs);
  };

  contents.on('render-process-gone', onGone);
  contents.on('unresponsive', onUnresponsive);
  contents.on('responsive', clearHang);
  contents.once('destroyed', () => dispose());

  function dispose() {
    if (disposed) return;
    disposed = true;
    clearHang();
    if (reloadTimer) clearTimeout(reloadTimer);
    reloadTimer = null;
    contents.removeListener('render-process-gone', onGone);
    contents.removeListener('unresponsive', onUnresponsive);
    contents.removeListener('responsive', clearHang);
  }

  return {
    get recoveries() {
      return recoveries;
    },
    dispose,
  };
}
