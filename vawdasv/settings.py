"""Settings for vawdasv, read from the environment (see docs/deployment.md).

The defaults run the embedded demo: SQLite under var/, plain HTTP on 127.0.0.1. Production sets
SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and HTTPS=true, and `vawdasv check --deploy` is clean.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from vawdasv.lib.env import envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(envstr("VAWDASV_VAR_DIR", str(BASE_DIR / "var")) or BASE_DIR / "var")

DEBUG = envbool("DEBUG", False)
# Django's deployment check flags keys starting "django-insecure-", so a production that forgets
# SECRET_KEY fails `check --deploy` instead of running with this public key.
_DEMO_KEY = "django-insecure-demo-only-not-secret-" + "x" * 40
SECRET_KEY = envstr("SECRET_KEY", _DEMO_KEY) or _DEMO_KEY
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
SITE_NAME = envstr("SITE_NAME", "VAWDASV partnerships") or "VAWDASV partnerships"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "vawdasv.ops",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "vawdasv.core",
    "vawdasv.accounts",
    "vawdasv.reference",
    "vawdasv.partnerships",
    "vawdasv.audit",
    "vawdasv.plans",
    "vawdasv.progress",
    "vawdasv.imports",
    "vawdasv.governance",
    "vawdasv.national",
    "vawdasv.outcomes",
    "vawdasv.reviews",
    "vawdasv.api",
    "vawdasv.web",
    "vawdasv.demo",
]

MIDDLEWARE = [
    "vawdasv.ops.requests.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before anything reads the body (CSRF does), after the language is known for the page.
    "vawdasv.web.middleware.RequestSizeLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "vawdasv.accounts.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "vawdasv.web.middleware.SessionIdleTimeoutMiddleware",
    "vawdasv.web.middleware.PrivatePagesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "vawdasv.urls"
WSGI_APPLICATION = "vawdasv.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "vawdasv.core.context_processors.site",
                "vawdasv.web.context_processors.navigation",
            ],
        },
    }
]
FORM_RENDERER = "vawdasv.core.forms.GovukFormRenderer"

_DATABASE_URL = envstr("DATABASE_URL")
if not _DATABASE_URL:
    # The embedded default: SQLite in var/, created on first use.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    _DATABASE_URL = f"sqlite:///{VAR_DIR / 'vawdasv.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        _DATABASE_URL,
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite serving a web server (issue 8, finding 5). WAL lets readers carry on while one
    # writer writes; IMMEDIATE takes the write lock when a transaction starts, so two writers
    # queue on the busy timeout instead of failing with "database is locked" when a read lock
    # cannot be upgraded; NORMAL sync is safe under WAL and much faster. Each connection keeps
    # up to SQLITE_CACHE_MB of pages (SQLite's own default is 2 MB): the all-Wales outcomes
    # dashboard's sums read 3-4 MB of index pages, and with 2 MB each request read them again
    # (1.3 ms against 0.8 ms; ADR 0040). Pages are held only once read.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": envint("SQLITE_BUSY_TIMEOUT", 20),
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"
            f"PRAGMA cache_size=-{envint('SQLITE_CACHE_MB', 16) * 1024};"
        ),
        **DATABASES["default"].get("OPTIONS", {}),
    }
    # Tests use a file, not :memory:, so threads in the concurrency tests share one database
    # through separate connections, as a web server's threads would.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test_vawdasv.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

SESSION_ENGINE = "vawdasv.accounts.sessions"  # database sessions, read as SQL
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Single sign-on through OpenID Connect (Microsoft Entra ID or any provider; ADR 0029), on when
# OIDC_RP_CLIENT_ID is set. Endpoints are given explicitly (for Entra ID they are under
# https://login.microsoftonline.com/<tenant>/v2.0/.well-known/openid-configuration).
OIDC_RP_CLIENT_ID = envstr("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = envstr("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = envstr("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = envstr("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = envstr("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = envstr("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = envstr("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_CREATE_USER = False  # never: an unknown address is sent to its regional team
OIDC_TIMEOUT = 10
# The button reads "Sign in with <name>", for example "Microsoft" or "your organisation".
OIDC_PROVIDER_NAME = envstr("OIDC_PROVIDER_NAME", "Microsoft")
if OIDC_RP_CLIENT_ID:
    AUTHENTICATION_BACKENDS.append("vawdasv.accounts.sso.VerifiedEmailBackend")
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
# Where each person lands after signing in (their work): decided by the site on top.
LANDING_URL = "vawdasv.web.landing.landing_url"
LOGOUT_REDIRECT_URL = "core:home"

# Login throttling (django-axes): lock a username from one client address after repeated
# failures, so nobody elsewhere can lock a person out by guessing at their username.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_ENABLED = envbool("AXES_ENABLED", True)
# The client's address behind a reverse proxy: the header the proxy sets (for example
# X-Forwarded-For or X-Real-IP) and how many proxies append to it. Empty: REMOTE_ADDR, for a
# server reached directly. Never trust a header the proxy does not overwrite.
TRUSTED_PROXY_HEADER = envstr("TRUSTED_PROXY_HEADER", "") or ""
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 1)
AXES_CLIENT_IP_CALLABLE = "vawdasv.lib.client_ip.client_ip"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "vawdasv" / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# `npm run build` writes GOV.UK Frontend and our CSS here (not inside an app).
STATICFILES_DIRS = [BASE_DIR / "vawdasv" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if envbool("STATIC_MANIFEST", True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "vawdasv.accounts.tokens.HashedTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Rates are counted per client address (anonymous, see lib/client_ip.py) or per person, in
    # the default cache:
    # per process with the built-in memory cache, so with several workers the real limit is
    # the rate times the number of workers (docs/deployment.md).
    "DEFAULT_THROTTLE_CLASSES": [
        "vawdasv.api.throttling.AnonThrottle",
        "vawdasv.api.throttling.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": envstr("API_THROTTLE_ANON", "600/hour"),
        "user": envstr("API_THROTTLE_USER", "6000/hour"),
        # Writing progress updates through the API (vawdasv/api/progress_write.py).
        "progress_write": envstr("API_THROTTLE_PROGRESS_WRITE", "600/hour"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "VAWDASV partnerships API",
    "DESCRIPTION": "Partnerships, organisations and strategies (themes, commitments, "
    "actions), and progress rounds and updates. Anonymous callers see published strategies "
    "only; drafts of progress updates only their authors' organisation and the regional team. "
    "Every list takes modified_since and every read answers ETags; progress updates can be "
    "written with a personal token made for that.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Three different "status" fields (strategy, progress round, progress update): name each.
    "ENUM_NAME_OVERRIDES": {
        "StrategyStatusEnum": "vawdasv.plans.enums.StrategyStatus",
        "RoundStatusEnum": "vawdasv.progress.enums.RoundStatus",
        "UpdateStatusEnum": "vawdasv.progress.enums.UpdateState",
    },
}

# Security headers. HTTPS=true turns on the settings that only make sense behind TLS.
HTTPS = envbool("HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS and envbool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# Signed-in people are signed out after this many seconds without a request: 2 hours for
# superusers, staff and partnership administrators, 8 hours for everyone else. The cookie lasts
# no longer than the longer of the two (it is renewed while the person is active).
SESSION_IDLE_TIMEOUT_ADMIN = envint("SESSION_IDLE_TIMEOUT_ADMIN", 2 * 60 * 60)
SESSION_IDLE_TIMEOUT = envint("SESSION_IDLE_TIMEOUT", 8 * 60 * 60)
SESSION_COOKIE_AGE = max(SESSION_IDLE_TIMEOUT, SESSION_IDLE_TIMEOUT_ADMIN)
SESSION_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Background tasks (Django's Tasks API, docs/adr/0012): rows in the database run by
# `vawdasv worker` processes. TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend
# runs each task when it is asked for (tests, scripts); no worker is then needed.
TASKS = {
    "default": {
        "BACKEND": envstr("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
        or "django_tasks_db.DatabaseBackend"
    }
}
# A worker renews its heartbeat this often; a task running on a worker silent for
# WORKER_LOST_AFTER_SECONDS is queued again, or failed once it has been tried MAX_ATTEMPTS times.
WORKER_HEARTBEAT_SECONDS = envint("WORKER_HEARTBEAT_SECONDS", 5)
WORKER_LOST_AFTER_SECONDS = envint("WORKER_LOST_AFTER_SECONDS", 60)
WORKER_HOUSEKEEPING_SECONDS = envint("WORKER_HOUSEKEEPING_SECONDS", 30)
WORKER_MAX_ATTEMPTS = envint("WORKER_MAX_ATTEMPTS", 3)
# Queued once a day by the workers (vawdasv/ops/schedule.py); times in TIME_ZONE.
SCHEDULED_TASKS = {
    "send-reminders": {"task": "vawdasv.progress.tasks.send_daily_reminders", "at": "07:00"},
    "send-return-reminders": {
        "task": "vawdasv.outcomes.tasks.send_return_reminders",
        "at": "07:05",
    },
    "send-notification-digests": {
        "task": "vawdasv.accounts.tasks.send_notification_digests",
        "at": "07:10",
    },
    "delete-old-report-jobs": {
        "task": "vawdasv.progress.tasks.delete_old_report_jobs",
        "at": "03:00",
    },
    "delete-finished-tasks": {"task": "vawdasv.ops.tasks.delete_finished_tasks", "at": "03:30"},
    "delete-old-exports": {"task": "vawdasv.ops.tasks.delete_old_exports", "at": "03:15"},
    "delete-superseded-packs": {
        "task": "vawdasv.governance.tasks.delete_superseded_packs",
        "at": "03:15",
    },
    "retrain-theme-classifier": {"task": "vawdasv.reviews.tasks.retrain_if_needed", "at": "02:30"},
}
# The address people use to reach the service, for links in emails sent by tasks.
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000") or "http://127.0.0.1:8000"

# Plan import: the largest document accepted (bytes).
IMPORT_MAX_BYTES = envint("IMPORT_MAX_BYTES", 20 * 1024 * 1024)
# How far a document may unpack before it is refused (ADR 0011): a .docx/.xlsx's members in all
# and any one of them, PDF streams one by one and in all; paragraphs or lines, table rows, pages.
IMPORT_MAX_UNPACKED_BYTES = envint("IMPORT_MAX_UNPACKED_BYTES", 256 * 1024 * 1024)
IMPORT_MAX_MEMBER_BYTES = envint("IMPORT_MAX_MEMBER_BYTES", 64 * 1024 * 1024)
IMPORT_PDF_MAX_STREAM_BYTES = envint("IMPORT_PDF_MAX_STREAM_BYTES", 32 * 1024 * 1024)
IMPORT_PDF_MAX_TOTAL_STREAM_BYTES = envint("IMPORT_PDF_MAX_TOTAL_STREAM_BYTES", 256 * 1024 * 1024)
IMPORT_MAX_PARAGRAPHS = envint("IMPORT_MAX_PARAGRAPHS", 20_000)
IMPORT_MAX_TABLE_ROWS = envint("IMPORT_MAX_TABLE_ROWS", 20_000)
IMPORT_MAX_PAGES = envint("IMPORT_MAX_PAGES", 1_000)
# Documents are read in a child process with these limits (imports/sandbox.py): CPU seconds,
# address space in MB, wall-clock seconds, and how many one server process reads at once.
IMPORT_PARSE_CPU_SECONDS = envint("IMPORT_PARSE_CPU_SECONDS", 60)
IMPORT_PARSE_MEMORY_MB = envint("IMPORT_PARSE_MEMORY_MB", 1024)
IMPORT_PARSE_WALL_SECONDS = envint("IMPORT_PARSE_WALL_SECONDS", 120)
IMPORT_PARSE_CONCURRENCY = envint("IMPORT_PARSE_CONCURRENCY", 2)
# Evidence on progress updates: the largest file accepted, and how many files one update holds.
EVIDENCE_MAX_BYTES = envint("EVIDENCE_MAX_BYTES", 10 * 1024 * 1024)
EVIDENCE_MAX_FILES = envint("EVIDENCE_MAX_FILES", 10)
# Meeting papers (each at most EVIDENCE_MAX_BYTES) per meeting; days a meeting pack is kept
# once a newer one of the same meeting, format and language is made.
GOVERNANCE_MAX_PAPERS = envint("GOVERNANCE_MAX_PAPERS", 20)
GOVERNANCE_PACK_KEEP_DAYS = envint("GOVERNANCE_PACK_KEEP_DAYS", 7)
# The largest request body accepted at all: the largest upload plus room for the form around
# it. Larger requests are refused from their Content-Length before the body is read (413);
# the proxy in front must cap bodies at this size too (docs/deployment.md).
REQUEST_MAX_BYTES = envint(
    "REQUEST_MAX_BYTES", max(IMPORT_MAX_BYTES, EVIDENCE_MAX_BYTES) + 1024 * 1024
)
# Form fields without files are held in memory up to this size: a plan may be pasted as text
# up to the import limit. Uploaded files above FILE_UPLOAD_MAX_MEMORY_SIZE go to a temporary
# file instead of memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("DATA_UPLOAD_MAX_MEMORY_SIZE", IMPORT_MAX_BYTES + 64 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = envint("FILE_UPLOAD_MAX_MEMORY_SIZE", 2 * 1024 * 1024)

EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "vawdasv@localhost")
# Two-factor authentication (ADR 0019): administrators and superusers must use it, and members
# of partnerships that require it. Off only for test runs that are not about it.
TWO_FACTOR_ENFORCED = envbool("TWO_FACTOR_ENFORCED", True)
OTP_TOTP_ISSUER = "VAWDASV partnerships"
# How long an invitation link to join a partnership stays usable.
INVITATION_DAYS = envint("INVITATION_DAYS", 7)

# LOG_FORMAT=json writes one JSON object per line (for a log collector); every record carries
# the request id (X-Request-ID, echoed in the response) of the request that wrote it.
LOG_FORMAT = envstr("LOG_FORMAT", "text") or "text"
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r} is not text or json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "vawdasv.ops.logs.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "vawdasv.ops.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
}

SITE_TITLE = _("VAWDASV partnerships")

# Fonts the PDF progress report is typeset with (Typst reads only these, never the machine's
# other fonts, so the PDF is the same everywhere). Debian's fonts-dejavu-core by default.
_report_fonts = envstr("REPORT_FONT_DIRS", "/usr/share/fonts/truetype/dejavu") or ""
REPORT_FONT_DIRS = [Path(p) for p in _report_fonts.split(":") if p]

# Who runs this site, named on the accessibility statement and privacy notice (both required of
# Welsh public-sector websites). Blank values show a notice asking the operator to fill them in.
OPERATOR_NAME = envstr("VAWDASV_OPERATOR_NAME", "") or ""
OPERATOR_EMAIL = envstr("VAWDASV_OPERATOR_EMAIL", "") or ""
OPERATOR_ADDRESS = envstr("VAWDASV_OPERATOR_ADDRESS", "") or ""
OPERATOR_DPO_EMAIL = envstr("VAWDASV_OPERATOR_DPO_EMAIL", "") or ""
