"""The JSON API at /api/v1/: session auth for the browser, bearer tokens for department systems."""

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from zhili.core.identity.api_auth import BearerToken, SessionAuth
from zhili.core.scenes.registry import api_routers

api = NinjaAPI(
    title="治理平台 API",
    version="1.0",
    description="Zhili (治理) JSON API. 浏览器使用会话认证；部门系统以客户端凭证获取 Bearer 令牌。",
    auth=[SessionAuth(), BearerToken()],
    urls_namespace="api",
)


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": "输入有误", "errors": detail}, status=400)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc):
    return api.create_response(request, {"detail": str(exc) or "无权访问"}, status=403)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    return api.create_response(request, {"detail": "未登录或令牌无效"}, status=401)


# Each app's ``endpoints.py`` router, found by the scene loader: a scene's under its code, core's under its label.
for _prefix, _router in api_routers.items():
    api.add_router(f"/{_prefix}/", _router)
