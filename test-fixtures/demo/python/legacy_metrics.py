"""A worker still on raw prometheus_client and the OpenTelemetry API: Statscope flags what needs fixing."""
from opentelemetry import metrics, trace
from prometheus_client import Counter, Histogram

meter = metrics.get_meter("legacy.worker")
tracer = trace.get_tracer("legacy.worker")

jobs = Counter("legacyJobs", "Jobs picked from the queue", ["queue", "user_id"])
job_latency = Histogram("legacy_job_latency_ms", "Time to finish one job", ["queue"], buckets=[5, 50, 500])
payload_size = meter.create_histogram("legacy.payload.size", unit="kB", description="Size of a job's payload")


def run(job):
    jobs.labels(queue=job.queue, user_id=job.user_id).inc()
    job_latency.labels(job.queue, "extra").observe(job.elapsed_ms)
    payload_size.record(job.size_kb)
    span = tracer.start_span("run")
    span.set_attribute("job.queue", job.queue)


def retry(job):
    with tracer.start_as_current_span("retry") as span:
        try:
            job.retry()
        except Exception as error:
            print("retry failed", error)
