/**
 * What traced programs that do not install `@opentelemetry/api` get for it: ESM through the resolve
 * hook (`runtime/dist/esm-resolve-hook-api.mjs`), `require` through `NODE_PATH`
 * (`dist/node-path/@opentelemetry/api`). Copies of the API share one global registry, so spans
 * started through it reach the preload's SDK.
 */
export * from '@opentelemetry/api';
export { default } from '@opentelemetry/api';
