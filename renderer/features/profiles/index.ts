// Profiles feature entry.
export { ProfilesScreen } from './ProfilesScreen';
export { profilesScreen } from './screen';
