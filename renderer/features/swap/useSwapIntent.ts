// The Swap screens' intents (swap.* and reservations.*), with the last refusal to show and the one in flight.
import type { IntentName } from '../../../shared/ipc/intents';
import { useIntent } from '../../app/useIntent';

export const useSwapIntent = () => useIntent<Extract<IntentName, `swap.${string}` | `reservations.${string}`>>('swap.refused');
