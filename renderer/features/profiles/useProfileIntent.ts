// The Profiles screens' intents (profiles.*), with the last refusal to show.
import type { IntentName } from '../../../shared/ipc/intents';
import { useIntent } from '../../app/useIntent';

export const useProfileIntent = () => useIntent<Extract<IntentName, `profiles.${string}`>>('profiles.refused');
