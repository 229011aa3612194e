"""Wusong's one settings module, configured from the environment.

Embedded default: SQLite under var/, uploads under var/media, everything in-process.
Production: set DATABASE_URL (PostgreSQL), WUSONG_SECRET_KEY, WUSONG_DEBUG=0,
WUSONG_ALLOWED_HOSTS and, for S3-compatible attachments, WUSONG_STORAGE=s3 with the
AWS_* variables django-storages reads.
"""

import os
import sys
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("WUSONG_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # the embedded database and uploads live here

TESTING = "pytest" in sys.modules


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


DEBUG = env_bool("WUSONG_DEBUG", True)
SECRET_KEY = os.environ.get("WUSONG_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("WUSONG_SECRET_KEY must be set when WUSONG_DEBUG is off.")
    SECRET_KEY = "wusong-insecure-development-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("WUSONG_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("WUSONG_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_fsm",
    "wusong.audit",
    "wusong.notifications",
    "wusong.registry",
    "wusong.calls",
    "wusong.funding",
    "wusong.equity",
    "wusong.review",
    "wusong.experts",
    "wusong.meetings",
    "wusong.notices",
    "wusong.documents",
    "wusong.insight",
    "wusong.portfolio",
    "wusong.web",
    "wusong.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "wusong.web.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "wusong.urls"
WSGI_APPLICATION = "wusong.wsgi.application"

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
                "wusong.web.context.navigation",
            ],
        },
    },
]

_default_db = f"sqlite:///{VAR_DIR / 'wusong.sqlite3'}"
_db_url = os.environ.get("DATABASE_URL", _default_db)
if TESTING:
    # The suite runs on SQLite unless WUSONG_TEST_DATABASE_URL names another server.
    _db_url = os.environ.get("WUSONG_TEST_DATABASE_URL") or f"sqlite:///{VAR_DIR / 'test.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(_db_url, conn_max_age=0 if TESTING else 60)}
if TESTING and os.environ.get("WUSONG_TEST_DB_NAME") and "sqlite" not in _db_url:
    # Lets two test runs share one server without fighting over the test database.
    DATABASES["default"]["TEST"] = {"NAME": os.environ["WUSONG_TEST_DB_NAME"]}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE: a writing transaction takes the write lock when it begins, so two
    # requests that check a balance and then write are serialised, as on PostgreSQL
    # with SELECT ... FOR UPDATE.
    DATABASES["default"].setdefault("OPTIONS", {}).update(timeout=20, transaction_mode="IMMEDIATE")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "registry.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("WUSONG_MEDIA_ROOT", VAR_DIR / "media"))
if TESTING:
    MEDIA_ROOT = VAR_DIR / "test-media"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
if os.environ.get("WUSONG_STORAGE", "").lower() == "s3":
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL")
    AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME")
    AWS_QUERYSTRING_AUTH = True
    AWS_DEFAULT_ACL = None
WHITENOISE_USE_FINDERS = DEBUG

# E-mail to applicants when their project is approved; off unless configured.
WUSONG_NOTIFY_EMAIL = env_bool("WUSONG_NOTIFY_EMAIL", False)
WUSONG_SITE_URL = os.environ.get("WUSONG_SITE_URL", "")  # for absolute links in e-mails
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "wusong@localhost")

# The office's name as it signs documents such as approval certificates.
WUSONG_OFFICE_NAME = os.environ.get("WUSONG_OFFICE_NAME", "宝山区科学技术委员会")

# Attachments: the largest file accepted, in bytes (default 20 MB).
WUSONG_ATTACHMENT_MAX_BYTES = int(os.environ.get("WUSONG_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024))
# Who approves a disbursement, level by level: one or two roles.
WUSONG_DISBURSEMENT_APPROVAL_ROLES = env_list(
    "WUSONG_DISBURSEMENT_APPROVAL_ROLES", "officer,leader"
)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an anonymous caller is then told 401 with how to authenticate.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "wusong.api_errors.exception_handler",
    "COERCE_DECIMAL_TO_STRING": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Wusong API",
    "DESCRIPTION": "Programmes, calls, declarations and formal review. Amounts are decimal strings in yuan.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # No validator badge: it would send the schema to an outside server.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "ENUM_NAME_OVERRIDES": {
        "ProgrammeKindEnum": "wusong.calls.models.Programme.Kind",
        "CallFieldKindEnum": "wusong.calls.models.CallField.Kind",
        "AttachmentKindEnum": "wusong.calls.models.Attachment.Kind",
        "OrganisationKindEnum": "wusong.registry.models.Organisation.Kind",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("WUSONG_LOG_LEVEL", "WARNING")},
}
