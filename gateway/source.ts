// Frame sources are typed in shared/gateway/source.ts so the simulator can implement one; re-exported here for the gateway's own modules.
export type { FrameSink, FrameSource } from '../shared/gateway/source';
