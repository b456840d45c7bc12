// The gateway's public surface for the CLI, `cabin start --replay` and the simulator's source.
export { startGateway, GATEWAY_NAME, GATEWAY_VERSION, type GatewayOptions, type GatewayStats, type RunningGateway } from './server';
export type { FrameSink, FrameSource } from './source';
export { sourceKinds, type SourceKind, type SourceSpec } from './sources';
export { createReplaySource, loadCandumpLog, replayFrames, type ReplayLog, type ReplayOptions } from './sources/replay';
export { createSocketCanSource, type SocketCanOptions } from './sources/socketcan';
