/**
 * Preload entry: `node --require statscope/register app.js` (or `--import`); see `preload.ts` for
 * what it does. Node's module hooks thread runs `--require` preloads too, and the preload must do
 * nothing there (no second SDK, no second /metrics server). `preload.ts` is required rather than
 * imported, so that esbuild evaluates it, SDK and all, only past that check: the hooks thread, which
 * the program waits for at startup, then costs little. Never throws into the program.
 */
import { isModuleHooksThread } from './module-hooks-thread';
import type * as Preload from './preload';

if (!isModuleHooksThread()) {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose, see above.
    const preload = require('./preload') as typeof Preload;
    // This file is the CJS bundle in the runtime's dist folder, where the ESM resolve hook sits.
    preload.startPreload(__dirname);
  } catch {
    // The bundle itself failed to evaluate; startPreload reports everything else. The program goes on.
  }
}
