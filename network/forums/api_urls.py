"""The routes the forums' API, search page and feeds add: `api_urlpatterns` under /api/v1/ (the `api`
namespace), `page_urlpatterns` under /forums/ (the `forums` namespace, before the forum pages' own patterns)."""

from django.urls import path

from network.forums import api, feeds
from network.forums.search import search_page

page_urlpatterns = [
    path("search/", search_page, name="search"),
    path("topics/<int:pk>/feed.atom", feeds.topic_feed, name="topic_feed"),
    path("<slug:slug>/feed.atom", feeds.forum_feed, name="forum_feed"),
]

api_urlpatterns = [
    path("forums/", api.ForumListApi.as_view(), name="forums"),
    path("forums/search/", api.PostSearchApi.as_view(), name="forum_search"),
    path("forums/topics/<int:pk>/", api.TopicDetailApi.as_view(), name="forum_topic"),
    path("forums/topics/<int:pk>/posts/", api.TopicPostListApi.as_view(), name="forum_topic_posts"),
    path("forums/topics/<int:pk>/read/", api.TopicReadApi.as_view(), name="forum_topic_read"),
    *[
        path(f"forums/topics/<int:pk>/{move}/", view.as_view(), name=f"forum_topic_{move}")
        for move, view in api.TOPIC_MOVES.items()
    ],
    path("forums/posts/<int:pk>/", api.PostDetailApi.as_view(), name="forum_post"),
    path("forums/posts/<int:pk>/reactions/", api.PostReactionsApi.as_view(), name="forum_post_reactions"),
    path("forums/posts/<int:pk>/report/", api.PostReportApi.as_view(), name="forum_post_report"),
    *[
        path(f"forums/posts/<int:pk>/{move}/", view.as_view(), name=f"forum_post_{move}")
        for move, view in api.POST_MOVES.items()
    ],
    *[
        path(f"forums/posts/<int:pk>/{kind}/", view.as_view(), name=f"forum_post_{kind}")
        for kind, view in api.SANCTIONS.items()
    ],
    path("forums/<slug:slug>/", api.ForumDetailApi.as_view(), name="forum"),
    path("forums/<slug:slug>/topics/", api.ForumTopicListApi.as_view(), name="forum_topics"),
]


def register_api_resources() -> None:
    from network.shell import ApiResource, register_api_resource

    register_api_resource(ApiResource(key="forums", url_name="api:forums", order=60))
    register_api_resource(ApiResource(key="forum_search", url_name="api:forum_search", order=61))
