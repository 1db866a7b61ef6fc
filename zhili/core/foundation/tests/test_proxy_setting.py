"""Behind a TLS proxy the deployment names the proxy's header, and Django then treats the request as HTTPS."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]


def _setting(env: dict) -> str:
    code = "from django.conf import settings; print(getattr(settings, 'SECURE_PROXY_SSL_HEADER', None))"
    result = subprocess.run([sys.executable, "-c", f"import django; django.setup(); {code}"], cwd=ROOT,
                            env={**os.environ, "DJANGO_SETTINGS_MODULE": "zhili.settings", **env},
                            capture_output=True, text=True, check=False)
    return (result.stdout or result.stderr).strip().splitlines()[-1]


def test_the_proxy_header_setting_is_read_from_the_environment():
    assert _setting({"ZHILI_SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto: https"}) == "('HTTP_X_FORWARDED_PROTO', 'https')"
    assert _setting({"ZHILI_SECURE_PROXY_SSL_HEADER": ""}) == "None"
    assert "ImproperlyConfigured" in _setting({"ZHILI_SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto"})
