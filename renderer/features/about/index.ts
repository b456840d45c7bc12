// About feature entry.
export { AboutScreen } from './AboutScreen';
