"""Stand-in for `opentelemetry.context` (see the package docstring)."""

import contextvars
from typing import Any, Dict, Optional

_CURRENT: "contextvars.ContextVar[Context]"


class Context(Dict[str, Any]):
    pass


_CURRENT = contextvars.ContextVar("stand_in_otel_context", default=Context())


def get_current() -> Context:
    return _CURRENT.get()


def attach(context: Context) -> Any:
    return _CURRENT.set(context)


def detach(token: Any) -> None:
    _CURRENT.reset(token)


def get_value(key: str, context: Optional[Context] = None) -> Any:
    return (context if context is not None else get_current()).get(key)


def set_value(key: str, value: Any, context: Optional[Context] = None) -> Context:
    new = Context(context if context is not None else get_current())
    new[key] = value
    return new
