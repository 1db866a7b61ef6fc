"""The request that is being served, for the audit log's IP address and actor fallback."""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    ip_address: str | None = None
    user_id: int | None = None


current: ContextVar[RequestContext] = ContextVar("zhili_request_context", default=RequestContext())  # noqa: B039 (frozen)


def client_ip(request) -> str | None:
    """The client's address; X-Forwarded-For is trusted only from a proxy on this machine."""
    remote = request.META.get("REMOTE_ADDR")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if forwarded and remote in ("127.0.0.1", "::1"):
        return forwarded.split(",")[0].strip() or remote
    return remote
