// Which station the Charging screen shows in detail: set by a tap on Home's map or the low-battery options, so one tap opens it.
import { useSyncExternalStore } from 'react';

let selected: string | null = null;
const listeners = new Set<() => void>();

export function selectStation(key: string | null): void {
  if (key === selected) return;
  selected = key;
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export function useSelectedStation(): string | null {
  return useSyncExternalStore(subscribe, () => selected);
}
