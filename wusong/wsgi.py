"""WSGI entry point for Wusong."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wusong.settings")
application = get_wsgi_application()
