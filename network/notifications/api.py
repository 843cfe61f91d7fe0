import django_filters
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from network.notifications import selectors, services
from network.notifications.models import Notification
from network.pagination import KeysetPagination


class NotificationTargetSerializer(serializers.Serializer):
    type = serializers.CharField(source="target_type")
    id = serializers.CharField(source="target_id")
    label = serializers.CharField(source="target_label")
    url = serializers.CharField(source="target_url")


class NotificationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField(source="event.kind")
    summary = serializers.CharField(help_text="One line, in the language of the request.")
    actor = serializers.CharField(source="actor_label", help_text="The handle of who acted, or empty.")
    target = NotificationTargetSerializer(source="event")
    data = serializers.JSONField(source="event.data")
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)

    def to_representation(self, notification) -> dict:
        # The fields above, written out directly: a page holds fifty notifications, and the generic field-by-field
        # walk was close to half of the list's time. The fields describe the schema; a test holds the two equal.
        event = notification.event
        return {
            "id": notification.id,
            "kind": event.kind,
            "summary": str(notification.summary),
            "actor": notification.actor_label,
            "target": {
                "type": event.target_type,
                "id": event.target_id,
                "label": event.target_label,
                "url": event.target_url,
            },
            "data": event.data,
            "created_at": _STAMP.to_representation(notification.created_at),
            "read_at": _STAMP.to_representation(notification.read_at),
        }


_STAMP = serializers.DateTimeField()


class NotificationFilter(django_filters.FilterSet):
    unread = django_filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        method="filter_unread",
        label="true: only unread; false: only read",
    )

    class Meta:
        model = Notification
        fields = ["unread"]

    def filter_unread(self, queryset, name, value):
        return queryset.filter(read_at__isnull=value == "true")


class NotificationPagination(KeysetPagination):
    # The inbox's order and index (`notification_inbox`, or `notification_unread` for `?unread=true`): newest
    # first; notifications of the same moment are told apart by the cursor's offset, as the id breaks the tie.
    ordering = ("-created_at", "-id")


class NotificationListApi(generics.ListAPIView):
    """Your own notifications, newest first (filter: unread), paged by cursor: follow `next` until it is null."""

    permission_classes = [IsAuthenticated]
    pagination_class = NotificationPagination
    serializer_class = NotificationOutputSerializer
    filterset_class = NotificationFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no signed-in person
            return Notification.objects.none()
        return selectors.inbox(user=self.request.user)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return selectors.with_summaries(page) if page is not None else page


class NotificationReadApi(APIView):
    """Mark one of your notifications as read."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses=NotificationOutputSerializer)
    def post(self, request, pk: int):
        try:
            services.notification_mark_read(user=request.user, notification_id=pk)
        except Notification.DoesNotExist:
            raise NotFound from None
        notification = selectors.with_summaries(selectors.inbox(user=request.user).filter(pk=pk))[0]
        return Response(NotificationOutputSerializer(notification).data)


class NotificationReadAllApi(APIView):
    """Mark all your notifications as read."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses=inline_serializer("ReadAll", {"marked": serializers.IntegerField()}))
    def post(self, request):
        return Response({"marked": services.notifications_mark_all_read(user=request.user)})
