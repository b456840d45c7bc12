// Which swap station the Swap screen opens: set by a tap on a station, or on a swap option of the low-battery assistant, so one tap shows its terms.
import { useSyncExternalStore } from 'react';
import { packStandardInfo } from '../../../shared/swap/packStandards';

/** A low-battery option from the swap provider carries this prefix: `swap:<network>/<station>`. */
export const SWAP_OPTION_PREFIX = 'swap:';

export interface SwapStationRef {
  networkId: string;
  stationId: string;
}

let selected: SwapStationRef | null = null;
const listeners = new Set<() => void>();

export function selectSwapStation(ref: SwapStationRef | null): void {
  if (ref?.networkId === selected?.networkId && ref?.stationId === selected?.stationId) return;
  selected = ref;
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export function useSelectedSwapStation(): SwapStationRef | null {
  return useSyncExternalStore(subscribe, () => selected);
}

export function isSwapOption(key: string): boolean {
  return key.startsWith(SWAP_OPTION_PREFIX);
}

/** Opens a swap option of the low-battery assistant: the caller then shows the Swap screen. */
export function openSwapOption(key: string): void {
  const m = /^swap:([^/]+)\/(.+)$/.exec(key);
  if (m) selectSwapStation({ networkId: m[1], stationId: m[2] });
}

/** The facts line of a swap option in the low-battery panel: the pack standard swapped and the minutes it takes. */
export function swapOptionLine(t: unknown, option: { standard: string; stop_minutes?: number }): string {
  const translate = t as (key: string, params: Record<string, string | number>) => string;
  return translate('swap.assistant.option', { standard: packStandardInfo(option.standard)?.label ?? option.standard, minutes: Math.max(1, Math.round(option.stop_minutes ?? 0)) });
}
