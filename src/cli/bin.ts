#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';

import { followHeapGrowth } from './heap-growth.js';
import { V8_FLAGS } from './v8-flags.js';

// Before anything else loads: see v8-flags.ts.
setFlagsFromString(V8_FLAGS);
followHeapGrowth();

const { main } = await import('./main.js');
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`rotwatch: internal error: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 2;
  },
);
