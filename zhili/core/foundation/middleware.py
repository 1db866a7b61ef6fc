"""Security headers and the per-request context the audit log reads."""

from django.conf import settings

from .context import RequestContext, client_ip, current


class SecurityHeadersMiddleware:
    """Add the Content-Security-Policy and related headers to every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CSP)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


class RequestContextMiddleware:
    """Remember the client IP and user for audit entries written while this request is served."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        token = current.set(RequestContext(
            ip_address=client_ip(request),
            user_id=user.pk if user is not None and user.is_authenticated else None,
        ))
        try:
            return self.get_response(request)
        finally:
            current.reset(token)


class DefaultChineseLocaleMiddleware:
    """Serve Chinese unless the person chose another language (cookie), whatever the browser's Accept-Language.

    Government counters and phones are often set to English; the platform's working language is Chinese.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


class RequestSizeLimitMiddleware:
    """Answer 413 to a request whose declared body is larger than ``REQUEST_MAX_BYTES``, before it is read.

    Django's own ``DATA_UPLOAD_MAX_MEMORY_SIZE`` leaves file uploads out; this bounds the whole body.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.http import HttpResponse
        from django.utils.translation import gettext as _

        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.REQUEST_MAX_BYTES
        if length > limit:
            from .spreadsheets import size_text

            message = _("请求大小 {size} 超过 {limit} 的上限").format(size=size_text(length), limit=size_text(limit))
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
