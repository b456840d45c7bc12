// The simulated EV behind a real gateway on loopback: the host's client and frame pipeline see the car, its write path and its gateway faults.
import { afterEach, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../gateway/server';
import { sendAllowlistFromMapping } from '../../shared/gateway/allowlist';
import { createGatewayClient, type GatewayClient } from '../../main/vehicle/gatewayClient';
import { encodeMessage } from '../../shared/can/dbcEncode';
import type { VssValue } from '../../shared/vehicle/vssValue';
import { createFramePipeline } from '../../shared/vehicle/framePipeline';
import { createVssToDbc, type VssUpdate } from '../../shared/vehicle/mappingRuntime';
import type { GatewayFault } from '../../simulator/faults';
import { createSimSource, type SimSource, type SimSourceOptions } from '../../simulator/simSource';

const stops: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (stops.length) await stops.pop()!();
});

interface Rig {
  source: SimSource;
  gateway: RunningGateway;
  client: GatewayClient;
  /** Latest VSS value per path as the host decodes it. */
  values: Map<string, VssValue>;
  /** Resolves when `test` holds for the decoded values (checked on every batch). */
  until(test: (values: Map<string, VssValue>) => boolean, what: string): Promise<void>;
}

async function rig(options: SimSourceOptions = {}): Promise<Rig> {
  let gateway: RunningGateway | null = null;
  const onGatewayFault = (fault: GatewayFault, active: boolean) => {
    if (fault.kind === 'gateway-disconnect') gateway?.setOffline(active);
    else if (active) gateway?.injectRawBatch(fault.bytes);
  };
  const source = createSimSource({ onGatewayFault, ...options });
  // The gateway lets through only the messages the vehicle's mapping writes, as `cabin gateway --vehicle cabin-ev` does.
  gateway = await startGateway({ source, sendAllowlist: sendAllowlistFromMapping(source.mapping) });
  stops.push(() => gateway!.close());
  const pipeline = createFramePipeline(source.db, source.mapping);
  const values = new Map<string, VssValue>();
  const waiters = new Set<() => void>();
  const out: VssUpdate[] = [];
  const client = createGatewayClient({
    url: gateway.url,
    token: gateway.token,
    reconnect: { initialMs: 50, maxMs: 200 },
    onFrames(frames) {
      for (const f of frames) {
        out.length = 0;
        pipeline.onFrame(f, out);
        for (const u of out) values.set(u.path, u.value);
      }
      for (const w of waiters) w();
    },
  });
  stops.push(() => client.close());
  client.connect();
  const until: Rig['until'] = (test, what) =>
    new Promise((resolve, reject) => {
      const check = () => {
        if (!test(values)) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve();
      };
      // A guard against hanging forever, not a timing assertion: normally it takes one frame cycle.
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}; last values: ${JSON.stringify(Object.fromEntries(values))}`));
      }, 5000);
      waiters.add(check);
      check();
    });
  return { source, gateway, client, values, until };
}

const num = (v: VssValue | undefined) => (typeof v === 'number' ? v : NaN);

describe('sim source behind the gateway', () => {
  it('the client sees the parked car: gear P, speed 0, its SoC', async () => {
    const { until, gateway, source } = await rig();
    await until(
      (v) =>
        v.get('Vehicle.Powertrain.Transmission.SelectedGear') === 126 &&
        v.get('Vehicle.Speed') === 0 &&
        num(v.get('Vehicle.Powertrain.TractionBattery.StateOfCharge.Current')) === 78,
      'the parked car',
    );
    expect(gateway.stats().sourceErrors).toBe(0);
    expect(source.status()).toMatchObject({ scenario: null, playing: true });
  });

  it('with a scenario at ×60 the speed rises', async () => {
    const { until } = await rig({ scenario: 'highway-low-battery', acceleration: 60 });
    await until((v) => v.get('Vehicle.Powertrain.Transmission.SelectedGear') === 127, 'gear D');
    await until((v) => num(v.get('Vehicle.Speed')) > 30, 'speed above 30 km/h');
  });

  it('a command sent through the gateway moves the seat and the read-back shows it; other messages are refused', async () => {
    const { until, client, source } = await rig({ acceleration: 60 });
    await client.waitFor('connected');
    const write = createVssToDbc(source.mapping).encode('Vehicle.Cabin.Seat.Row1.DriverSide.Position', 200);
    if (!write.ok) throw new Error(write.error);
    const { message, signals } = write.value;
    const ack = await client.send({ bus: 'can0', id: message.id, extended: false, flags: 0, data: encodeMessage(message, signals) }, { feature: 'test' });
    expect(ack).toEqual({ ok: true });
    await until((v) => v.get('Vehicle.Cabin.Seat.Row1.DriverSide.Position') === 200, 'the seat at 200 mm');
    const refused = await client.send({ bus: 'can0', id: 256, extended: false, flags: 0, data: new Uint8Array(8) }, { feature: 'test' });
    // VCU_Drive (0x100) is the car's own message: the gateway's allowlist stops it before the bus.
    expect(refused).toEqual({ ok: false, error: "send refused: id 0x100 is not on this gateway's send allowlist" });
  });

  it('a gateway-disconnect fault drops the client, which comes back when it is cleared', async () => {
    const { client, source, until } = await rig();
    await client.waitFor('connected');
    const fault = source.injectFault({ kind: 'gateway-disconnect' });
    expect(fault.ok).toBe(true);
    await client.waitFor('disconnected');
    if (fault.ok) source.clearFault(fault.value);
    await client.waitFor('connected');
    const before = client.diagnostics().frames;
    await until(() => client.diagnostics().frames > before, 'frames after the reconnect');
    expect(source.rawGarbage(48)).toEqual({ ok: true });
    await until(() => client.diagnostics().malformed > 0, 'the raw garbage batch counted as malformed');
  });
});
