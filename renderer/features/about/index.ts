// About feature entry.
export { AboutScreen } from './AboutScreen';
export { aboutScreen } from './screen';
