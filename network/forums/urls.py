from django.urls import path

from network.forums import views
from network.forums.api_urls import api_urlpatterns, page_urlpatterns

app_name = "forums"

urlpatterns = [
    *page_urlpatterns,
    path("", views.index, name="index"),
    path("moderation/", views.moderation_queue, name="moderation"),
    path("blocks/", views.blocks, name="blocks"),
    path("new/", views.forum_create, name="forum_create"),
    path("topics/<int:pk>/", views.topic_page, name="topic"),
    path("topics/<int:pk>/reply/", views.reply, name="reply"),
    path("topics/<int:pk>/moderate/", views.topic_moderate, name="topic_moderate"),
    path("topics/<str:key>/follow/", views.follow, {"kind": "topic"}, name="topic_follow"),
    path("posts/<int:pk>/", views.post_link, name="post"),
    path("posts/<int:pk>/edit/", views.post_edit, name="post_edit"),
    path("posts/<int:pk>/delete/", views.post_delete, name="post_delete"),
    path("posts/<int:pk>/history/", views.post_history, name="post_history"),
    path("posts/<int:pk>/react/", views.post_react, name="post_react"),
    path("posts/<int:pk>/report/", views.post_report, name="post_report"),
    path("posts/<int:pk>/moderate/", views.post_moderate, name="post_moderate"),
    path("posts/<int:pk>/sanction/", views.post_sanction, name="post_sanction"),
    path("posts/<int:pk>/unmask/", views.post_unmask, name="post_unmask"),
    path("<slug:slug>/", views.forum_page, name="forum"),
    path("<slug:slug>/new/", views.topic_create, name="topic_create"),
    path("<slug:key>/follow/", views.follow, {"kind": "forum"}, name="forum_follow"),
    path("<slug:slug>/moderation/", views.moderation_queue, name="forum_moderation"),
    path("<slug:slug>/members/", views.members, name="members"),
    path("<slug:slug>/edit/", views.forum_edit, name="forum_edit"),
]

__all__ = ["api_urlpatterns", "app_name", "urlpatterns"]
