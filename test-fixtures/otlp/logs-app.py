# The Python twin of logs-app.js: the same log lines, for tests that check both runtimes export the same
# OTLP log records (run it with `python -m statscope.run logs-app.py`).
from statscope import create_logger, log, span

log.info("starting", phase="boot")
with span("checkout"):
    log.info("order placed", order_id=42)
    create_logger("db").warn("<script>alert(1)</script>", table="orders")
log.error("finished with an error", error=ValueError("boom"))
print("logs-app: done", flush=True)
