"""Chinese first: pages are in zh-Hans unless the person chose another language with the
switch in the page header (kept in the language cookie). A browser's Accept-Language
header does not override that default on pages, since offices' machines are often set
up in English; API clients may still ask for a language with the header."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen and translation.check_for_language(chosen):
            language = translation.get_supported_language_variant(chosen)
        elif request.path.startswith("/api/"):
            language = translation.get_language_from_request(request)
        else:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
