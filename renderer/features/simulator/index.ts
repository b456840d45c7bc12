// Simulator feature: the developer control panel, shown only in simulation with a simulated vehicle attached.
export { SimulatorScreen } from './SimulatorScreen';
export { selectSimulatorShown } from './selectSimulatorShown';
