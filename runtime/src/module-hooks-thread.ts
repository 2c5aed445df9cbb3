/** Tells Node's module hooks thread apart from the program's threads. Imports nothing heavy: the preload entry asks first. */
import * as workerThreads from 'node:worker_threads';

/**
 * True on the thread Node runs module customization hooks on. Node runs `--require` preloads there
 * too; user workers, unlike it, always have a `parentPort`.
 */
export function isModuleHooksThread(): boolean {
  // Cast: `isInternalThread` exists from Node 22.14 on; older typings lack it.
  const flags = workerThreads as { readonly isInternalThread?: boolean };
  return flags.isInternalThread === true || (!workerThreads.isMainThread && workerThreads.parentPort === null);
}
