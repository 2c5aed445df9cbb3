"""A stand-in for the OpenTelemetry Python API (which cannot be installed here): the small part of
`opentelemetry.trace` and `opentelemetry.context` that statscope's api mode calls, recording finished
spans in `opentelemetry.trace.FINISHED` for the tests. Not the real package."""
