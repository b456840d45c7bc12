#!/usr/bin/env node
// The `cabin` command: runs the TypeScript CLI through tsx, so it works on a fresh checkout without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
