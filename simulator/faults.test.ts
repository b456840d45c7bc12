// Fault injection at the sim source: frame loss, garbage, a stuck signal, bus-off, refusals, gateway faults and scenario timeline faults.
import { describe, expect, it } from 'vitest';
import { FrameFlag, type CanFrame } from '../shared/can/frame';
import { createFramePipeline } from '../shared/vehicle/framePipeline';
import type { VssUpdate } from '../shared/vehicle/mappingRuntime';
import type { GatewayFault } from './faults';
import { decodeLatest, FrameLog } from '../test/fixtures/simTestKit';
import { createSimSource, type SimSource, type SimSourceOptions } from './simSource';

async function started(options: SimSourceOptions = {}): Promise<{ source: SimSource; log: FrameLog }> {
  const source = createSimSource({ clock: 'virtual', seed: 7, ...options });
  const log = new FrameLog();
  await source.start(log);
  log.take();
  return { source, log };
}

function run(source: SimSource, ms: number, tick = 50): void {
  for (let done = 0; done < ms; done += tick) source.advance(Math.min(tick, ms - done));
}

describe('fault injection at the sim source', () => {
  it('frame loss drops that share of frames (seeded), and clear() restores the stream', async () => {
    const { source, log } = await started();
    run(source, 20_000);
    const clean = log.take().length;
    const loss = source.faults.frameLoss(30);
    expect(loss.ok).toBe(true);
    const status = source.status();
    expect(status.faults).toEqual([{ kind: 'frame-loss', percent: 30, id: expect.any(Number), origin: 'panel', sinceS: 20, untilS: null }]);
    expect(JSON.parse(JSON.stringify(status))).toEqual(status);
    run(source, 20_000);
    const lossy = log.take().length;
    expect(clean).toBe(3500);
    expect(1 - lossy / clean).toBeGreaterThan(0.27);
    expect(1 - lossy / clean).toBeLessThan(0.33);
    expect(source.status().counters.lost).toBe(clean - lossy);
    if (loss.ok) loss.value.clear();
    expect(source.status().faults).toEqual([]);
    run(source, 20_000);
    expect(log.take().length).toBe(clean);
  });

  it('garbage frames are counted as unknown by the pipeline while the valid rest still decodes', async () => {
    const { source, log } = await started({ scenario: 'commute' });
    run(source, 20_000);
    log.take();
    const g = source.faults.garbage(200);
    expect(g.ok).toBe(true);
    run(source, 5000);
    const frames = log.take();
    const inDbc = (f: CanFrame) => source.db.messagesByKey.has(f.extended ? f.id + 0x80000000 : f.id);
    const unknown = frames.filter((f) => !inDbc(f));
    expect(source.status().counters.garbage).toBe(1000);
    // Random ids: a few land on ids the DBC has (then they are malformed frames of that message).
    expect(unknown.length).toBeGreaterThan(950);
    expect(new Set(unknown.map((f) => f.data.length)).size).toBeGreaterThan(50);
    expect(unknown.some((f) => f.extended)).toBe(true);
    expect(unknown.some((f) => f.data.length > 8 && (f.flags & FrameFlag.FD) !== 0)).toBe(true);
    expect(Math.max(...unknown.map((f) => f.data.length))).toBeLessThanOrEqual(64);
    for (let i = 1; i < frames.length; i++) expect(frames[i].t).toBeGreaterThanOrEqual(frames[i - 1].t);

    const pipeline = createFramePipeline(source.db, source.mapping);
    const out: VssUpdate[] = [];
    for (const f of frames) pipeline.onFrame(f, out);
    expect(pipeline.counters.unknownIds).toBe(unknown.length);
    expect(pipeline.counters.mapped).toBeGreaterThanOrEqual(875);
    // The valid rest still decodes: every mapped path got values, and speed is the car's.
    const speeds = out.filter((u) => u.path === 'Vehicle.Speed');
    expect(speeds.length).toBeGreaterThan(50);
    expect(speeds.at(-1)!.value).toBeCloseTo(source.signals()['Vehicle.Speed'] as number, 1);
    if (g.ok) g.value.clear();
    run(source, 1000);
    expect(log.take().every((f) => source.db.messagesByKey.has(f.id))).toBe(true);
  });

  it('a stuck signal freezes one value in the frames while the vehicle goes on', async () => {
    const { source, log } = await started({ scenario: 'highway-low-battery' });
    run(source, 10_000);
    const stuckAt = source.signals()['Vehicle.Speed'] as number;
    const stuck = source.faults.stuckSignal('Vehicle.Speed');
    expect(stuck.ok).toBe(true);
    log.take();
    run(source, 20_000);
    const frames = log.take();
    const moving = source.signals()['Vehicle.Speed'] as number;
    expect(Math.abs(moving - stuckAt)).toBeGreaterThan(10);
    const pipeline = createFramePipeline(source.db, source.mapping);
    const out: VssUpdate[] = [];
    for (const f of frames) pipeline.onFrame(f, out);
    const speeds = new Set(out.filter((u) => u.path === 'Vehicle.Speed').map((u) => u.value));
    expect([...speeds]).toEqual([stuckAt]);
    // Other values still move.
    expect(new Set(out.filter((u) => u.path === 'Vehicle.Chassis.Axle.Row1.Wheel.Left.Speed').map((u) => u.value)).size).toBeGreaterThan(5);
    if (stuck.ok) stuck.value.clear();
    run(source, 1000);
    expect(decodeLatest(source, log.take())['Vehicle.Speed']).toBeCloseTo(source.signals()['Vehicle.Speed'] as number, 1);
  });

  it('bus-off silences the bus (and refuses sends on it) until cleared', async () => {
    const { source, log } = await started();
    const off = source.faults.busOff('can0');
    expect(off.ok).toBe(true);
    source.faults.garbage(100);
    run(source, 3000);
    expect(log.take()).toEqual([]);
    await expect(source.send({ t: 0, bus: 'can0', id: 1280, extended: false, flags: 0, data: new Uint8Array(8) })).rejects.toThrow('can0 is bus-off');
    expect(source.status().counters.busOff).toBeGreaterThan(500);
    if (off.ok) off.value.clear();
    source.clearFaults();
    run(source, 1000);
    expect(log.take().length).toBe(175);
  });

  it('refuses impossible faults with a reason and hands gateway faults to the integrator', async () => {
    const calls: [GatewayFault['kind'], boolean, number?][] = [];
    const { source } = await started({
      onGatewayFault: (fault, active) => calls.push(fault.kind === 'raw-garbage' ? [fault.kind, active, fault.bytes.length] : [fault.kind, active]),
    });
    expect(source.faults.frameLoss(140)).toEqual({ ok: false, error: expect.stringMatching(/^fault refused: percent: .*100/) });
    expect(source.faults.busOff('can9')).toEqual({ ok: false, error: 'fault refused: no bus "can9" on the simulated vehicle (it has can0)' });
    expect(source.faults.stuckSignal('Vehicle.Nope')).toEqual({ ok: false, error: expect.stringContaining('Vehicle.Nope is not a signal') });
    expect(source.injectFault({ kind: 'meteor' }).ok).toBe(false);
    expect(source.injectFault({ kind: 'garbage', framesPerSecond: -1 }).ok).toBe(false);
    expect(source.status().faults).toEqual([]);

    const d = source.injectFault({ kind: 'gateway-disconnect', durationS: 2 });
    expect(d.ok).toBe(true);
    expect(source.status().faults).toEqual([{ kind: 'gateway-disconnect', durationS: 2, id: expect.any(Number), origin: 'panel', sinceS: 0, untilS: 2 }]);
    run(source, 2500);
    expect(source.status().faults).toEqual([]);
    expect(source.rawGarbage(32)).toEqual({ ok: true });
    expect(calls).toEqual([
      ['gateway-disconnect', true],
      ['gateway-disconnect', false],
      ['raw-garbage', true, 32],
    ]);
    const without = await started();
    expect(without.source.faults.gatewayDisconnect()).toEqual({ ok: false, error: expect.stringContaining('without onGatewayFault') });
    const broken = await started({
      onGatewayFault: () => {
        throw new Error('socket gone');
      },
    });
    expect(broken.source.faults.gatewayDisconnect()).toEqual({ ok: false, error: 'fault refused: the gateway could not go offline (socket gone)' });
    expect(broken.source.rawGarbage()).toEqual({ ok: false, error: 'raw garbage: the gateway refused it (socket gone)' });
    expect(broken.source.status().faults).toEqual([]);
    broken.source.onStatus(() => {
      throw new Error('panel bug');
    });
    expect(() => broken.source.injectFault({ kind: 'frame-loss', percent: 5 })).not.toThrow();
    expect(broken.log.errors).toContain('status listener failed: panel bug');
  });

  it('scenario timeline faults drive the same injector, and a seek applies only the net change', async () => {
    const calls: [string, boolean][] = [];
    const { source, log } = await started({ scenario: 'gateway-faults', onGatewayFault: (f, active) => calls.push([f.kind, active]) });
    run(source, 32_000, 100);
    expect(source.status().faults).toMatchObject([{ kind: 'gateway-disconnect', origin: 'scenario' }]);
    run(source, 5000, 100);
    expect(calls).toEqual([
      ['gateway-disconnect', true],
      ['gateway-disconnect', false],
    ]);
    expect(source.seek(65)).toEqual({ ok: true });
    expect(source.status().faults).toMatchObject([{ kind: 'frame-loss', percent: 30, origin: 'scenario' }]);
    log.take();
    run(source, 10_000);
    const lossy = log.take().length;
    expect(lossy).toBeLessThan(1750 * 0.8);
    expect(source.seek(125)).toEqual({ ok: true });
    expect(source.status().faults).toMatchObject([{ kind: 'stuck-signal', signal: 'Vehicle.Speed' }]);
    expect(source.seek(0)).toEqual({ ok: true });
    expect(source.status().faults).toEqual([]);
    expect(calls).toHaveLength(2);
  });
});
