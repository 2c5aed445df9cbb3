import type { RuleModule } from '../engine/types';
import alertThresholds from './alert-thresholds';
import componentWithoutStats from './component-without-stats';
import counterTotalSuffix from './counter-total-suffix';
import duplicateMetric from './duplicate-metric';
import dynamicMetricName from './dynamic-metric-name';
import histogramBuckets from './histogram-buckets';
import labelMismatch from './label-mismatch';
import metricBaseUnit from './metric-base-unit';
import metricDescriptionRequired from './metric-description-required';
import metricNameFormat from './metric-name-format';
import metricTypeInName from './metric-type-in-name';
import noRawMetricsClient from './no-raw-metrics-client';
import reservedNameOrLabel from './reserved-name-or-label';
import spanErrorNotRecorded from './span-error-not-recorded';
import spanNameFormat from './span-name-format';
import spanNotEnded from './span-not-ended';
import unboundedLabelValue from './unbounded-label-value';
import undeclaredMetric from './undeclared-metric';
import unitSuffixMismatch from './unit-suffix-mismatch';
import unusedMetric from './unused-metric';

/** Every rule, sorted by id (a meta-test keeps this list, the files and the catalogue in sync). */
export const RULES: readonly RuleModule[] = [
  alertThresholds,
  componentWithoutStats,
  counterTotalSuffix,
  duplicateMetric,
  dynamicMetricName,
  histogramBuckets,
  labelMismatch,
  metricBaseUnit,
  metricDescriptionRequired,
  metricNameFormat,
  metricTypeInName,
  noRawMetricsClient,
  reservedNameOrLabel,
  spanErrorNotRecorded,
  spanNameFormat,
  spanNotEnded,
  unboundedLabelValue,
  undeclaredMetric,
  unitSuffixMismatch,
  unusedMetric,
];
