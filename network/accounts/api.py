from django.conf import settings
from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from network.accounts import services
from network.accounts.forms import clean_handle_value
from network.accounts.models import AffiliationKind, handle_validator
from network.accounts.permissions import user_roles


class MeOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    handle = serializers.CharField()
    email = serializers.EmailField(help_text="Your own address; never shown to anyone else.")
    affiliation_kind = serializers.CharField()
    affiliation = serializers.CharField()
    preferred_language = serializers.CharField()
    roles = serializers.ListField(child=serializers.CharField())
    date_joined = serializers.DateTimeField()


class MeInputSerializer(serializers.Serializer):
    handle = serializers.CharField(max_length=30, required=False, validators=[handle_validator])
    affiliation_kind = serializers.ChoiceField(choices=AffiliationKind.choices, required=False)
    affiliation = serializers.CharField(max_length=200, required=False, allow_blank=True)
    preferred_language = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)

    def validate_handle(self, value: str) -> str:
        try:
            return clean_handle_value(value, exclude_pk=self.context["request"].user.pk)
        except ValidationError as error:
            raise serializers.ValidationError(error.messages) from None


def _me_payload(user) -> dict:
    return {
        "id": user.pk,
        "handle": user.handle,
        "email": user.email,
        "affiliation_kind": user.affiliation_kind,
        "affiliation": user.affiliation,
        "preferred_language": user.preferred_language,
        "roles": sorted(str(role) for role in user_roles(user)),
        "date_joined": user.date_joined,
    }


class MeApi(APIView):
    """The signed-in person's own account."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=MeOutputSerializer)
    def get(self, request):
        return Response(MeOutputSerializer(_me_payload(request.user)).data)

    @extend_schema(request=MeInputSerializer, responses=MeOutputSerializer)
    def patch(self, request):
        serializer = MeInputSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        user = request.user
        fields = {
            "handle": user.handle,
            "affiliation_kind": user.affiliation_kind,
            "affiliation": user.affiliation,
            "preferred_language": user.preferred_language,
            **serializer.validated_data,
        }
        user = services.user_update_profile(actor=request.user, user=user, **fields)
        return Response(MeOutputSerializer(_me_payload(user)).data)
