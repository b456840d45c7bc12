import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import { FakeEvent, FakeWebContents } from '../../test/fakes/fakeElectron';
import { watchRenderer } from './recovery';

vi.mock('electron', async () => (await import('../../test/fakes/fakeElectron')).fakeElectronModule);

let contents: FakeWebContents;
let reloads: number;
let lines: string[];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  contents = new FakeWebContents();
  reloads = 0;
  lines = [];
});
afterEach(() => vi.useRealTimers());

function watch(graceMs = 5_000) {
  return watchRenderer({ contents: contents as unknown as WebContents, reload: () => (reloads += 1), report: (l) => lines.push(l), graceMs });
}
const gone = (reason: string, exitCode = 1) => contents.emit('render-process-gone', new FakeEvent(), { reason, exitCode });

describe('crashes', () => {
  it.each(['crashed', 'killed', 'oom', 'abnormal-exit', 'launch-failed'])('a renderer gone (%s) is reloaded at once, counted and reported', (reason) => {
    const w = watch();
    gone(reason, 139);
    expect(reloads).toBe(1);
    expect(w.recoveries).toBe(1);
    expect(lines).toEqual([`renderer recovery 1: renderer process gone (${reason}, exit code 139); reloading and resynchronising from the host`]);
  });

  it('a clean exit is not a crash', () => {
    const w = watch();
    gone('clean-exit', 0);
    expect(reloads).toBe(0);
    expect(w.recoveries).toBe(0);
  });

  it('a crash loop backs off instead of spinning, and recovers at full speed once it has calmed down', () => {
    const w = watch();
    for (let i = 0; i < 3; i += 1) gone('crashed');
    expect(reloads).toBe(3);
    gone('crashed');
    expect(reloads).toBe(3);
    expect(lines.at(-1)).toMatch(/reloading in 1 s \(crash loop\)/);
    vi.advanceTimersByTime(1_000);
    expect(reloads).toBe(4);
    gone('crashed');
    expect(lines.at(-1)).toMatch(/reloading in 2 s/);
    vi.advanceTimersByTime(2_000);
    expect(reloads).toBe(5);
    vi.advanceTimersByTime(61_000);
    gone('crashed');
    expect(reloads).toBe(6);
    expect(w.recoveries).toBe(6);
  });
});

describe('hangs', () => {
  it('an unresponsive renderer is killed and reloaded after the grace period, once', () => {
    const w = watch(5_000);
    contents.emit('unresponsive');
    contents.emit('unresponsive');
    vi.advanceTimersByTime(4_999);
    expect(contents.crashCount).toBe(0);
    expect(reloads).toBe(0);
    vi.advanceTimersByTime(1);
    expect(contents.crashCount).toBe(1);
    // The 'gone' event our own kill causes is not a second recovery.
    expect(reloads).toBe(1);
    expect(w.recoveries).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^renderer recovery 1: renderer unresponsive for 5 s; reloading/)]);
  });

  it('a renderer that becomes responsive within the grace period is left alone', () => {
    const w = watch(5_000);
    contents.emit('unresponsive');
    vi.advanceTimersByTime(3_000);
    contents.emit('responsive');
    vi.advanceTimersByTime(10_000);
    expect(contents.crashCount).toBe(0);
    expect(w.recoveries).toBe(0);
  });

  it('a crash during the grace period is one recovery, not two', () => {
    const w = watch(5_000);
    contents.emit('unresponsive');
    gone('crashed');
    vi.advanceTimersByTime(10_000);
    expect(contents.crashCount).toBe(0);
    expect(reloads).toBe(1);
    expect(w.recoveries).toBe(1);
  });
});

describe('dispose', () => {
  it('stops watching when the contents is destroyed', () => {
    const w = watch();
    contents.emit('unresponsive');
    contents.destroy();
    vi.advanceTimersByTime(10_000);
    gone('crashed');
    expect(reloads).toBe(0);
    expect(w.recoveries).toBe(0);
    expect(contents.listenerCount('render-process-gone')).toBe(0);
  });
});
