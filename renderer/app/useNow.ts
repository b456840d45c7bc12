// Clocks for screens: the host's monotonic time for ages and staleness, the wall clock only for what is displayed as a time of day.
import { useEffect, useState } from 'react';
import { hostNow } from './hostClock';

function useTicking(read: () => number, intervalMs: number): number {
  const [now, setNow] = useState(read);
  useEffect(() => {
    const timer = setInterval(() => setNow(read()), intervalMs);
    return () => clearInterval(timer);
  }, [read, intervalMs]);
  return now;
}

/** The host's clock (for `seenAt` and other ages in the state); re-renders every `intervalMs`. */
export function useNow(intervalMs = 1000): number {
  return useTicking(hostNow, intervalMs);
}

const wallNow = () => Date.now();

/** The wall clock, for the status bar's clock and time-of-day decisions only. */
export function useWallClock(intervalMs = 1000): number {
  return useTicking(wallNow, intervalMs);
}
