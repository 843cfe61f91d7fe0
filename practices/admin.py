from django.contrib import admin

from network.read_only_admin import ReadOnlyModelAdmin
from practices.models import Adoption, Collection, Practice, RatingProposal, Suggestion


# The library changes only through the services (two-person rule, history, audit); the admin shows what is stored.
@admin.register(Practice)
class PracticeAdmin(ReadOnlyModelAdmin):
    list_display = ["title", "kind", "rating", "status", "review_due_on"]
    list_filter = ["status", "rating", "kind"]
    search_fields = ["title"]
    exclude = ["search_vector", "body_html", "created_by", "submitted_by", "rating_set_by", "suggested_by", "related"]


@admin.register(Collection)
class CollectionAdmin(ReadOnlyModelAdmin):
    list_display = ["title", "slug", "position"]


@admin.register(Adoption)
class AdoptionAdmin(ReadOnlyModelAdmin):
    list_display = ["city", "practice", "status", "source", "updated_at"]
    list_filter = ["status", "source"]
    list_select_related = ["city", "practice"]
    exclude = ["recorded_by", "verified_by"]


@admin.register(RatingProposal)
class RatingProposalAdmin(ReadOnlyModelAdmin):
    list_display = ["practice", "rating", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["practice"]
    exclude = ["proposed_by", "decided_by"]


@admin.register(Suggestion)
class SuggestionAdmin(ReadOnlyModelAdmin):
    list_display = ["title", "status", "created_at"]
    list_filter = ["status"]
    exclude = ["suggested_by", "decided_by"]
