from django.urls import path

from exchanges import api, views

app_name = "exchanges"

urlpatterns = [
    path("", views.register, name="register"),
    path("register.csv", views.register_csv, name="register_csv"),
    path("feed.atom", views.register_feed, name="feed"),
    path("partners/", views.partner_list, name="partners"),
    path("partners/create/", views.partner_create, name="partner_create"),
    path("partners/<int:pk>/", views.partner_detail, name="partner"),
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
]
