// The swap networks the car talks to: offered ones (started on first need, e.g. the simulation's), attached ones with their protocol client, and how each answers (connecting, online, unreachable) with its clock offset.
import type { NetworkLink, SwapNetworkView, SwapProblem } from '../../../shared/state/swapSlice';
import { createOperatorClient, type OperatorAnswer, type OperatorClient, type OperatorFailure } from './operatorClient';
import { problemOf } from './views';

/** Where a network is reached: its base URL and this car's bearer token (never logged). */
export interface SwapNetworkConfig {
  id: string;
  name: string;
  url: string;
  token: string;
}

/** Networks that exist but are started only when the car needs them (starting one may take seconds). */
export interface NetworkOffer {
  networks: Array<{ id: string; name: string }>;
  start(): Promise<SwapNetworkConfig[]>;
}

export interface Network {
  id: string;
  name: string;
  client: OperatorClient | null;
  link: NetworkLink;
  offsetMs: number;
}

export interface Networks {
  offer(offer: NetworkOffer): () => void;
  attach(config: SwapNetworkConfig): () => void;
  /** Starts offered networks that have not been started (once); resolves when they are attached or failed. */
  ensureStarted(): Promise<void>;
  list(): Network[];
  get(id: string): Network | undefined;
  /** Records an answer (online, clock offset) or a failure (unreachable after a transport failure). */
  observe<T>(id: string, answer: OperatorAnswer<T>, stations?: number): OperatorAnswer<T>;
  views(): SwapNetworkView[];
}

export interface NetworksOptions {
  clock: () => number;
  wallClock: () => number;
  report: (line: string) => void;
  onChange: () => void;
  /** Per-request timeout for the clients (tests shorten it). */
  timeoutMs?: number;
}

export function createNetworks(options: NetworksOptions): Networks {
  const { clock, report, onChange } = options;
  const networks = new Map<string, Network>();
  const offers: Array<{ offer: NetworkOffer; started: Promise<void> | null }> = [];

  const setLink = (n: Network, link: NetworkLink) => {
    n.link = link;
    onChange();
  };

  const attach = (config: SwapNetworkConfig) => {
    const client = createOperatorClient({ url: config.url, token: config.token, now: options.wallClock, timeoutMs: options.timeoutMs });
    const existing = networks.get(config.id);
    const n: Network = existing ?? { id: config.id, name: config.name, client, link: { state: 'connecting' }, offsetMs: 0 };
    n.client = client;
    n.name = config.name;
    n.link = { state: 'connecting' };
    networks.set(config.id, n);
    report(`swap: network ${config.id} (${config.name}) at ${config.url}`);
    onChange();
    return () => {
      if (networks.get(config.id)?.client === client) {
        networks.delete(config.id);
        onChange();
      }
    };
  };

  return {
    offer(offer) {
      const entry = { offer, started: null as Promise<void> | null };
      offers.push(entry);
      for (const n of offer.networks) if (!networks.has(n.id)) networks.set(n.id, { id: n.id, name: n.name, client: null, link: { state: 'connecting' }, offsetMs: 0 });
      onChange();
      return () => {
        offers.splice(offers.indexOf(entry), 1);
        for (const n of offer.networks) if (networks.get(n.id)?.client === null) networks.delete(n.id);
        onChange();
      };
    },
    attach,
    async ensureStarted() {
      await Promise.all(
        offers.map((entry) => {
          entry.started ??= entry.offer
            .start()
            .then((configs) => {
              if (!offers.includes(entry)) return;
              for (const c of configs) attach(c);
            })
            .catch((error: Error) => {
              const problem: SwapProblem = { key: 'swap.problems.notStarted', message: error.message };
              report(`swap: networks could not start: ${error.message}`);
              for (const n of entry.offer.networks) {
                const net = networks.get(n.id);
                if (net && !net.client) setLink(net, { state: 'unreachable', since: clock(), problem });
              }
            });
          return entry.started;
        }),
      );
    },
    list: () => [...networks.values()],
    get: (id) => networks.get(id),
    observe(id, answer, stations) {
      const n = networks.get(id);
      if (!n) return answer;
      if (answer.ok) {
        n.offsetMs = answer.clockOffsetMs;
        const count = stations ?? (n.link.state === 'online' ? n.link.stations : 0);
        if (n.link.state !== 'online' || stations !== undefined) setLink(n, { state: 'online', seenAt: clock(), stations: count });
        else n.link = { state: 'online', seenAt: clock(), stations: count };
        return answer;
      }
      if (isTransport(answer.failure) && n.link.state !== 'unreachable') {
        report(`swap: network ${id} unreachable: ${answer.failure.message}`);
        setLink(n, { state: 'unreachable', since: clock(), problem: problemOf(answer.failure, n.name) });
      }
      return answer;
    },
    views: () => [...networks.values()].map((n) => ({ id: n.id, name: n.name, link: n.link, clockOffsetMs: Math.round(n.offsetMs) })),
  };
}

/** Failures that say the operator cannot be talked to now (as opposed to an answer it gave). */
export function isTransport(failure: OperatorFailure): boolean {
  return failure.kind === 'unreachable' || failure.kind === 'lost';
}
