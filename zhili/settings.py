"""Django settings for Zhili: the only module that reads the environment (ZHILI_*)."""

import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("ZHILI_VAR_DIR", BASE_DIR / "var"))

DEV_SECRET_KEY = "zhili-dev-secret-key-not-for-production"  # noqa: S105 (refused outside debug, see below)
DEV_PII_KEY = "emhpbGktZGV2LXBpaS1rZXktbm90LWZvci1wcm9kISE="  # base64 of 32 bytes, refused outside debug
DEV_CA_KEK = "emhpbGktZGV2LWNhLWtlay1ub3QtZm9yLXByb2QhISE="

DEBUG = os.environ.get("ZHILI_DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("ZHILI_SECRET_KEY", DEV_SECRET_KEY)
PII_KEY = os.environ.get("ZHILI_PII_KEY", DEV_PII_KEY)
ESIGN_KEK = os.environ.get("ZHILI_ESIGN_KEK", DEV_CA_KEK)
TESTING = "pytest" in sys.modules or os.environ.get("ZHILI_TESTING") == "1"

if not DEBUG and not TESTING:
    for name, value, default in (
        ("ZHILI_SECRET_KEY", SECRET_KEY, DEV_SECRET_KEY),
        ("ZHILI_PII_KEY", PII_KEY, DEV_PII_KEY),
        ("ZHILI_ESIGN_KEK", ESIGN_KEK, DEV_CA_KEK),
    ):
        if value == default:
            raise ImproperlyConfigured(f"{name} 仍为开发默认值，生产模式拒绝启动 (set {name} in the environment)")

ALLOWED_HOSTS = [h for h in os.environ.get("ZHILI_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
SITE_URL = os.environ.get("ZHILI_SITE_URL", "http://127.0.0.1:8000")
# The maps' base layer (core.ui): a tile URL template such as 天地图's with its key; none is reachable by default.
ZHILI_MAP_TILES = os.environ.get("ZHILI_MAP_TILES", "")
ZHILI_MAP_ATTRIBUTION = os.environ.get("ZHILI_MAP_ATTRIBUTION", "")

_ALL_SCENES = sorted(p.name for p in (BASE_DIR / "zhili" / "scenes").iterdir() if (p / "apps.py").exists())
ZHILI_SCENES = [s for s in os.environ.get("ZHILI_SCENES", ",".join(_ALL_SCENES)).split(",") if s]
ZHILI_TEST_SCENES = TESTING

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "zhili.core.foundation",
    "zhili.core.orgs",
    "zhili.core.identity",
    "zhili.core.notify",
    "zhili.core.scenes",
    "zhili.core.esign",
    "zhili.core.ledger",
    "zhili.core.datapool",
    "zhili.core.indicators",
    "zhili.core.cases",
    "zhili.core.dashboards",
    "zhili.core.policy",
    "zhili.core.sharing",
    "zhili.core.jobs",
    "zhili.core.live",
    "zhili.core.ops",
    "zhili.core.ui",
]
if ZHILI_TEST_SCENES:
    INSTALLED_APPS.append("zhili.core.testing.dummy_scene")
INSTALLED_APPS += [f"zhili.scenes.{code}" for code in ZHILI_SCENES]
INSTALLED_APPS.append("zhili.apps.ZhiliConfig")  # last: freezes the registries once every app is ready

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "zhili.core.foundation.middleware.SecurityHeadersMiddleware",
    "zhili.core.foundation.middleware.RequestSizeLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "zhili.core.foundation.middleware.DefaultChineseLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "zhili.core.foundation.middleware.RequestContextMiddleware",
]

ROOT_URLCONF = "zhili.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "zhili" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zhili.core.scenes.context.navigation",
            ],
        },
    },
]
WSGI_APPLICATION = "zhili.wsgi.application"
ASGI_APPLICATION = "zhili.asgi.application"

DATABASE_URL = os.environ.get("ZHILI_DATABASE_URL", f"sqlite:///{VAR_DIR / 'zhili.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
# A persistent connection is checked before a request reuses it: after a dropped connection (database restart,
# failover) each thread would otherwise answer one 500 before opening a new one.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
    # Persistent connections: opening one (and its PRAGMAs) per request cost the worker's signing page half its
    # throughput under gunicorn (bench/contracts.py: p95 197 → 132 ms). Tests keep one connection per request.
    DATABASES["default"]["CONN_MAX_AGE"] = 0 if TESTING else 60
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and os.environ.get(
        "ZHILI_DATABASE_PREPARED_STATEMENTS", "1") == "1":
    # Server-side binding, and a statement run five times on a connection is prepared (psycopg's default
    # threshold): PostgreSQL then plans it once per connection, not on every execution. Set
    # ZHILI_DATABASE_PREPARED_STATEMENTS=0 behind a pooler that cannot keep prepared statements (PgBouncer in
    # transaction mode without max_prepared_statements).
    DATABASES["default"].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)
TEST_DATABASE_NAME = os.environ.get("ZHILI_TEST_DATABASE_NAME")
if TEST_DATABASE_NAME:
    DATABASES["default"]["TEST"] = {"NAME": TEST_DATABASE_NAME}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "identity.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 at full cost makes a thousand-user fixture take minutes; production keeps the default cost.
    PASSWORD_HASHERS = ["zhili.core.identity.hashers.FastArgon2PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "identity:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "identity:login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS: list = []  # each app (the project app "zhili" too) keeps its catalogue in <app>/locale/
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "zhili" / "static"]
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
# Uploads and spreadsheets (core.foundation.spreadsheets): a request larger than REQUEST_MAX_BYTES is answered
# 413 before it is read; one file may be UPLOAD_MAX_BYTES; an XLSX may decompress to XLSX_MAX_UNCOMPRESSED_BYTES
# with no part compressed more than XLSX_MAX_COMPRESSION_RATIO:1 (zip bombs); a sheet may have
# SPREADSHEET_MAX_ROWS data rows of SPREADSHEET_MAX_COLUMNS cells of SPREADSHEET_MAX_CELL_CHARS characters.
REQUEST_MAX_BYTES = int(os.environ.get("ZHILI_REQUEST_MAX_MB", "60")) * 1024 * 1024
UPLOAD_MAX_BYTES = int(os.environ.get("ZHILI_UPLOAD_MAX_MB", "50")) * 1024 * 1024
XLSX_MAX_UNCOMPRESSED_BYTES = int(os.environ.get("ZHILI_XLSX_MAX_UNCOMPRESSED_MB", "400")) * 1024 * 1024
XLSX_MAX_COMPRESSION_RATIO = int(os.environ.get("ZHILI_XLSX_MAX_COMPRESSION_RATIO", "200"))
SPREADSHEET_MAX_ROWS = int(os.environ.get("ZHILI_SPREADSHEET_MAX_ROWS", "200000"))
SPREADSHEET_MAX_COLUMNS = int(os.environ.get("ZHILI_SPREADSHEET_MAX_COLUMNS", "256"))
SPREADSHEET_MAX_CELL_CHARS = 32767  # Excel's own limit for one cell

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG and not TESTING
CSRF_COOKIE_SECURE = not DEBUG and not TESTING
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_HSTS_SECONDS = 0 if DEBUG else 31536000
# Behind a TLS-terminating proxy (nginx, a cloud load balancer) Django sees plain HTTP: without this, HSTS is never
# sent and secure redirects loop. ZHILI_SECURE_PROXY_SSL_HEADER names the header the proxy sets and its value
# ("X-Forwarded-Proto: https"); set it only when the proxy strips that header from clients' requests.
_PROXY_SSL_HEADER = os.environ.get("ZHILI_SECURE_PROXY_SSL_HEADER", "")
if _PROXY_SSL_HEADER:
    _header, _sep, _value = _PROXY_SSL_HEADER.partition(":")
    if not _sep or not _header.strip() or not _value.strip():
        raise ImproperlyConfigured("ZHILI_SECURE_PROXY_SSL_HEADER 应写作“头名: 值”，例如 X-Forwarded-Proto: https")
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _header.strip().upper().replace("-", "_"), _value.strip())
SECURE_SSL_REDIRECT = os.environ.get("ZHILI_SECURE_SSL_REDIRECT", "0") == "1"
CSP = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-eval'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# core.jobs: a worker without a heartbeat for this long (or three of its ticks) is shown stopped, in red, on
# /jobs/; a task left RUNNING this long by a worker without a heartbeat is queued again.
WORKER_HEARTBEAT_STALE_SECONDS = int(os.environ.get("ZHILI_WORKER_HEARTBEAT_STALE_SECONDS", "120"))
TASK_RUNNING_TIMEOUT_SECONDS = int(os.environ.get("ZHILI_TASK_RUNNING_TIMEOUT_SECONDS", "1800"))
if TESTING:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Notifications: which SMS backend delivers ("outbox" keeps messages on the platform and prints them).
SMS_BACKEND = os.environ.get("ZHILI_SMS_BACKEND", "outbox")
SMS_ALIYUN = {
    "endpoint": os.environ.get("ZHILI_SMS_ALIYUN_ENDPOINT", "https://dysmsapi.aliyuncs.com/"),
    "access_key_id": os.environ.get("ZHILI_SMS_ALIYUN_KEY_ID", ""),
    "access_key_secret": os.environ.get("ZHILI_SMS_ALIYUN_KEY_SECRET", ""),
    "sign_name": os.environ.get("ZHILI_SMS_ALIYUN_SIGN_NAME", "治理平台"),
}
EMAIL_BACKEND = os.environ.get("ZHILI_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("ZHILI_FROM_EMAIL", "noreply@zhili.local")

# Speech to text (the mediation room's spoken record): "whisper" (offline, Whisper base from PyPI wheels, ADR 0017)
# or "aliyun" (Alibaba Cloud NLS real-time transcription over WebSocket, for a deployment that reaches it).
ASR_ENGINE = os.environ.get("ZHILI_ASR_ENGINE", "whisper")
ASR_MODEL_DIR = Path(os.environ.get("ZHILI_ASR_MODEL_DIR", VAR_DIR / "asr" / "whisper-base"))
ASR_THREADS = int(os.environ.get("ZHILI_ASR_THREADS", "1"))
ASR_ALIYUN = {
    "url": os.environ.get("ZHILI_ASR_ALIYUN_URL", "wss://nls-gateway-cn-shanghai.aliyuncs.com/ws/v1"),
    "appkey": os.environ.get("ZHILI_ASR_ALIYUN_APPKEY", ""),
    "token": os.environ.get("ZHILI_ASR_ALIYUN_TOKEN", ""),
}

# Signatures: the platform's own time-stamp authority unless an external one is named.
ESIGN_TSA_URL = os.environ.get("ZHILI_TSA_URL", "")
ESIGN_CJK_FONT = os.environ.get("ZHILI_CJK_FONT", "")
ESIGN_FONT_CACHE_DIR = ""  # empty: VAR_DIR/esign/fonts (zhili.core.esign.fonts.font_cache_dir)
# Who issues signer certificates: "platform" (the platform CA, default) or "est" (a licensed CA over EST, RFC 7030,
# at ZHILI_ESIGN_EST_URL with HTTP Basic credentials; ZHILI_ESIGN_EST_CA_BUNDLE verifies its TLS certificate).
# ZHILI_ESIGN_EXTRA_ROOTS: a PEM file of roots verification trusts beside the platform root (the licensed CA's).
ESIGN_CA = os.environ.get("ZHILI_ESIGN_CA", "platform")
ESIGN_EST = {
    "url": os.environ.get("ZHILI_ESIGN_EST_URL", ""),
    "username": os.environ.get("ZHILI_ESIGN_EST_USERNAME", ""),
    "password": os.environ.get("ZHILI_ESIGN_EST_PASSWORD", ""),
    "ca_bundle": os.environ.get("ZHILI_ESIGN_EST_CA_BUNDLE", ""),
}
ESIGN_EXTRA_ROOTS = os.environ.get("ZHILI_ESIGN_EXTRA_ROOTS", "")
# Where the keys of the platform CA, the TSA and organisation seals live: "database" (sealed under ZHILI_ESIGN_KEK,
# the default) or "pkcs11" (generated in a hardware security module and never exported; person keys stay sealed).
ESIGN_KEY_STORE = os.environ.get("ZHILI_ESIGN_KEY_STORE", "database")
ESIGN_PKCS11 = {
    "module": os.environ.get("ZHILI_ESIGN_PKCS11_MODULE", ""),
    "token_label": os.environ.get("ZHILI_ESIGN_PKCS11_TOKEN", ""),
    "pin": os.environ.get("ZHILI_ESIGN_PKCS11_PIN", ""),
}
# Renew a completed document's archive timestamp when its TSA certificate expires within this many days.
ESIGN_ARCHIVE_RENEWAL_DAYS = int(os.environ.get("ZHILI_ESIGN_ARCHIVE_RENEWAL_DAYS", "365"))
# Public verification (/esign/verify/, POST /api/v1/esign/verify): files per client address and minute.
ESIGN_PUBLIC_VERIFY_PER_MINUTE = int(os.environ.get("ZHILI_ESIGN_PUBLIC_VERIFY_PER_MINUTE", "10"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"quiet_task_worker": {"()": "zhili.core.foundation.logfilters.QuietTaskWorker"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["quiet_task_worker"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("ZHILI_LOG_LEVEL", "WARNING")},
    "loggers": {
        "zhili": {"level": os.environ.get("ZHILI_LOG_LEVEL", "INFO")},
        # Chatty libraries: WeasyPrint logs every layout step and fontTools every subset at INFO (the task
        # worker's per-task lines are dropped by the filter above). Their warnings and errors still show.
        **{name: {"level": "WARNING"} for name in ("weasyprint", "fontTools")},
    },
}
AUDIT_PURGE_ALLOWED = TESTING  # lets the test suite empty the audit log between tests; never in production

# --- identity (demo data): the staff password of `manage.py load_demo` ---
DEMO_PASSWORD = os.environ.get("ZHILI_DEMO_PASSWORD", "Zhili-demo-2026")

# core.ledger: the checkpoint signing key (base64 of a 32-byte Ed25519 seed), the log's origin line, and when
# checkpoints are signed: at once every N entries, and by the minute job (``ledger.checkpoint``) whenever entries
# were added, at most one per T seconds (0: every minute with new entries). The key is its own secret, required
# in production: it must travel beside every backup, and a new SECRET_KEY must not silently change it.
# Development and tests derive it from SECRET_KEY when it is empty; a deployment that ran on that derived key
# keeps its checkpoints valid by setting the same value (``manage.py ledger_key --derived`` prints it).
LEDGER_SIGNING_KEY = os.environ.get("ZHILI_LEDGER_SIGNING_KEY", "")
if not DEBUG and not TESTING and not LEDGER_SIGNING_KEY:
    raise ImproperlyConfigured(
        "ZHILI_LEDGER_SIGNING_KEY 未设置，生产模式拒绝启动。新部署：设为 32 字节随机数的 Base64；已按 SECRET_KEY 派生"
        "密钥运行过的部署：以相同的 ZHILI_SECRET_KEY 运行 `ZHILI_DEBUG=1 manage.py ledger_key --derived`，把输出设为该变量"
        "，已签名的检查点才能继续验证 (set ZHILI_LEDGER_SIGNING_KEY)")
LEDGER_ORIGIN = os.environ.get("ZHILI_LEDGER_ORIGIN", "zhili.local/ledger")
LEDGER_CHECKPOINT_EVERY = int(os.environ.get("ZHILI_LEDGER_CHECKPOINT_EVERY", "1000"))
LEDGER_CHECKPOINT_SECONDS = int(os.environ.get("ZHILI_LEDGER_CHECKPOINT_SECONDS", "0"))

# core.live: how server processes tell each other of new live messages: "local" (in-process, plus a database poll
# every LIVE_POLL_SECONDS for messages written by other processes; no other server), "postgres" (LISTEN/NOTIFY on
# the main database) or "redis" (pub/sub at ZHILI_LIVE_REDIS_URL). A stream stays open LIVE_STREAM_SECONDS, then
# the browser reconnects and resumes after the last message it received.
LIVE_BACKEND = os.environ.get("ZHILI_LIVE_BACKEND", "local")
LIVE_REDIS_URL = os.environ.get("ZHILI_LIVE_REDIS_URL", "redis://127.0.0.1:6379/0")
LIVE_POLL_SECONDS = float(os.environ.get("ZHILI_LIVE_POLL_SECONDS", "1.0"))
LIVE_SAFETY_POLL_SECONDS = float(os.environ.get("ZHILI_LIVE_SAFETY_POLL_SECONDS", "10.0"))
LIVE_STREAM_SECONDS = float(os.environ.get("ZHILI_LIVE_STREAM_SECONDS", "55"))
