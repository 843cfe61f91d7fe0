from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.db import transaction

from network.accounts import tasks
from network.accounts.language import set_language_cookie


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        data = form.cleaned_data
        user.handle = data["handle"]
        user.affiliation_kind = data.get("affiliation_kind", "")
        user.affiliation = data.get("affiliation", "")
        user.preferred_language = data.get("preferred_language") or settings.LANGUAGE_CODE
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render now (the request is at hand), deliver from a Celery task once the transaction commits."""
        request = self.request
        context = {"request": request, "email": email, "current_site": get_current_site(request), **context}
        message = self.render_mail(template_prefix, email, context)
        html = next(
            (content for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"), ""
        )
        payload = {
            "subject": message.subject,
            "body": message.body,
            "from_email": message.from_email,
            "to": list(message.to),
            "html": html,
        }
        transaction.on_commit(lambda: tasks.deliver_email.delay(**payload))

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        return set_language_cookie(response, user.preferred_language)
