// The low-battery assistant's rules: amber at the driver's threshold, red at the critical one, by SoC or by the SoC predicted at the best station; once per crossing; dismissable; providers merged.
import { describe, expect, it } from 'vitest';
import type { AssistantOption, AssistantState } from '../../../shared/state/stationsSlice';
import { createLowBatteryAssistant, DEFAULT_ASSISTANT_THRESHOLDS as T, nextAssistantState, type OptionProvider } from './lowBatteryAssistant';
import type { VehicleContext } from '../../../shared/stations/search';

const quiet: AssistantState = { status: 'quiet', ...T };
const option = (key: string, arrival: number, extra: Partial<AssistantOption> = {}): AssistantOption => ({
  provider: 'charging',
  key,
  name: key,
  lat: 31,
  lon: 121,
  distance_m: 1000,
  arrival_soc: arrival,
  power_w: 120_000,
  standard: 'GBT_DC',
  status: 'AVAILABLE',
  statusSeenAt: 0,
  tier: 0,
  ...extra,
});
const see = (soc: number | null, bestArrival: number | null = null) => ({ soc, bestArrival, thresholds: T });

describe('nextAssistantState', () => {
  it('stays quiet above the threshold', () => {
    expect(nextAssistantState(quiet, see(45, 44), [], 0)).toEqual(quiet);
  });

  it('warns amber at the threshold (at or below, as Home does) and starts crossing 1 with the options', () => {
    const options = [option('a', 19)];
    const next = nextAssistantState(quiet, see(20, 19), options, 0);
    expect(next).toMatchObject({ status: 'warning', level: 'low', cause: 'soc', crossing: 1, dismissed: false, options });
  });

  it('warns by the predicted arrival SoC while the SoC itself is still above the threshold', () => {
    const next = nextAssistantState(quiet, see(26, 18), [option('far', 18)], 0);
    expect(next).toMatchObject({ status: 'warning', level: 'low', cause: 'arrival', arrivalSoc: 18 });
  });

  it('a dismissal holds while the level stays; going red is a new crossing, offered again', () => {
    const amber = nextAssistantState(quiet, see(19), [], 0);
    const dismissed = { ...(amber as Extract<AssistantState, { status: 'warning' }>), dismissed: true };
    expect(nextAssistantState(dismissed, see(17), [], 1)).toMatchObject({ level: 'low', crossing: 1, dismissed: true });
    expect(nextAssistantState(dismissed, see(10), [], 1)).toMatchObject({ level: 'critical', crossing: 2, dismissed: false });
  });

  it('ends only above the threshold plus hysteresis, and the next drop is a new crossing', () => {
    const amber = nextAssistantState(quiet, see(19), [], 0);
    expect(nextAssistantState(amber, see(21), [], 1)).toMatchObject({ status: 'warning', crossing: 1 });
    const after = nextAssistantState(amber, see(23), [], 1);
    expect(after).toEqual(quiet);
    expect(nextAssistantState(after, see(20), [], 1)).toMatchObject({ status: 'warning', crossing: 2, dismissed: false });
  });

  it('holds a warning while the SoC is unknown for a moment, and never starts one without a SoC', () => {
    const amber = nextAssistantState(quiet, see(19), [], 0);
    expect(nextAssistantState(amber, see(null), [], 1)).toMatchObject({ status: 'warning', crossing: 1 });
    expect(nextAssistantState(quiet, see(null, 5), [], 0)).toEqual(quiet);
  });

  it('follows the driver\'s thresholds', () => {
    const next = nextAssistantState(quiet, { soc: 28, bestArrival: null, thresholds: { lowPercent: 30, criticalPercent: 15 } }, [], 0);
    expect(next).toMatchObject({ status: 'warning', level: 'low', lowPercent: 30, criticalPercent: 15 });
  });
});

describe('the assistant with option providers', () => {
  const context = { vehicle: { usableKwh: 75, dcCurve: [], maxAcKw: 7, maxDcKw: 140, standards: ['GBT_DC'], ratedWhPerKm: 165 }, socPercent: 15 } as VehicleContext;
  const at = { lat: 31.2, lon: 121.5 };

  it('offers the best three across providers (surer to be free first, then sooner on the way), and survives one that fails', async () => {
    const changes: AssistantState[] = [];
    const lines: string[] = [];
    const assistant = createLowBatteryAssistant({ onChange: (s) => changes.push(s), report: (l) => lines.push(l) });
    const charging: OptionProvider = { id: 'charging', options: () => [option('c1', 14, { drive_minutes: 5, stop_minutes: 30 }), option('c2', 13, { drive_minutes: 9, stop_minutes: 30, tier: 1 }), option('c3', 12, { drive_minutes: 12, stop_minutes: 30 })] };
    const swap: OptionProvider = { id: 'swap', options: async () => [option('s1', 13, { provider: 'swap', drive_minutes: 8, stop_minutes: 5 })] };
    const broken: OptionProvider = {
      id: 'broken',
      options: () => {
        throw new Error('operator down');
      },
    };
    assistant.addProvider(charging);
    const remove = assistant.addProvider(swap);
    assistant.addProvider(broken);
    const state = await assistant.update({ position: at, context, thresholds: T });
    expect(state.status === 'warning' && state.options.map((o) => o.key)).toEqual(['s1', 'c1', 'c3']);
    expect(lines.join('\n')).toContain('broken failed: operator down');
    remove();
    const again = await assistant.update({ position: at, context, thresholds: T });
    expect(again.status === 'warning' && again.options.map((o) => o.key)).toEqual(['c1', 'c3', 'c2']);
    expect(changes.length).toBe(2);
  });

  it('dismisses once per crossing', async () => {
    const assistant = createLowBatteryAssistant({ onChange: () => undefined, report: () => undefined });
    await assistant.update({ position: at, context, thresholds: T });
    expect(assistant.dismiss()).toBe(true);
    expect(assistant.dismiss()).toBe(false);
    expect(assistant.state()).toMatchObject({ status: 'warning', dismissed: true });
  });
});
