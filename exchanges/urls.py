from django.urls import path

from exchanges import api, views
from exchanges.funding import api as funding_api
from exchanges.funding import views as funding_views

app_name = "exchanges"

urlpatterns = [
    path("", views.register, name="register"),
    path("register.csv", views.register_csv, name="register_csv"),
    path("register-funders.csv", views.register_funders_csv, name="register_funders_csv"),
    path("feed.atom", views.register_feed, name="feed"),
    path("partners/", views.partner_list, name="partners"),
    path("partners/create/", views.partner_create, name="partner_create"),
    path("partners/<int:pk>/", views.partner_detail, name="partner"),
    path("funding/", funding_views.funding_list, name="funding_list"),
    path("funding/<int:pk>/", funding_views.funding_detail, name="funding"),
    path("funding/<int:pk>/follow/", funding_views.funding_follow, name="funding_follow"),
    path("mine/", views.my_proposals, name="mine"),
    path("propose/<slug:city_slug>/", views.proposal_create, name="propose"),
    path("comments/<int:pk>/report/", views.comment_report, name="comment_report"),
    path("<int:pk>/", views.proposal_detail, name="proposal"),
    path("<int:pk>/edit/", views.proposal_edit, name="edit"),
    path("<int:pk>/comment/", views.comment_create, name="comment"),
    path("<int:pk>/letter/", views.rejection_letter, name="letter"),
    path("<int:pk>/<str:move>/", views.proposal_move, name="move"),
]

staff_urlpatterns = [
    path("", views.staff_queue, name="queue"),
    path("reviews/", views.reviewer_dashboard, name="reviews"),
    path("funding/create/", funding_views.funding_create, name="funding_create"),
    path("funding/<int:pk>/edit/", funding_views.funding_edit, name="funding_edit"),
    path("funding/<int:pk>/archive/", funding_views.funding_archive, name="funding_archive"),
    path("partners/<int:pk>/findings/create/", views.finding_create, name="finding_create"),
    path("partners/<int:pk>/verify/", views.partner_verify, name="partner_verify"),
    path("findings/<int:pk>/verify/", views.finding_verify, name="finding_verify"),
    path("comments/<int:pk>/hide/", views.comment_hide, name="comment_hide"),
    path("conditions/<int:pk>/done/", views.condition_done, name="condition_done"),
    path("<int:pk>/", views.staff_proposal, name="proposal"),
    path("<int:pk>/review/", views.review, name="review"),
]

api_urlpatterns = [
    path("partners/", api.PartnerListApi.as_view(), name="partners"),
    path("partners/<int:pk>/", api.PartnerDetailApi.as_view(), name="partner"),
    path("findings/", api.FindingListApi.as_view(), name="findings"),
    path("proposals/", api.ProposalListApi.as_view(), name="proposals"),
    path("proposals/<int:pk>/", api.ProposalDetailApi.as_view(), name="proposal"),
    path("proposals/<int:pk>/<str:move>/", api.ProposalMoveApi.as_view(), name="proposal_move"),
    path("exchange-register/", api.RegisterApi.as_view(), name="exchange_register"),
    path("funding/", funding_api.FundingListApi.as_view(), name="funding"),
    path("funding/<int:pk>/", funding_api.FundingDetailApi.as_view(), name="funding_opportunity"),
    path("funding/<int:pk>/archive/", funding_api.FundingArchiveApi.as_view(), name="funding_archive"),
]
