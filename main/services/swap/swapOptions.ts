// Swap stations as low-battery options beside the charging ones: compatible, a charged pack ready, open and reachable, with drive and stop minutes on the same scale the charging options use.
import type { AssistantOption } from '../../../shared/state/stationsSlice';
import type { SwapStationView } from '../../../shared/state/swapSlice';
import type { OptionProvider } from '../stations/lowBatteryAssistant';
import { arrivalSocAt, driveMinutes } from './arrival';
import { haversineM } from '../../../shared/stations/geo';

/** Availability older than this is not offered (the operator's counts move with every car). */
export const OPTION_FRESH_MS = 2 * 60_000;

export const SWAP_OPTION_PREFIX = 'swap:';

/** The option's key: the swap screen opens it (`swap:<network>/<station>`). */
export function swapOptionKey(networkId: string, stationId: string): string {
  return `${SWAP_OPTION_PREFIX}${networkId}/${stationId}`;
}

export interface SwapOptionSource {
  enabled(): boolean;
  /** Offered networks start on a need of their own (the Swap screen, a booking): the assistant asking every few seconds is not one. */
  started(): boolean;
  stations(): readonly SwapStationView[];
  /** The host's clock, for the availability's age. */
  clock(): number;
}

export function swapOptionProvider(source: SwapOptionSource): OptionProvider {
  return {
    id: 'swap',
    options({ position, context, limit }) {
      if (!source.enabled()) return [];
      if (!source.started()) return [];
      const energy = { socPercent: context.socPercent, usableKwh: context.vehicle.usableKwh, whPerKm: context.whPerKm ?? context.vehicle.ratedWhPerKm };
      const reserve = context.reservePercent ?? 10;
      const now = source.clock();
      const out: AssistantOption[] = [];
      for (const s of source.stations()) {
        if (s.readyPacks < 1 || !s.openNow || now - s.updatedSeenAt > OPTION_FRESH_MS) continue;
        const distance = haversineM(position.lat, position.lon, s.lat, s.lon);
        const arrival = arrivalSocAt(energy, distance);
        if (arrival < reserve) continue;
        out.push({
          provider: 'swap',
          key: swapOptionKey(s.networkId, s.id),
          name: s.name,
          operator: s.networkName,
          lat: s.lat,
          lon: s.lon,
          distance_m: distance,
          arrival_soc: Math.round(arrival * 10) / 10,
          drive_minutes: driveMinutes(distance),
          stop_minutes: s.waitMinutes + s.typicalSwapMinutes,
          power_w: 0,
          standard: s.packStandard,
          status: 'AVAILABLE',
          statusSeenAt: s.updatedSeenAt,
          // Counted by the operator within OPTION_FRESH_MS: as sure as a charger's recent status.
          tier: 0,
        });
      }
      const score = (o: AssistantOption) => (o.drive_minutes ?? 0) + (o.stop_minutes ?? 0);
      return out.sort((a, b) => score(a) - score(b)).slice(0, limit);
    },
  };
}
