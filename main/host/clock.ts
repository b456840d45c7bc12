// The host's clocks: a monotonic one for every age, timeout and throttle, and the wall clock only for what is displayed.

/** Milliseconds on a clock that never jumps (performance.now in this process); its origin means nothing outside it. */
export type MonotonicClock = () => number;

export const monotonicNow: MonotonicClock = () => performance.now();
