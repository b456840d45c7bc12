// The Charging screens' intents (stations.*), with the last refusal to show.
import type { IntentName } from '../../../shared/ipc/intents';
import { useIntent } from '../../app/useIntent';

export const useStationsIntent = () => useIntent<Extract<IntentName, `stations.${string}`>>('charging.refused');
