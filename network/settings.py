"""Settings for Cities for Just Policing, read only from the environment (see README, "Configuration")."""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from network.env import (
    env_bool,
    env_int,
    env_list,
    env_rate,
    env_str,
    parse_database_url,
    parse_email_url,
    parse_site_url,
    validate_redis_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_str("SECRET_KEY", required=not DEBUG) or "development-only-key-never-used-in-production"
if not DEBUG and len(SECRET_KEY) < 32:
    raise ImproperlyConfigured("SECRET_KEY must be at least 32 characters long.")
# Earlier keys, still accepted for signatures and for reading the encrypted second-factor secrets: rotate
# SECRET_KEY by moving the old value here.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", default=[])

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"], required=not DEBUG)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])

SITE_NAME = env_str("SITE_NAME", default="Cities for Just Policing")
# The address people reach the site at, for the links in email sent outside a request.
SITE_URL = parse_site_url(
    "SITE_URL",
    env_str(
        "SITE_URL", default=f"http://127.0.0.1:{env_str('PORT', default='8000')}" if DEBUG else None, required=not DEBUG
    ),
)

INSTALLED_APPS = [
    "network.accounts",
    "network.audit",
    "network.notifications",
    "cities",
    "practices",
    "network.forums",
    "exchanges",
    "network",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "network.security.SecurityHeadersMiddleware",
    "network.security.ServiceUnavailableMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "network.accounts.middleware.SignInStateMiddleware",
    "network.input_limits.RequestParametersMiddleware",
    "network.page_cache.PageCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "network.accounts.middleware.SecondFactorRequiredMiddleware",
]

ROOT_URLCONF = "network.urls"
FORM_RENDERER = "network.form_rendering.FormRenderer"
WSGI_APPLICATION = "network.wsgi.application"
ASGI_APPLICATION = "network.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "network.context_processors.site",
            ],
            # `{% url %}` with a fixed address looked up once per process (network/templatetags/fixed_urls.py).
            "builtins": ["network.templatetags.fixed_urls"],
        },
    },
]

# Database: Postgres only. `make run` and `make test` start an embedded server and set DATABASE_URL
# when it is unset; anywhere else it must be given.
_database_url = env_str("DATABASE_URL", required=True)
DATABASES = {"default": parse_database_url(_database_url, conn_max_age=env_int("DB_CONN_MAX_AGE", 0, minimum=0))}
# PostgreSQL's JIT compiles a query whose estimated cost passes `jit_above_cost`: on the large benchmark data the
# post search's count crossed it and spent 54 ms compiling a statement that ran in 30. The platform's queries are
# short; `DB_JIT=true` leaves the server's own setting (for a pooler that refuses connection options, say).
if not env_bool("DB_JIT", False):
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = " ".join(filter(None, [_options.get("options"), "-c jit=off"]))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: cache, Celery broker and result store. Without it, the cache lives in Postgres and Celery tasks run
# in-process, so a machine with only Python still runs the whole platform.
REDIS_URL = validate_redis_url("REDIS_URL", env_str("REDIS_URL"))
if REDIS_URL:
    # Bounded waits: an unreachable Redis makes requests fail fast (503), not hang until the worker is killed.
    CACHES = {
        "default": {
            "BACKEND": "network.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    # A signed-in request reads its session from Redis, and Postgres keeps the record (network/sessions.py).
    SESSION_ENGINE = "network.sessions"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "network_cache"}}

# Production without Redis still works (a system check warns); `release` creates the cache table for it.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = REDIS_URL is None
CELERY_TASK_EAGER_PROPAGATES = True
# How long a visitor's page stays in the shared cache (network/page_cache.py); 0 turns the page cache off. Every
# write to what a page shows replaces it at once: this only bounds how long a page of the past takes up memory.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600, minimum=0)
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 3, "socket_timeout": 3}
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_DEFAULT_QUEUE = "network"
CELERY_TIMEZONE = "UTC"
# No task runs longer than the hard limit, and Redis gives an unacknowledged task back to the queue only after
# the visibility timeout, which is far longer: a slow task is never handed to a second worker while it runs.
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] = 60 * 60
CELERY_TASK_IGNORE_RESULT = True
CELERY_BEAT_SCHEDULE = {
    "purge-expired-sessions": {"task": "network.tasks.purge_expired_sessions", "schedule": 60 * 60 * 24},
    "sweep-notification-outbox": {"task": "network.notifications.tasks.sweep_outbox", "schedule": 60},
    "purge-old-notifications": {
        "task": "network.notifications.tasks.purge_old_notifications",
        "schedule": 60 * 60 * 24,
    },
    "library-review-reminders": {"task": "practices.tasks.send_review_reminders", "schedule": 60 * 60 * 24},
    "pledge-reminders": {"task": "practices.tasks.send_pledge_reminders", "schedule": 60 * 60 * 24},
    "exchange-reminders": {"task": "exchanges.tasks.send_reminders", "schedule": 60 * 60 * 24},
    "funding-deadline-reminders": {"task": "exchanges.tasks.send_funding_reminders", "schedule": 60 * 60 * 24},
    "forum-ip-hash-purge": {"task": "network.forums.tasks.purge_ip_hashes", "schedule": 60 * 60 * 24},
}

# Notifications (see README, "Notifications"): digests go out at this hour (UTC); a due email whose task has not
# run after NOTIFICATIONS_REQUEUE_AFTER seconds is handed over again by the sweep; an email that fails this many
# times is marked failed.
NOTIFICATIONS_DIGEST_HOUR = env_int("NOTIFICATIONS_DIGEST_HOUR", 7, minimum=0, maximum=23)
NOTIFICATIONS_REQUEUE_AFTER = env_int("NOTIFICATIONS_REQUEUE_AFTER", 300, minimum=0)
NOTIFICATIONS_MAX_ATTEMPTS = env_int("NOTIFICATIONS_MAX_ATTEMPTS", 8, minimum=1)
# Read notifications and finished emails are forgotten after this many days (unread ones stay).
NOTIFICATIONS_RETENTION_DAYS = env_int("NOTIFICATIONS_RETENTION_DAYS", 365, minimum=1)

# Exchange vetting (see README, "Exchange vetting"): a proposal costing more than this (EUR) is flagged; the
# community comment window lasts this many days.
EXCHANGES_COST_THRESHOLD = env_int("EXCHANGES_COST_THRESHOLD", 50000, minimum=0)
EXCHANGES_COMMENT_DAYS = env_int("EXCHANGES_COMMENT_DAYS", 14, minimum=1)
# Forums (see README, "Forums"): the keyed hash of a post's IP address is blanked after FORUMS_IP_HASH_DAYS; in its
# first FORUMS_NEW_ACCOUNT_HOURS an account starts at most FORUMS_NEW_ACCOUNT_TOPICS topics, posts at most
# FORUMS_NEW_ACCOUNT_REPLIES replies and FORUMS_NEW_ACCOUNT_LINKS links a post; anyone posts at most
# FORUMS_RATE_LIMIT_POSTS posts every FORUMS_RATE_WINDOW_SECONDS; a post reported by FORUMS_REPORTS_TO_HIDE people
# is hidden until a moderator reviews it.
FORUMS_IP_HASH_DAYS = env_int("FORUMS_IP_HASH_DAYS", 30, minimum=1)
FORUMS_NEW_ACCOUNT_HOURS = env_int("FORUMS_NEW_ACCOUNT_HOURS", 24, minimum=0)
FORUMS_NEW_ACCOUNT_TOPICS = env_int("FORUMS_NEW_ACCOUNT_TOPICS", 3, minimum=0)
FORUMS_NEW_ACCOUNT_REPLIES = env_int("FORUMS_NEW_ACCOUNT_REPLIES", 10, minimum=0)
FORUMS_NEW_ACCOUNT_LINKS = env_int("FORUMS_NEW_ACCOUNT_LINKS", 2, minimum=0)
FORUMS_RATE_LIMIT_POSTS = env_int("FORUMS_RATE_LIMIT_POSTS", 6, minimum=1)
FORUMS_RATE_WINDOW_SECONDS = env_int("FORUMS_RATE_WINDOW_SECONDS", 60, minimum=1)
FORUMS_REPORTS_TO_HIDE = env_int("FORUMS_REPORTS_TO_HIDE", 3, minimum=1)
NOTIFICATIONS_FANOUT_BATCH = 1000
NOTIFICATIONS_SEND_BATCH = 100
NOTIFICATIONS_SWEEP_LIMIT = 5000

# Accounts
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

ACCOUNT_ADAPTER = "network.accounts.adapter.AccountAdapter"
MFA_ADAPTER = "network.accounts.adapter.MFAAdapter"
ACCOUNT_FORMS = {"signup": "network.accounts.forms.SignupForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
# Tell people by mail when their password, addresses or second factors change: a takeover does not go unseen.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
}
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
# Browsers treat http://localhost as secure; the WebAuthn server check needs telling in development only.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
MFA_TOTP_ISSUER = SITE_NAME
MFA_RECOVERY_CODE_COUNT = 10

# Internationalisation
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates are written one way per language (network/formats/<language>/formats.py).
FORMAT_MODULE_PATH = ["network.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Static files: served by whitenoise, hashed and compressed in production.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploaded files (letters of commitment) live here. No URL serves this folder: downloads go through views that
# check who asks. Keep it outside STATIC_ROOT and back it up with the database.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
# Small uploads stay in memory (Django's default of 2.5 MB); larger ones go to a temporary file that keeps at most
# FILE_UPLOAD_MAX_BYTES (the letter of commitment's limit), so an oversized upload is refused without filling a disk.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_BYTES = 10 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "network.uploads.BoundedTemporaryFileUploadHandler",
]

# Email
_email_url = env_str("EMAIL_URL", default="console:" if DEBUG else None, required=not DEBUG)
MAILERS = {"default": parse_email_url(_email_url)}
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", default="Cities for Just Policing <no-reply@localhost>" if DEBUG else None, required=not DEBUG
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security. Everything is on unless DEBUG; behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", default=False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies in front of us append to X-Forwarded-For: rate limits count the address just before them.
# With 0 the header is ignored, so a client cannot pick its own address.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if BEHIND_TLS_PROXY else 0, minimum=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
# Load balancers and uptime probes ask for /healthz over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    # Scripts and styles are files only: no nonce, so a page kept in the shared cache serves any visitor.
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), browsing-topics=()"
)

# Where staff and reviewers must have passed a second factor.
SECOND_FACTOR_PATH_PREFIXES = ["/admin/", "/staff/"]
# Managing an existing second factor (recovery codes, devices) needs it passed just before, except on the pages that
# ask for it.
SECOND_FACTOR_MANAGEMENT_PREFIX = "/accounts/2fa/"
SECOND_FACTOR_OPEN_PATHS = [
    "/accounts/2fa/authenticate/",
    "/accounts/2fa/reauthenticate/",
    "/accounts/2fa/webauthn/reauthenticate/",
    "/accounts/2fa/webauthn/login/",
    "/accounts/2fa/webauthn/signup/",
    "/accounts/2fa/trust/",
]

# API
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 90, minimum=1)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so that an anonymous request is answered 401 with WWW-Authenticate.
        "network.accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "EXCEPTION_HANDLER": "network.refusals.api_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "network.throttling.AnonThrottle",
        "network.throttling.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_rate("API_THROTTLE_ANON", default="60/minute"),
        "user": env_rate("API_THROTTLE_USER", default="600/minute"),
    },
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "DEFAULT_PAGINATION_CLASS": "network.pagination.NumberedPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "network.api_schema.AutoSchema",
    # JSON only: people read the API through its documentation at /api/docs/, and DRF's browsable pages would
    # need inline styles that the Content-Security-Policy refuses.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "network.input_limits.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": f"{SITE_NAME} API",
    "DESCRIPTION": "The network's public and member API.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Choice fields that several parts name alike ("kind", "status"): the one each name stands for.
    "ENUM_NAME_OVERRIDES": {
        "ChallengeKindEnum": "cities.models.ChallengeKind",
        "AdoptionStatusEnum": "practices.models.AdoptionStatus",
        "ShadowVerdictEnum": "practices.models.ShadowVerdict",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {
        "mask_one_time_keys": {"()": "network.access_log.MaskOneTimeKeys"},
        "refusals_without_traceback": {"()": "network.access_log.RefusalsWithoutTraceback"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["mask_one_time_keys", "refusals_without_traceback"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own default sends "django" records to a console of its own as well as to the root's: each
        # record would be printed twice. Here they go to the root's console only.
        "django": {"handlers": [], "level": env_str("LOG_LEVEL", default="INFO"), "propagate": True},
        "django.db.backends": {"level": "WARNING"},
        # The PDF library announces its own start-up at INFO; only its warnings matter.
        "pikepdf": {"level": "WARNING"},
        # runserver's request lines go through the same masking filter.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
