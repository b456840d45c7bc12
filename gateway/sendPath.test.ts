// Tests of the gateway's send path: allowlist refusals naming the id, burst then rate, a bounded queue, and nothing sent for a client that left.
import { describe, expect, it } from 'vitest';
import type { CanFrame } from '../shared/can/frame';
import { createSendPath, type SendPolicy } from './sendPath';

const frame = (id: number, data = 0, bus = 'can0'): CanFrame => ({ t: 0, bus, id, extended: false, flags: 0, data: new Uint8Array([data]) });

function rig(policy: Partial<SendPolicy>, write?: (f: CanFrame) => Promise<void>) {
  const written: { frame: CanFrame; at: number }[] = [];
  const path = createSendPath({
    policy: { allow: 'any', ratePerBus: 1000, burstPerBus: 10, queuePerBus: 10, ...policy },
    write: write ?? (async (f) => void written.push({ frame: f, at: performance.now() })),
  });
  return { path, written };
}

describe('send path', () => {
  it('refuses ids off the allowlist, and everything on a read-only gateway, naming the id', () => {
    const { path } = rig({ allow: [{ id: 0x3a0, extended: false }, { id: 0x18daf110, extended: true }] });
    expect(path.refusal({ id: 0x3a0, extended: false })).toBeNull();
    expect(path.refusal({ id: 0x18daf110, extended: true })).toBeNull();
    expect(path.refusal({ id: 0x3a1, extended: false })).toBe("send refused: id 0x3A1 is not on this gateway's send allowlist");
    // Same number, other id format: a different message.
    expect(path.refusal({ id: 0x3a0, extended: true })).toBe("send refused: id 0x000003A0 (29-bit) is not on this gateway's send allowlist");
    const readOnly = rig({ allow: 'none' }).path;
    expect(readOnly.refusal({ id: 0x3a0, extended: false })).toBe(
      'send refused: id 0x3A0 not sent; this gateway is read-only (started without a send allowlist: --vehicle ID or --allow-ids)',
    );
    expect(path.stats().refusedNotAllowed).toBe(2);
    expect(rig({ allow: 'any' }).path.refusal({ id: 0x7ff, extended: false })).toBeNull();
  });

  it('sends a burst at once, then keeps to the rate; a full queue refuses at once, in order otherwise', async () => {
    const { path, written } = rig({ ratePerBus: 50, burstPerBus: 2, queuePerBus: 3 });
    const owner = {};
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => path.submit(frame(0x100, i), owner)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'rejected']);
    expect((results[4] as PromiseRejectedResult).reason.message).toBe(
      'send refused: the can0 send queue is full (3 frames waiting at 50 frames/s); id 0x100 not sent',
    );
    expect(written.map((w) => w.frame.data[0])).toEqual([0, 1, 2, 3]);
    // Two from the burst, then one per 20 ms: the fourth is at least ~40 ms after the first (timers never fire early).
    expect(written[3].at - written[0].at).toBeGreaterThanOrEqual(38);
    expect(path.stats()).toMatchObject({ sent: 4, refusedQueueFull: 2, queued: 0 });
  });

  it('keeps buses apart: a full queue on one bus does not refuse another', async () => {
    const { path, written } = rig({ ratePerBus: 5, burstPerBus: 1, queuePerBus: 0 });
    const owner = {};
    await path.submit(frame(1, 0, 'can0'), owner);
    await expect(path.submit(frame(1, 1, 'can0'), owner)).rejects.toThrow('the can0 send queue is full');
    await path.submit(frame(1, 2, 'can1'), owner);
    expect(written.map((w) => w.frame.bus)).toEqual(['can0', 'can1']);
    path.close();
  });

  it('drops the queued frames of a client that left; they are never written', async () => {
    const { path, written } = rig({ ratePerBus: 1, burstPerBus: 1, queuePerBus: 5 });
    const gone = {};
    const stays = {};
    const first = path.submit(frame(1, 1), gone);
    const second = path.submit(frame(1, 2), gone);
    const third = path.submit(frame(1, 3), stays);
    await first;
    path.dropOwner(gone);
    await expect(second).rejects.toThrow('send dropped: the client disconnected before its turn');
    expect(path.stats()).toMatchObject({ droppedForDisconnect: 1, queued: 1 });
    path.close();
    await expect(third).rejects.toThrow('send dropped: the gateway is closing');
    expect(written.map((w) => w.frame.data[0])).toEqual([1]);
    await expect(path.submit(frame(1, 4), stays)).rejects.toThrow('send refused: the gateway is closing');
  });

  it('reports a failed bus write as send failed', async () => {
    const { path } = rig({}, async () => {
      throw new Error('canplayer for can0 exited (code 1): write: Network is down');
    });
    await expect(path.submit(frame(1), {})).rejects.toThrow('send failed: canplayer for can0 exited (code 1): write: Network is down');
    expect(path.stats().sent).toBe(0);
  });

  it('refuses a policy that cannot work', () => {
    expect(() => rig({ ratePerBus: 0 })).toThrow('send rate must be a positive number of frames per second, got 0');
  });
});
