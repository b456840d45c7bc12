// Proves the lint rules that keep the layers apart actually fire (and stay quiet for allowed imports).
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { projectRoot } from '../fixtures/corpus';

const eslint = new ESLint({ cwd: projectRoot });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

describe('import boundaries and i18n lint', () => {
  it.each([
    ['shared importing main', 'shared/state/probe.ts', `import { createHost } from '../../main/host/createHost';\nexport const x = createHost;\n`, 'import-x/no-restricted-paths'],
    ['shared importing node:fs', 'shared/state/probe.ts', `import { readFile } from 'node:fs';\nexport const x = readFile;\n`, 'no-restricted-imports'],
    ['shared importing react', 'shared/state/probe.ts', `import { useState } from 'react';\nexport const x = useState;\n`, 'no-restricted-imports'],
    ['renderer importing main', 'renderer/app/probe.ts', `import { createHost } from '../../main/host/createHost';\nexport const x = createHost;\n`, 'import-x/no-restricted-paths'],
    ['renderer importing electron', 'renderer/app/probe.ts', `import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n`, 'no-restricted-imports'],
    ['renderer importing node:path', 'renderer/app/probe.ts', `import { join } from 'node:path';\nexport const x = join;\n`, 'no-restricted-imports'],
    ['host importing electron', 'main/host/probe.ts', `import { app } from 'electron';\nexport const x = app;\n`, 'no-restricted-imports'],
    ['host importing the Electron adapter', 'main/host/probe.ts', `import { createMainWindow } from '../electron/window';\nexport const x = createMainWindow;\n`, 'import-x/no-restricted-paths'],
    ['main importing the renderer', 'main/host/probe.ts', `import { App } from '../../renderer/app/App';\nexport const x = App;\n`, 'import-x/no-restricted-paths'],
    ['gateway importing main', 'gateway/probe.ts', `import { createHost } from '../main/host/createHost';\nexport const x = createHost;\n`, 'import-x/no-restricted-paths'],
    ['simulator importing main', 'simulator/probe.ts', `import { createHost } from '../main/host/createHost';\nexport const x = createHost;\n`, 'import-x/no-restricted-paths'],
    // Allow-lists: the host, its services, the vehicle link and the Electron adapter reach the car through ports.
    ['a host service importing the simulator', 'main/services/vehicle/probe.ts', `import { createSimSource } from '../../../simulator/simSource';\nexport const x = createSimSource;\n`, 'import-x/no-restricted-paths'],
    ['the host importing the gateway', 'main/host/probe.ts', `import { startGateway } from '../../gateway/server';\nexport const x = startGateway;\n`, 'import-x/no-restricted-paths'],
    ['the vehicle link importing the simulator', 'main/vehicle/probe.ts', `import { createSimSource } from '../../simulator/simSource';\nexport const x = createSimSource;\n`, 'import-x/no-restricted-paths'],
    ['the Electron adapter importing the CLI', 'main/electron/probe.ts', `import { startVehicleFromFlags } from '../cli/start/vehicleStarter';\nexport const x = startVehicleFromFlags;\n`, 'import-x/no-restricted-paths'],
    ['the Electron adapter importing the gateway', 'main/electron/probe.ts', `import { startGateway } from '../../gateway/server';\nexport const x = startGateway;\n`, 'import-x/no-restricted-paths'],
    ['the web server importing the simulator', 'main/web/probe.ts', `import { createSimSource } from '../../simulator/simSource';\nexport const x = createSimSource;\n`, 'import-x/no-restricted-paths'],
    ['shared importing the test fixtures', 'shared/state/probe.ts', `import { until } from '../../test/fixtures/until';\nexport const x = until;\n`, 'import-x/no-restricted-paths'],
    ['the simulator importing the gateway', 'simulator/probe.ts', `import { startGateway } from '../gateway/server';\nexport const x = startGateway;\n`, 'import-x/no-restricted-paths'],
    ['the swap operator importing the host', 'swap-operator/probe.ts', `import { createHost } from '../main/host/createHost';\nexport const x = createHost;\n`, 'import-x/no-restricted-paths'],
    ['literal text in JSX', 'renderer/app/Probe.tsx', `export function Probe() {\n  return <p>Hello driver</p>;\n}\n`, 'react/jsx-no-literals'],
  ])('%s fails lint', async (_name, file, code, rule) => {
    expect(await ruleIds(file, code)).toContain(rule);
  });

  it.each([
    ['renderer importing shared', 'renderer/app/probe.ts', `import { rootReducer } from '../../shared/state/rootReducer';\nexport const x = rootReducer;\n`],
    ['main/electron importing electron and the host', 'main/electron/probe.ts', `import { app } from 'electron';\nimport { createHost } from '../host/createHost';\nexport const x = [app, createHost];\n`],
    ['the CLI starting the simulator and a gateway', 'main/cli/start/probe.ts', `import { createSimSource } from '../../../simulator/simSource';\nimport { startGateway } from '../../../gateway/server';\nexport const x = [createSimSource, startGateway];\n`],
    ['the Electron entry taking the CLI\'s vehicle starter', 'main/electron/index.ts', `import { startVehicleFromFlags } from '../cli/start/vehicleStarter';\nexport const x = startVehicleFromFlags;\n`],
    ['a host service using the VehicleCommands port and the host', 'main/services/vehicle/probe.ts', `import { createVehicleCommands } from './vehicleCommands';\nimport { IntentRefused } from '../../host/intentRouter';\nexport const x = [createVehicleCommands, IntentRefused];\n`],
    ['translated JSX', 'renderer/app/Probe.tsx', `import { useTranslation } from 'react-i18next';\nexport function Probe() {\n  const { t } = useTranslation();\n  return <p>{t('app.loading')}</p>;\n}\n`],
  ])('%s passes lint', async (_name, file, code) => {
    expect(await ruleIds(file, code)).toEqual([]);
  });
});
