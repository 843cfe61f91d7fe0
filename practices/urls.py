from django.urls import path

from practices import api, board_api, board_views, pledge_api, pledge_views, shadow_api, shadow_views, views

app_name = "practices"

urlpatterns = [
    path("", views.practice_list, name="list"),
    path("collections/", views.collection_list, name="collections"),
    path("collections/<slug:slug>/", views.collection_detail, name="collection"),
    path("collections/<slug:slug>/matrix.csv", views.collection_matrix_csv, name="matrix_csv"),
    path("collections/<slug:slug>/compare/", views.collection_compare, name="compare"),
    path("collections/<slug:slug>/board/", board_views.collection_board, name="collection_board"),
    path("collections/<slug:slug>/board/pledges.csv", board_views.collection_board_csv, name="collection_board_csv"),
    path("collections/<slug:slug>/board/feed.atom", board_views.collection_board_feed, name="collection_board_feed"),
    path("board/", board_views.network_board, name="board"),
    path("board/cities.csv", board_views.network_board_csv, name="board_csv"),
    path("board/feed.atom", board_views.network_board_feed, name="board_feed"),
    path("board/cities/<slug:city_slug>/", board_views.city_board, name="city_board"),
    path("board/cities/<slug:city_slug>/pledges.csv", board_views.city_board_csv, name="city_board_csv"),
    path("board/cities/<slug:city_slug>/feed.atom", board_views.city_board_feed, name="city_board_feed"),
    path("suggest/", views.suggestion_create, name="suggest"),
    path("suggestions/", views.suggestion_list, name="suggestions"),
    path("adoptions/<slug:city_slug>/record/", views.adoption_record, name="adoption_record"),
    path("adoptions/<int:pk>/verify/", views.adoption_verify, name="adoption_verify"),
    path("pledges/new/<slug:city_slug>/", pledge_views.pledge_create, name="pledge_create"),
    path("pledges/<int:pk>/", pledge_views.pledge_detail, name="pledge"),
    path("pledges/<int:pk>/edit/", pledge_views.pledge_edit, name="pledge_edit"),
    path("pledges/<int:pk>/report/", pledge_views.pledge_report, name="pledge_report"),
    path("pledges/<int:pk>/shadow/", shadow_views.shadow_report_create, name="shadow_create"),
    path("pledges/<int:pk>/<str:move>/", pledge_views.pledge_move, name="pledge_move"),
    path("shadow-reports/<int:pk>/answer/", shadow_views.shadow_answer_create, name="shadow_answer"),
    path("shadow-reports/<int:pk>/flag/", shadow_views.shadow_report_flag, name="shadow_flag"),
    path("<slug:slug>/", views.practice_detail, name="detail"),
    path("<slug:slug>/follow/", views.practice_follow, name="follow"),
    path("<slug:slug>/cities/<slug:city_slug>/", views.adoption_detail, name="adoption"),
]

staff_urlpatterns = [
    path("", views.staff_queue, name="queue"),
    path("create/", views.staff_practice_create, name="create"),
    path("suggestions/", views.staff_suggestions, name="suggestions"),
    path("suggestions/<int:pk>/", views.staff_suggestion, name="suggestion"),
    path("adoptions/", views.staff_adoptions, name="adoptions"),
    path("pledges/", pledge_views.staff_pledges, name="pledges"),
    path("shadow-reports/", shadow_views.staff_shadow_reports, name="shadow_reports"),
    path("shadow-reports/<int:pk>/<str:move>/", shadow_views.staff_shadow_move, name="shadow_move"),
    path("ratings/<int:pk>/<str:decision>/", views.staff_rating_decide, name="rating_decide"),
    path("<slug:slug>/edit/", views.staff_practice_edit, name="edit"),
    path("<slug:slug>/translations/<str:language>/", views.staff_practice_translate, name="translate"),
    path(
        "collections/<slug:slug>/translations/<str:language>/",
        views.staff_collection_translate,
        name="collection_translate",
    ),
    path("<slug:slug>/rating/", views.staff_rating_propose, name="rating"),
    path("<slug:slug>/<str:move>/", views.staff_practice_move, name="move"),
]

api_urlpatterns = [
    path("practices/", api.PracticeListApi.as_view(), name="practices"),
    path("practices/<slug:slug>/", api.PracticeDetailApi.as_view(), name="practice"),
    path("collections/", api.CollectionListApi.as_view(), name="collections"),
    path("collections/<slug:slug>/", api.CollectionDetailApi.as_view(), name="collection"),
    path("collections/<slug:slug>/matrix/", api.CollectionMatrixApi.as_view(), name="collection_matrix"),
    path("adoptions/", api.AdoptionListApi.as_view(), name="adoptions"),
    path("pledges/", pledge_api.PledgeListApi.as_view(), name="pledges"),
    path("pledges/<int:pk>/", pledge_api.PledgeDetailApi.as_view(), name="pledge"),
    path("pledges/<int:pk>/reports/", pledge_api.PledgeReportCreateApi.as_view(), name="pledge_reports"),
    path(
        "pledges/<int:pk>/shadow-reports/", shadow_api.ShadowReportListCreateApi.as_view(), name="pledge_shadow_reports"
    ),
    path("shadow-reports/<int:pk>/answer/", shadow_api.ShadowAnswerCreateApi.as_view(), name="shadow_answer"),
    path("shadow-reports/<int:pk>/flag/", shadow_api.ShadowFlagCreateApi.as_view(), name="shadow_flag"),
    path("shadow-reports/<int:pk>/hide/", shadow_api.ShadowHideApi.as_view(), name="shadow_hide"),
    path("shadow-reports/<int:pk>/restore/", shadow_api.ShadowRestoreApi.as_view(), name="shadow_restore"),
    path("board/cities/", board_api.BoardCityListApi.as_view(), name="board_cities"),
    path("board/pledges/", board_api.BoardPledgeListApi.as_view(), name="board_pledges"),
    path("challenges/<int:pk>/matches/", api.ChallengeMatchesApi.as_view(), name="challenge_matches"),
]
