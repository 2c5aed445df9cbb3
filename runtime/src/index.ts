/** Public surface of the `statscope` runtime. */
export {
  exposedName,
  isSnakeCase,
  toSnakeCase,
  type MetricKind,
} from './conventions';
