"""Settings of the platform, read from the environment.

Without any variable the site runs for development: SQLite in the project, Celery tasks
run in-process, e-mails written to files. Production sets DATABASE_URL,
CELERY_BROKER_URL, CACHE_URL, SECRET_KEY and ALLOWED_HOSTS (see README).
"""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from ruisss.env import env_bool, env_int, env_list, env_required, env_str, require_served_site_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
if DEBUG:
    SECRET_KEY = env_str("SECRET_KEY", "dev-only-key-never-used-in-production-7c1f0e2a9b")
else:
    SECRET_KEY = env_required("SECRET_KEY", "quand DEBUG est désactivé")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The links of every e-mail start with SITE_URL: a host the site refuses would send each
# reader to an error page.
require_served_site_url(SITE_URL, ALLOWED_HOSTS)

INSTALLED_APPS = [
    # Before the admin, whose forms it extends with a field per language.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_filters",
    "messagerie",
    "communaute",
    "ressources",
    "temoignages",
    "formation",
    "activites",
    "recrutement",
    "jumelage",
    "accompagnement",
    "mentorat",
    "coordination",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the session and CSRF middlewares, so it sees the Vary: Cookie they add.
    "ruisss.middleware.PrivatePagesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "communaute.second_factor.SecondFactorMiddleware",
]

ROOT_URLCONF = "ruisss.urls"
WSGI_APPLICATION = "ruisss.wsgi.application"
ASGI_APPLICATION = "ruisss.asgi.application"

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
                "communaute.context_processors.roles",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHE_URL = env_str("CACHE_URL")
if CACHE_URL:
    # Rate limits live in this cache: when Redis is unreachable the wrapper counts in the
    # process's memory instead, so logging in never depends on Redis (ruisss/cache.py).
    CACHES = {"default": {"BACKEND": "ruisss.cache.FallbackRedisCache",
                          "LOCATION": CACHE_URL,
                          "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}}
else:
    # A database cache is shared by every process, so rate limits hold across workers.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                          "LOCATION": "ruisss_cache"}}

AUTH_USER_MODEL = "communaute.User"
AUTHENTICATION_BACKENDS = [
    "communaute.backends.ModelBackend",
    "communaute.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "espace"
ACCOUNT_LOGOUT_REDIRECT_URL = "accueil"

ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Communauté RUISSS UL] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# allauth's limits, and the platform's own for every form that makes the site send an
# e-mail (views call allauth.core.ratelimit.consume with these actions). "signup" counts
# accounts opened from one address, whichever form opens them; "mail_to_address" counts
# e-mails sent to one address typed into a form, whoever types it.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,5/5m/key",
    "signup": "20/h/ip",
    "reset_password": "5/h/ip,3/h/key",
    "confirm_email": "3/5m/key",
    "mail_to_address": "3/h/key",
    "team_invite": "20/h/user",
    "observation": "5/h/user",
    "enrolment": "20/h/user",
    "support_request": "10/h/user",
    "support_message": "20/h/user",
    "plan_comment": "20/h/user",
    "activity_registration": "20/h/user",
}
# Behind a reverse proxy every request comes from the proxy: allauth then reads the client
# from X-Forwarded-For, counting this many proxies from the right (Caddy in compose: 1).
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Second factor (TOTP with recovery codes). Coordinators and staff must use one before
# any other page (communaute/second_factor.py); everyone else may turn it on.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Communauté RUISSS UL"
ACCOUNT_ADAPTER = "communaute.adapters.AccountAdapter"

LANGUAGE_CODE = "fr-ca"
LANGUAGES = [("fr-ca", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Reference lists (regions, health topics, courses, establishments) are written in both
# languages (each app's translation.py); a value missing in English shows in French.
MODELTRANSLATION_DEFAULT_LANGUAGE = "fr-ca"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fr-ca",)
TIME_ZONE = "America/Toronto"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Files coordinators upload (resources, activity documents). Never served from a public
# URL: each download goes through a view that checks who asks and counts it.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
UPLOAD_MAX_MB = env_int("UPLOAD_MAX_MB", 10)

EMAIL_BACKEND_PATH = env_str("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
if EMAIL_BACKEND_PATH.endswith("filebased.EmailBackend"):
    EMAIL_OPTIONS = {"file_path": env_str("EMAIL_FILE_PATH", str(VAR_DIR / "courriels"))}
elif EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    EMAIL_OPTIONS = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25),
        "username": env_str("EMAIL_HOST_USER"),
        "password": env_str("EMAIL_HOST_PASSWORD"),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
        "timeout": env_int("EMAIL_TIMEOUT", 20),
    }
else:
    EMAIL_OPTIONS = {}
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH, "OPTIONS": EMAIL_OPTIONS}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL",
                             "Communauté RUISSS UL <communaute@ruisss.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5}
CELERY_TASK_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    # With messagerie.sending's STALE_CLAIM, a worker's crash delays its e-mail about a
    # minute or two.
    "notifications-non-envoyees": {
        "task": "messagerie.tasks.sweep_unsent_notifications",
        "schedule": 60.0,
    },
    "membres-resume-quotidien": {
        "task": "communaute.tasks.send_new_members_digest",
        "schedule": crontab(hour=7, minute=30),
    },
    "membres-conservation": {
        "task": "communaute.tasks.apply_retention_policy",
        "schedule": crontab(hour=3, minute=15),
    },
    "jumelage-rappels-invitations": {
        "task": "jumelage.tasks.send_invitation_reminders",
        "schedule": 3600.0,
    },
    # Every hour: an accepted engagement starts within the first hour of its project's
    # start date.
    "jumelage-debut-engagements": {
        "task": "jumelage.tasks.start_due_engagements",
        "schedule": crontab(minute=5),
    },
    "jumelage-resume-demandes": {
        "task": "jumelage.tasks.send_match_request_digest",
        "schedule": crontab(hour=8, minute=0),
    },
    "formation-rappels-seances": {
        "task": "formation.tasks.send_session_reminders",
        "schedule": 3600.0,
    },
    "activites-rappels": {
        "task": "activites.tasks.send_activity_reminders",
        "schedule": 3600.0,
    },
    "sessions-purge": {
        "task": "communaute.tasks.purge_sessions",
        "schedule": crontab(hour=4, minute=0),
    },
    "mentorat-bilans": {
        "task": "mentorat.tasks.send_check_ins",
        "schedule": crontab(hour=9, minute=0),
    },
}

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    # The admin's widgets set inline style attributes; scripts stay strictly external.
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
