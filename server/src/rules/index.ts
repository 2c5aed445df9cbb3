import type { RuleModule } from '../engine/types';
import metricNameFormat from './metric-name-format';

/** Every rule, sorted by id. */
export const RULES: readonly RuleModule[] = [metricNameFormat];
