from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView


class ApiRootApi(APIView):
    """Where the API's resources and its documentation are."""

    permission_classes = [AllowAny]

    @extend_schema(
        responses=inline_serializer(
            "ApiRoot",
            {
                "me": serializers.URLField(),
                "cities": serializers.URLField(),
                "my_applications": serializers.URLField(),
                "practices": serializers.URLField(),
                "collections": serializers.URLField(),
                "adoptions": serializers.URLField(),
                "schema": serializers.URLField(),
                "docs": serializers.URLField(),
            },
        )
    )
    def get(self, request):
        return Response(
            {
                "me": reverse("api:me", request=request),
                "cities": reverse("api:cities", request=request),
                "my_applications": reverse("api:my_applications", request=request),
                "practices": reverse("api:practices", request=request),
                "collections": reverse("api:collections", request=request),
                "adoptions": reverse("api:adoptions", request=request),
                "schema": reverse("api_schema", request=request),
                "docs": reverse("api_docs", request=request),
            }
        )
