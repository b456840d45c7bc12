// The list of benchmark suites `npm run bench` runs, in order.
import { canCliSuite } from './canCli';
import { canDecodeSuite } from './canDecode';
import { canParseSuite } from './canParse';
import { gatewaySuite } from './gateway';
import { candumpSuite } from './gatewayCandump';
import { replayMemorySuite } from './gatewayReplayMemory';
import type { BenchSuite } from './harness';
import { hostPipelineSuite } from './hostPipeline';
import { mappingSuite } from './mapping';
import { simulatorSuite } from './simulator';
import { stationsSuite } from './stations';
import { stationsMapSuite } from './stationsMap';
import { paintLatencySuite } from './paintLatency';
import { swapOperatorSuite } from './swapOperator';

export const suites: BenchSuite[] = [gatewaySuite, hostPipelineSuite, candumpSuite, mappingSuite, canDecodeSuite, canParseSuite, canCliSuite, paintLatencySuite, simulatorSuite, replayMemorySuite, swapOperatorSuite, stationsSuite, stationsMapSuite];
