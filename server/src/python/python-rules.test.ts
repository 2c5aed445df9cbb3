/** Every rule that applies to Python, on Python sources: the same ids, messages and (Python-syntax) fixes. */
import { assertRuleCases } from '../engine/rule-tester';
import componentWithoutStats from '../rules/component-without-stats';
import counterTotalSuffix from '../rules/counter-total-suffix';
import duplicateMetric from '../rules/duplicate-metric';
import dynamicMetricName from '../rules/dynamic-metric-name';
import histogramBuckets from '../rules/histogram-buckets';
import labelMismatch from '../rules/label-mismatch';
import metricBaseUnit from '../rules/metric-base-unit';
import metricDescriptionRequired from '../rules/metric-description-required';
import metricNameFormat from '../rules/metric-name-format';
import metricTypeInName from '../rules/metric-type-in-name';
import noRawMetricsClient from '../rules/no-raw-metrics-client';
import reservedNameOrLabel from '../rules/reserved-name-or-label';
import spanErrorNotRecorded from '../rules/span-error-not-recorded';
import spanNameFormat from '../rules/span-name-format';
import spanNotEnded from '../rules/span-not-ended';
import unboundedLabelValue from '../rules/unbounded-label-value';
import undeclaredMetric from '../rules/undeclared-metric';
import unitSuffixMismatch from '../rules/unit-suffix-mismatch';
import unusedMetric from '../rules/unused-metric';

const PY = 'case.py';
const PROM = 'from prometheus_client import Counter, Gauge, Histogram\n';
const OTEL = "from opentelemetry import metrics, trace\nmeter = metrics.get_meter('x')\ntracer = trace.get_tracer('x')\n";
const STATS = "from statscope import counter, define_stats, histogram\nstats = define_stats('api', requests=counter('Requests', labels=('model', 'status')), latency=histogram('Latency', unit='seconds'))\n";

describe('rules on Python', () => {
  describe('metric-name-format', () => {
    assertRuleCases(metricNameFormat, {
      valid: [
        { filename: PY, code: `${PROM}# statscope-disable-next-line metric-name-format -- legacy dashboards\nc = Counter('jobsDone', 'Jobs')` },
        { filename: PY, code: `${PROM}c = Counter('jobsDone', 'Jobs')  # statscope-disable-line` },
        { filename: PY, code: `${PROM}c = Counter('jobs_done', 'Jobs')` },
        { filename: PY, code: `${OTEL}h = meter.create_histogram('http.server.duration', unit='s', description='d')` },
      ],
      invalid: [
        { filename: PY, code: `${PROM}c = Counter('jobsDone', 'Jobs')`, errors: [{ messageId: 'notSnakeCase', line: 2, column: 13 }], output: `${PROM}c = Counter('jobs_done', 'Jobs')` },
        { filename: PY, code: `${OTEL}h = meter.create_histogram('HttpDuration', unit='s', description='d')`, errors: [{ messageId: 'notOtelStyle', line: 4, column: 28 }] },
        // Through a wrapper (a function, or a method called without self), in this file or another.
        {
          filename: PY,
          code: `${PROM}def make_counter(name, doc):\n    return Counter(name, doc)\n\njobs = make_counter("jobsDone", "Jobs")`,
          errors: [{ messageId: 'notSnakeCase', line: 5, column: 21 }],
          output: `${PROM}def make_counter(name, doc):\n    return Counter(name, doc)\n\njobs = make_counter("jobs_done", "Jobs")`,
        },
        {
          filename: PY,
          code: 'from .metrics import registry\njobs = registry.counter("jobsDone")',
          files: { 'metrics.py': `${PROM}class Registry:\n    def counter(self, name):\n        return Counter(name, "Made here")\n\nregistry = Registry()\n` },
          errors: [{ messageId: 'notSnakeCase', line: 2, column: 25 }],
          output: 'from .metrics import registry\njobs = registry.counter("jobs_done")',
        },
      ],
    });
  });
  describe('counter-total-suffix', () => {
    assertRuleCases(counterTotalSuffix, {
      // prometheus_client appends `_total` to counters itself.
      valid: [
        { filename: PY, code: `${PROM}c = Counter('jobs', 'Jobs')` },
        { filename: PY, code: `${PROM}c = Counter('jobs_total', 'Jobs')` },
        { filename: PY, code: `${PROM}def make_counter(name):\n    return Counter(name, 'Made')\n\njobs = make_counter('jobs')` },
      ],
      invalid: [
        { filename: PY, code: `${PROM}g = Gauge('queue_total', 'Queue')`, errors: [{ messageId: 'unexpectedTotal', line: 2, column: 11 }], output: `${PROM}g = Gauge('queue', 'Queue')` },
        { filename: PY, code: `${OTEL}c = meter.create_counter("jobs.total", description="d")`, errors: [{ messageId: 'otelTotal', line: 4, column: 26 }], output: `${OTEL}c = meter.create_counter("jobs", description="d")` },
      ],
    });
  });
  describe('metric-base-unit', () => {
    assertRuleCases(metricBaseUnit, {
      valid: [{ filename: PY, code: `${OTEL}h = meter.create_histogram('rpc.duration', unit='s', description='d')` }],
      invalid: [
        {
          filename: PY,
          code: `${OTEL}h = meter.create_histogram('rpc.duration', unit='ms', description='d')\nh.record(elapsed)`,
          errors: [{ messageId: 'nonBaseUnit', line: 4, column: 49 }],
          output: `${OTEL}h = meter.create_histogram('rpc.duration', unit='s', description='d')\nh.record(elapsed / 1000)`,
        },
        {
          filename: PY,
          code: `${PROM}h = Histogram('job_latency_ms', 'Latency', buckets=[5, 50])\nh.observe(ms)`,
          errors: [{ messageId: 'unitInName', line: 2, column: 15 }],
          output: `${PROM}h = Histogram('job_latency_seconds', 'Latency', buckets=[0.005, 0.05])\nh.observe(ms / 1000)`,
        },
        // An f-string over a module constant is checked by its value; no fix rewrites it in place.
        { filename: PY, code: `${PROM}SHOP = "shop"\nwait = Gauge(f"{SHOP}_queue_wait_ms", "Queue wait")`, errors: [{ messageId: 'unitInName', line: 3, column: 14 }] },
      ],
    });
  });
  describe('unit-suffix-mismatch', () => {
    assertRuleCases(unitSuffixMismatch, {
      valid: [{ filename: PY, code: `${OTEL}h = meter.create_histogram('io.read.bytes', unit='By', description='d')` }],
      invalid: [
        {
          filename: PY,
          code: `${OTEL}h = meter.create_histogram(\n    'io.read.bytes',\n    description='d',\n)`,
          errors: [{ messageId: 'missingUnit', line: 5, column: 5 }],
          output: `${OTEL}h = meter.create_histogram(\n    'io.read.bytes',\n    description='d',\n    unit="By",\n)`,
        },
      ],
    });
  });
  describe('metric-description-required', () => {
    assertRuleCases(metricDescriptionRequired, {
      valid: [{ filename: PY, code: `${PROM}c = Counter('jobs', documentation='Jobs done')` }],
      invalid: [
        { filename: PY, code: `${PROM}c = Counter('jobs', '')`, errors: [{ messageId: 'empty', line: 2, column: 21, message: "The documentation of 'jobs' is empty; say in one sentence what it measures." }] },
        { filename: PY, code: `${OTEL}c = meter.create_counter('jobs')`, errors: [{ messageId: 'missing', line: 4, column: 26 }] },
      ],
    });
  });
  describe('metric-type-in-name', () => {
    assertRuleCases(metricTypeInName, {
      valid: [{ filename: PY, code: `${PROM}g = Gauge('queue_depth', 'Queue')` }],
      invalid: [{ filename: PY, code: `${PROM}g = Gauge('queue_gauge', 'Queue')`, errors: [{ messageId: 'kindInName', line: 2, column: 11 }], output: `${PROM}g = Gauge('queue', 'Queue')` }],
    });
  });
  describe('reserved-name-or-label', () => {
    assertRuleCases(reservedNameOrLabel, {
      valid: [{ filename: PY, code: `${PROM}h = Histogram('job_seconds', 'Jobs', ['queue'])` }],
      invalid: [{ filename: PY, code: `${PROM}h = Histogram('job_seconds', 'Jobs', ['le'])`, errors: [{ messageId: 'reservedLabel', line: 2, column: 39 }] }],
    });
  });
  describe('dynamic-metric-name', () => {
    assertRuleCases(dynamicMetricName, {
      valid: [
        { filename: PY, code: `${PROM}NAME = 'jobs'\nc = Counter(NAME, 'Jobs')` },
        { filename: PY, code: `${PROM}def make(name):\n    return Counter(name, 'Made')` },
        { filename: PY, code: `${PROM}from myapp.names import JOBS\nc = Counter(JOBS, 'Jobs')` },
        // Regressions: a name bound to a constant of a package; a long name constant wrapped in parentheses.
        { filename: PY, code: `${OTEL}from opentelemetry.semconv.metrics import MetricInstruments\n_DURATION = (\n    MetricInstruments.HTTP_CLIENT_DURATION\n)\nh = meter.create_histogram(name=_DURATION, unit="s", description="d")` },
        { filename: PY, code: `${OTEL}_QUEUE_WAIT = (\n    "queue.wait.duration"\n)\nh = meter.create_histogram(name=_QUEUE_WAIT, unit="s", description="d")` },
        // Regression: an f-string over module constants (and a constant bound to another) names one fixed family.
        { filename: PY, code: `${PROM}SHOP = "shop"\nBASE = SHOP\nclass Orders:\n    def __init__(self):\n        self.paid = Counter(f"{BASE}_orders_paid", "Orders paid")\n        self.open = Gauge(f'{SHOP}_{{open}}_orders', "Open orders")` },
      ],
      invalid: [
        { filename: PY, code: `${PROM}c = Counter(f'jobs_{kind}', 'Jobs')`, errors: [{ messageId: 'dynamicName', line: 2, column: 13 }] },
        // One field that is not a module constant, or a conversion, keeps the name dynamic.
        { filename: PY, code: `${PROM}SHOP = "shop"\ndef make(kind):\n    return Counter(f"{SHOP}_{kind}", "Orders")`, errors: [{ messageId: 'dynamicName', line: 4, column: 20 }] },
        { filename: PY, code: `${PROM}SHOP = "shop"\nc = Counter(f"{SHOP!r}_orders", "Orders")`, errors: [{ messageId: 'dynamicName', line: 3, column: 13 }] },
      ],
    });
  });
  describe('histogram-buckets', () => {
    assertRuleCases(histogramBuckets, {
      valid: [{ filename: PY, code: `${PROM}h = Histogram('job_seconds', 'Jobs', buckets=(0.1, 1, 10))` }],
      invalid: [{ filename: PY, code: `${PROM}h = Histogram('job_seconds', 'Jobs', buckets=[1, 0.5])`, errors: [{ messageId: 'unsorted', line: 2, column: 46 }], output: `${PROM}h = Histogram('job_seconds', 'Jobs', buckets=[0.5, 1])` }],
    });
  });
  describe('label-mismatch', () => {
    const C = `${PROM}c = Counter('jobs', 'Jobs', ['queue', 'code'])\n`;
    assertRuleCases(labelMismatch, {
      valid: [
        { filename: PY, code: `${C}c.labels('a', '200').inc()\nc.labels(queue='a', code='200').inc(amount=2)` },
        { filename: PY, code: `${C}c.labels(**labels).inc()\nc.labels(*values).inc()\nc.labels(queue='a', **rest).inc()` },
        { filename: PY, code: "from .stats import stats\nstats.requests.labels(model='a', status='ok').inc()\nstats.requests.inc({'model': 'a', 'status': 'ok'})\nstats.latency.observe(0.2)", files: { 'stats.py': STATS } },
      ],
      invalid: [
        { filename: PY, code: `${C}c.labels('a').inc()`, errors: [{ messageId: 'labelCount', line: 3, column: 3 }] },
        { filename: PY, code: `${C}c.labels(queue='a').inc()`, errors: [{ messageId: 'missingLabels', line: 3, column: 9 }] },
        { filename: PY, code: `${C}c.inc()`, errors: [{ messageId: 'missingLabels', line: 3, column: 3 }] },
        { filename: PY, code: "from .stats import stats\nstats.requests.labels(model='a', state='ok').inc()", files: { 'stats.py': STATS }, errors: [{ messageId: 'unknownLabels', line: 2, column: 22 }] },
      ],
    });
  });
  describe('undeclared-metric', () => {
    assertRuleCases(undeclaredMetric, {
      valid: [{ filename: PY, code: 'from .stats import stats\nstats.requests.labels(model="a", status="b").inc()', files: { 'stats.py': STATS } }],
      invalid: [
        {
          filename: PY,
          code: 'from .stats import stats\nstats.errors.labels(kind="io").inc()',
          files: { 'stats.py': STATS },
          errors: [{ messageId: 'undeclared', line: 2, column: 7 }],
          output: 'from .stats import stats\nstats.errors.labels(kind="io").inc()',
          otherOutputs: { 'stats.py': STATS.replace("unit='seconds'))", 'unit=\'seconds\'), errors=counter("", labels=("kind",)))') },
        },
      ],
    });
  });
  describe('unused-metric', () => {
    assertRuleCases(unusedMetric, {
      valid: [{ filename: PY, code: `${STATS}stats.requests.labels(model='a', status='b').inc()\nstats.latency.observe(1)` }],
      invalid: [{ filename: PY, code: `${STATS}stats.requests.labels(model='a', status='b').inc()`, errors: [{ messageId: 'unused', line: 2, column: 87 }] }],
    });
  });
  describe('unbounded-label-value', () => {
    const C = `${PROM}c = Counter('jobs', 'Jobs', ['queue'])\n`;
    assertRuleCases(unboundedLabelValue, {
      valid: [{ filename: PY, code: `${C}c.labels(queue=job.queue).inc()` }],
      invalid: [
        { filename: PY, code: `${PROM}c = Counter('jobs', 'Jobs', ['user_id'])`, errors: [{ messageId: 'unboundedName', line: 2, column: 30 }] },
        { filename: PY, code: `${C}c.labels(queue=request.args['q']).inc()`, errors: [{ messageId: 'unboundedValue', line: 3, column: 16 }] },
        { filename: PY, code: `${C}c.labels(queue=str(uuid.uuid4())).inc()`, errors: [{ messageId: 'unboundedValue', line: 3, column: 16 }] },
      ],
    });
  });
  describe('span-not-ended', () => {
    assertRuleCases(spanNotEnded, {
      valid: [
        { filename: PY, code: `${OTEL}def f():\n    span = tracer.start_span('work')\n    try:\n        pass\n    finally:\n        span.end()` },
        { filename: PY, code: `${OTEL}def f():\n    with tracer.start_span('work') as span:\n        pass` },
        { filename: PY, code: `${OTEL}def f():\n    return tracer.start_span('work')` },
        // Regression: stored on the instance, ended by another method.
        { filename: PY, code: `${OTEL}class Poller:\n    def poll(self):\n        self._span = tracer.start_span('poll')\n    def done(self):\n        self._span.end()` },
      ],
      invalid: [
        { filename: PY, code: `${OTEL}def f():\n    span = tracer.start_span('work')\n    span.set_attribute('a', 1)`, errors: [{ messageId: 'notEnded', line: 5, column: 12 }] },
        { filename: PY, code: `${OTEL}def f():\n    tracer.start_span('work')`, errors: [{ messageId: 'discarded', line: 5, column: 5 }] },
      ],
    });
  });
  describe('span-error-not-recorded', () => {
    assertRuleCases(spanErrorNotRecorded, {
      valid: [
        { filename: PY, code: `${OTEL}with tracer.start_as_current_span('w') as span:\n    try:\n        if callable(send_hook):\n            send_hook(span, message)\n    except Exception as hook_error:\n        logger.exception(hook_error)` },
        { filename: PY, code: `${OTEL}with tracer.start_as_current_span('w') as span:\n    try:\n        work()\n    except Exception as e:\n        span.record_exception(e)` },
        { filename: PY, code: `${OTEL}with tracer.start_as_current_span('w'):\n    try:\n        work()\n    except Exception:\n        cleanup()\n        raise` },
        { filename: PY, code: `${OTEL}with tracer.start_as_current_span('w'):\n    try:\n        value = cache[key]\n    except KeyError:\n        value = None` },
        // Regressions: the error kept and re-raised after the try; a user hook guarded so it cannot break the operation.
        { filename: PY, code: `${OTEL}with tracer.start_as_current_span('w') as span:\n    failure = None\n    try:\n        reply = send()\n    except Exception as err:\n        failure = err\n    if failure:\n        raise failure` },
        { filename: PY, code: `${OTEL}with tracer.start_as_current_span('w') as span:\n    try:\n        if on_send_hook:\n            on_send_hook(span, message)\n    except Exception as hook_error:\n        logger.exception(hook_error)` },
      ],
      invalid: [
        {
          filename: PY,
          code: `${OTEL}with tracer.start_as_current_span('w') as span:\n    try:\n        work()\n    except Exception as e:\n        log(e)`,
          errors: [{ messageId: 'notRecordedPython', line: 7, column: 5 }],
          output: `${OTEL}with tracer.start_as_current_span('w') as span:\n    try:\n        work()\n    except Exception as e:\n        span.record_exception(e)\n        log(e)`,
        },
        { filename: PY, code: `${OTEL}@tracer.start_as_current_span('w')\ndef f():\n    try:\n        work()\n    except:\n        pass`, errors: [{ messageId: 'notRecordedNoSpanPython', line: 8, column: 5 }] },
      ],
    });
  });
  describe('span-name-format', () => {
    assertRuleCases(spanNameFormat, {
      valid: [{ filename: PY, code: `${OTEL}with tracer.start_as_current_span('checkout'):\n    pass` }],
      invalid: [
        { filename: PY, code: `${OTEL}with tracer.start_as_current_span(f'order {order_id}'):\n    pass`, errors: [{ messageId: 'highCardinality', line: 4, column: 35 }] },
        { filename: PY, code: `${OTEL}span = tracer.start_span('')\nspan.end()`, errors: [{ messageId: 'empty', line: 4, column: 26 }] },
      ],
    });
  });
  describe('no-raw-metrics-client and component-without-stats', () => {
    assertRuleCases(noRawMetricsClient, {
      valid: [{ filename: PY, code: `${PROM}c = Counter('jobs', 'Jobs')` }],
      invalid: [{ filename: PY, severity: 'warning', code: `${PROM}c = Counter('jobs', 'Jobs')`, errors: [{ messageId: 'prometheusClient', line: 2, column: 5 }] }],
    });
    assertRuleCases(componentWithoutStats, {
      valid: [{ filename: PY, severity: 'info', code: `${STATS}stats.latency.observe(1)` }],
      invalid: [{ filename: PY, severity: 'info', code: `${OTEL}with tracer.start_as_current_span('w'):\n    pass`, errors: [{ messageId: 'spansPython', line: 4, column: 6 }] }],
    });
  });
  describe('duplicate-metric across TypeScript and Python', () => {
    const ts = "import { Counter } from 'prom-client';\nexport const jobs = new Counter({ name: 'jobs_total', help: 'Jobs', labelNames: ['queue'] });\n";
    assertRuleCases(duplicateMetric, {
      valid: [{ filename: PY, code: `${PROM}jobs = Counter('jobs', 'Jobs', ['queue'])`, files: { 'jobs.ts': ts } }],
      invalid: [
        { filename: PY, code: `${PROM}jobs = Counter('jobs', 'Jobs', ['queue', 'kind'])`, files: { 'jobs.ts': ts }, errors: [{ messageId: 'conflict', line: 2, column: 16, message: "'jobs_total' is also declared in jobs.ts:2 with labels queue; one exposed name must mean one metric." }] },
        { filename: 'jobs.ts', code: ts, files: { 'worker.py': `${PROM}jobs = Gauge('jobs_total', 'Jobs', ['queue'])` }, errors: [{ messageId: 'conflict', line: 2, column: 41, message: "'jobs_total' is also declared in worker.py:2 with kind gauge; one exposed name must mean one metric." }] },
      ],
    });
  });
});
