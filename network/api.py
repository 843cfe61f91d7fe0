from django.conf import settings
from django.core.signals import setting_changed
from django.http import HttpResponse, JsonResponse
from django.urls import get_urlconf
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from drf_spectacular.views import SpectacularAPIView
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from network.shell import api_resources


def _root_schema():
    fields = {resource.key: serializers.URLField() for resource in api_resources()}
    return inline_serializer("ApiRoot", {**fields, "schema": serializers.URLField(), "docs": serializers.URLField()})


class ApiRootApi(APIView):
    """Where the API's resources and its documentation are."""

    permission_classes = [AllowAny]

    @extend_schema(responses=_root_schema())
    def get(self, request):
        links = {resource.key: reverse(resource.url_name, request=request) for resource in api_resources()}
        links["schema"] = reverse("api_schema", request=request)
        links["docs"] = reverse("api_docs", request=request)
        return Response(links)


# The schema changes only with the code: generated (about 100 ms) and rendered (about 75 ms as YAML) once per process,
# language and format, not on every request, where anyone could keep a worker busy asking for it. Only the platform's
# languages are kept (`?lang=` takes any text); a change of settings (tests) empties the memo.
_SERVED: dict[tuple, tuple[bytes, str]] = {}


def _forget_served(**kwargs) -> None:
    _SERVED.clear()


setting_changed.connect(_forget_served, dispatch_uid="network.api_schema.served")


class SchemaView(SpectacularAPIView):
    """The OpenAPI schema, as drf-spectacular serves it, kept in memory once made."""

    @extend_schema(exclude=True)  # as SERVE_INCLUDE_SCHEMA says: the schema does not describe itself
    def get(self, request, *args, **kwargs):
        language = request.GET.get("lang")
        if language and language not in dict(settings.LANGUAGES):
            codes = ", ".join(code for code, _name in settings.LANGUAGES)
            # JSON, as every refusal of the API, whichever format of the schema was asked for.
            message = _("Not one of the platform's languages (%(codes)s).") % {"codes": codes}
            return JsonResponse({"lang": [message]}, status=400)
        return super().get(request, *args, **kwargs)

    def _get_schema_response(self, request):
        language = translation.get_language()
        key = (language, self.api_version, request.accepted_media_type, get_urlconf() or settings.ROOT_URLCONF)
        served = _SERVED.get(key)
        if served is None:
            response = super()._get_schema_response(request)
            renderer, media_type = request.accepted_renderer, request.accepted_media_type
            content = renderer.render(response.data, media_type, self.get_renderer_context())
            charset = renderer.charset
            content_type = f"{media_type}; charset={charset}" if charset and "charset" not in media_type else media_type
            served = (content, content_type)
            if language in dict(settings.LANGUAGES):
                _SERVED[key] = served
        content, content_type = served
        filename = self._get_filename(request, self.api_version)
        return HttpResponse(
            content, content_type=content_type, headers={"Content-Disposition": f'inline; filename="{filename}"'}
        )
