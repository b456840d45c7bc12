// Reads one VSS signal from the replica with its freshness and age, for showing stale data as stale.
import { signalFreshness, type Freshness, type SignalValue } from '../../../shared/state/vehicleSlice';
import { useAppSelector } from '../../app/store';

export interface LiveSignal<T extends SignalValue> {
  value: T | null;
  freshness: Freshness;
  ageMs: number;
}

export function useSignal<T extends SignalValue>(path: string, now: number): LiveSignal<T> {
  const sample = useAppSelector((s) => s.vehicle.signals[path]);
  const freshness = signalFreshness(sample, now);
  return {
    value: sample ? (sample.value as T) : null,
    freshness,
    ageMs: sample ? Math.max(0, now - sample.seenAt) : Infinity,
  };
}
