"""The set-password pages an officer's one-time link leads to: Django's own password-reset
views, drawn with the site's templates (``wusong/web/templates/registration/``).

``django.contrib.admin`` comes first among the apps and ships templates of the same names,
so the site's are looked up in the web app's template folder explicitly."""

from pathlib import Path

from django.apps import apps
from django.contrib.auth import views as auth_views
from django.template import engines
from django.template.backends.django import Template as BackendTemplate
from django.template.response import TemplateResponse


def site_template(name: str) -> BackendTemplate:
    """Template `name` from wusong/web/templates, skipping any app that shadows it."""
    backend = engines["django"]
    engine = backend.engine
    web_dir = str(Path(apps.get_app_config("web").path) / "templates")
    skip = [
        origin
        for loader in engine.template_loaders
        for origin in loader.get_template_sources(name)
        if not str(origin.name).startswith(web_dir)
    ]
    template, _origin = engine.find_template(name, skip=skip)
    return BackendTemplate(template, backend)


class _SiteTemplateMixin:
    def render_to_response(self, context, **response_kwargs):
        response_kwargs.setdefault("content_type", self.content_type)
        return TemplateResponse(
            self.request, site_template(self.template_name), context, **response_kwargs
        )


class SetPasswordView(_SiteTemplateMixin, auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"


class SetPasswordDoneView(_SiteTemplateMixin, auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


set_password = SetPasswordView.as_view()
set_password_done = SetPasswordDoneView.as_view()
