from drf_spectacular.utils import extend_schema, inline_serializer
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
