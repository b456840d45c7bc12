// Home feature: the car at a glance.
export { HomeScreen } from './HomeScreen';
export { homeScreen } from './screen';
