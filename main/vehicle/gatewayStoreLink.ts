// Mirrors a gateway client's link state and diagnostics counters into the connection slice of the host store.
import type { UnknownAction } from '@reduxjs/toolkit';
import { gatewayDiagnosticsSampled, gatewayLinkChanged, type GatewayDiagnostics } from '../../shared/state/connectionSlice';
import type { GatewayClient } from './gatewayClient';

export interface GatewayStoreLinkOptions {
  /** How often the counters are sampled into the store (they change at frame rate; the UI needs far less). */
  sampleMs?: number;
  /** Counters the decoder keeps (frames it could not use), added to the client's own. */
  decoderCounters?: () => { malformed: number; unknownIds: number };
}

/** Starts mirroring; returns a function that stops it. Actions are dispatched only when something changed. */
export function linkGatewayToStore(
  client: GatewayClient,
  dispatch: (action: UnknownAction) => unknown,
  options: GatewayStoreLinkOptions = {},
): () => void {
  let lastLink = '';
  let lastDiagnostics = '';
  const link = () => {
    const value = client.link();
    const key = JSON.stringify(value);
    if (key !== lastLink) {
      lastLink = key;
      dispatch(gatewayLinkChanged(value));
    }
  };
  const sample = () => {
    const d = client.diagnostics();
    const decoder = options.decoderCounters?.() ?? { malformed: 0, unknownIds: 0 };
    const value: GatewayDiagnostics = {
      frames: d.frames,
      bytes: d.bytes,
      dropped: d.dropped,
      malformed: d.malformed + decoder.malformed,
      unknownIds: d.unknownIds + decoder.unknownIds,
      reconnects: d.reconnects,
    };
    const key = JSON.stringify(value);
    if (key !== lastDiagnostics) {
      lastDiagnostics = key;
      dispatch(gatewayDiagnosticsSampled(value));
    }
  };
  link();
  sample();
  const off = client.on('state', () => {
    link();
    sample();
  });
  const timer = setInterval(sample, options.sampleMs ?? 1000);
  timer.unref();
  return () => {
    off();
    clearInterval(timer);
  };
}
