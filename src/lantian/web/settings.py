"""Django settings of lantian, read from the environment (see docs/platform.md).

Variables: ``LANTIAN_ENV`` (``development`` | ``production``, default ``production``),
``LANTIAN_DEBUG``, ``LANTIAN_SECRET_KEY``, ``LANTIAN_DATA_DIR`` (default ``./var``),
``DATABASE_URL`` (SQLite under the data directory when unset), ``LANTIAN_ALLOWED_HOSTS``,
``LANTIAN_CSRF_TRUSTED_ORIGINS``, ``LANTIAN_SECURE_COOKIES``, ``LANTIAN_LOGIN_FAILURE_LIMIT``,
``LANTIAN_LOGIN_COOLOFF_MINUTES``, ``LANTIAN_TODAY`` (development only), ``LANTIAN_GUIDE_TABLES``
(the technical guide's tables keyed in by the office, see docs/emergency_list.md). Problems the
readers cannot see (no secret key outside development, an unreachable database, a refused guide
table...) are reported by the ``lantian.E00x`` system checks.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url

from lantian.sample_data import SAMPLE_TARGETS
from lantian.web.env import (
    env_bool,
    env_choice,
    env_date,
    env_int,
    env_list,
    env_path,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent

# --- environment -------------------------------------------------------------------------------
LANTIAN_ENV = env_choice("LANTIAN_ENV", ("development", "production"), "production")
DEVELOPMENT = LANTIAN_ENV == "development"
DEBUG = env_bool("LANTIAN_DEBUG", DEVELOPMENT)
LANTIAN_DATA_DIR = Path(env_str("LANTIAN_DATA_DIR", "var") or "var").resolve()
#: The plan's targets shown on the dashboard (docs/targets.md); default: the demo's plan.
LANTIAN_TARGETS = Path(env_str("LANTIAN_TARGETS", "") or SAMPLE_TARGETS)
#: The platform's "today" fixed to a date (demos and tests only; check lantian.E005): the ledger's
#: statuses, report weeks and dispatch are then those of that day. ``None``: the real date.
LANTIAN_TODAY = env_date("LANTIAN_TODAY")
#: The manifest (TOML) of the technical guide's tables the office keyed in; they extend the packaged
#: industries and default measures (lantian.emergency.guide_tables). ``None``: packaged tables only.
#: A file that is refused stops the start (check lantian.E006, every problem as file:line: reason).
LANTIAN_GUIDE_TABLES = env_path("LANTIAN_GUIDE_TABLES")

#: Used only in development; the E001 check refuses it (and a missing key) anywhere else.
DEVELOPMENT_SECRET_KEY = "lantian-development-only-insecure-key-never-use-in-production"
#: Stands in for a missing key outside development so that check E001 can name the problem.
MISSING_SECRET_KEY = "lantian-missing-secret-key-set-LANTIAN_SECRET_KEY"
SECRET_KEY = env_str("LANTIAN_SECRET_KEY") or (
    DEVELOPMENT_SECRET_KEY if DEVELOPMENT else MISSING_SECRET_KEY
)

ALLOWED_HOSTS = env_list(
    "LANTIAN_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEVELOPMENT else []
)
CSRF_TRUSTED_ORIGINS = env_list("LANTIAN_CSRF_TRUSTED_ORIGINS")

# --- applications ------------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "axes",
    "lantian.web.apps.LantianWebConfig",
    "lantian.web.org",
    "lantian.web.audit",
    "lantian.web.ledger",
    "lantian.web.emergency",
    "lantian.web.drafts",
    "lantian.web.dashboard",
    "lantian.web.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "lantian.web.i18n.QueryLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "lantian.web.api.errors.StaleStoreMiddleware",
    # Last, as django-axes requires: turns a lockout into the locked-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lantian.web.urls"
WSGI_APPLICATION = "lantian.web.wsgi.application"

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
                "lantian.web.navigation.navigation",
            ],
        },
    },
]

# --- database ----------------------------------------------------------------------------------
_database_url = env_str("DATABASE_URL")
DATABASES = {
    "default": (
        dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)
        if _database_url
        else {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": LANTIAN_DATA_DIR / "lantian.sqlite3",
        }
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- users, passwords, login lockout -----------------------------------------------------------
AUTH_USER_MODEL = "org.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

AXES_FAILURE_LIMIT = env_int("LANTIAN_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LANTIAN_LOGIN_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

# --- sessions, cookies, HTTPS ------------------------------------------------------------------
_secure_cookies = env_bool("LANTIAN_SECURE_COOKIES", not DEVELOPMENT)
SESSION_COOKIE_SECURE = _secure_cookies
CSRF_COOKIE_SECURE = _secure_cookies
LANGUAGE_COOKIE_SECURE = _secure_cookies
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_HSTS_SECONDS = env_int("LANTIAN_HSTS_SECONDS", 0)

# --- language and time -------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = LANTIAN_DATA_DIR / "static"
#: Uploaded files (evidence of reports); served only through the access checks, never directly.
MEDIA_ROOT = LANTIAN_DATA_DIR / "media"

# --- API ---------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first: an unauthenticated API call answers 401 with ``WWW-Authenticate: Token``.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "lantian.web.api.errors.exception_handler",
    "DEFAULT_PAGINATION_CLASS": "lantian.web.api.pagination.Pagination",
    "PAGE_SIZE": 100,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "lantian 蓝天 API",
    "DESCRIPTION": "大气污染防治攻坚平台接口 / API of the air-pollution prevention platform",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # "level" names both an area's level and a warning's: one enum name each
    "ENUM_NAME_OVERRIDES": {
        "WarningLevelEnum": "lantian.web.emergency.models.Level",
        "AreaLevelEnum": "lantian.web.org.roles.AreaLevel",
    },
    # every operation documents its error answers ({"ok": false, "error", "status"})
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "lantian.web.api.schema.document_errors",
    ],
}
