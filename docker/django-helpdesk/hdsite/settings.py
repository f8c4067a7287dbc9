"""Settings of a local django-helpdesk instance for development (`make run`) and end-to-end tests.

Not for production: SQLite, the Django development server, console e-mail, loopback only.

Environment:
  HD_DB                 path of the SQLite database (default: db.sqlite3 next to manage.py)
  HD_SECRET_KEY         Django secret key (a fixed dev-only default otherwise)
  HD_FOLLOWUP_WEBHOOK   URL that receives every new follow-up as JSON (unset: no webhook)
  HD_DEBUG              "0" turns DEBUG off (static files are then not served)
  HD_PLUGIN_DIR         directory holding the bridge's Django app social_bridge_helpdesk (default: the
                        repository's bridge/helpdesks/django_helpdesk/plugin)
"""
import os
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
# The bridge's app for django-helpdesk (`social-bridge plugin build django-helpdesk` packs the same files).
PLUGIN_DIR = Path(os.environ.get("HD_PLUGIN_DIR")
                  or BASE_DIR.parent.parent / "bridge" / "helpdesks" / "django_helpdesk" / "plugin")
if PLUGIN_DIR.is_dir() and str(PLUGIN_DIR) not in sys.path:
    sys.path.insert(0, str(PLUGIN_DIR))
DB_PATH = Path(os.environ.get("HD_DB") or BASE_DIR / "db.sqlite3")

# DEV-ONLY default: anyone who reads this file knows it. Set HD_SECRET_KEY for anything shared.
SECRET_KEY = os.environ.get("HD_SECRET_KEY") or "dev-only-insecure-django-helpdesk-secret-key"
DEBUG = os.environ.get("HD_DEBUG", "1") != "0"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",  # helpdesk builds links in e-mails from the Site
    "django.contrib.humanize",  # used by helpdesk templates
    "rest_framework",
    "rest_framework.authtoken",  # the bridge authenticates with a DRF token
    "social_bridge_helpdesk",  # before "helpdesk": its templates replace some of helpdesk's
    "helpdesk",
]
SITE_ID = 1

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "hdsite.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
WSGI_APPLICATION = "hdsite.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(DB_PATH),
        # Webhooks are sent inside the request and a refused connection raises: without one
        # transaction per request that leaves a ticket or follow-up behind with HTTP 500.
        "ATOMIC_REQUESTS": True,
        # Concurrent writers (agents plus several bridge workers) wait for the lock instead of failing:
        # a deferred transaction that later writes gets "database is locked" at once, busy timeout or not.
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
    }
}

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
STATIC_URL = "static/"
MEDIA_ROOT = str(DB_PATH.parent / "media")  # attachments live next to the database
MEDIA_URL = "/media/"  # served by the site itself while DEBUG (urls.py); by the web server in production
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGIN_URL = "/helpdesk/login/"
LOGIN_REDIRECT_URL = "/helpdesk/"  # agents land on the helpdesk dashboard, not /accounts/profile/

# No mail server locally: a notification to the submitter over SMTP would fail the request.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.BasicAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
}

# ---- django-helpdesk -------------------------------------------------------------------------
from social_bridge_helpdesk.webhook import followup_webhook_urls  # noqa: E402  (after sys.path is set)

HELPDESK_TEAMS_MODE_ENABLED = False  # True would need the pinax-teams app
HELPDESK_API_ENABLED = True  # REST API at /helpdesk/api/
# Off (the default): any is_staff user reaches every queue, which the bridge user relies on.
# The seed grants the queue permission too, so turning this on keeps the bridge working.
HELPDESK_ENABLE_PER_QUEUE_STAFF_PERMISSION = False


def no_webhook_urls() -> list[str]:
    return []


# django-helpdesk reads HELPDESK_FOLLOWUP_WEBHOOK_URLS only from the environment; a setting of that name
# does nothing. The callable below is what it calls for each follow-up.
SOCIAL_BRIDGE_WEBHOOK_URL = os.environ.get("HD_FOLLOWUP_WEBHOOK", "").strip()
HELPDESK_GET_FOLLOWUP_WEBHOOK_URLS = followup_webhook_urls
# The bridge creates tickets itself; it has no use for the new-ticket webhook. Set explicitly so a
# stray HELPDESK_NEW_TICKET_WEBHOOK_URLS in the environment cannot turn it on.
HELPDESK_GET_NEW_TICKET_WEBHOOK_URLS = no_webhook_urls
HELPDESK_WEBHOOK_TIMEOUT = 5
