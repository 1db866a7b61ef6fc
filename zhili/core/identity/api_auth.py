"""Authentication classes for the JSON API."""

from ninja.security import APIKeyCookie, HttpBearer

from .services import resolve_token


class SessionAuth(APIKeyCookie):
    """The browser's Django session; unsafe methods also need the CSRF token."""

    param_name = "sessionid"

    def __init__(self):
        super().__init__(csrf=True)

    def authenticate(self, request, key):
        if request.user.is_authenticated:
            return request.user
        return None


class BearerToken(HttpBearer):
    """A client-credentials token of a department or bank system."""

    def authenticate(self, request, token):
        access = resolve_token(token)
        if access is None:
            return None
        request.api_client = access.client
        request.token_scopes = set(access.scopes)
        return access


def has_scope(request, scope: str) -> bool:
    return scope in getattr(request, "token_scopes", set())
