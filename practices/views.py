import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from cities.models import City
from network.htmx import whole_page_instead
from network.keyset import CURSOR_PARAMETER, OLDEST_FIRST, keyset_page
from network.page_cache import ALL_PARTS, visitor_page
from network.refusals import add_service_errors, refused
from practices import selectors, services
from practices.errors import PracticesError
from practices.filters import PracticeFilter
from practices.forms import (
    AdoptionForm,
    CollectionTranslationForm,
    CompareForm,
    MatrixFilterForm,
    MergeForm,
    NoteForm,
    PracticeForm,
    PracticeTranslationForm,
    RatingProposalForm,
    ReasonForm,
    SuggestionForm,
)
from practices.matrix_html import render_matrix_cells
from practices.models import (
    EMMIE_FIELDS,
    TRANSLATION_LANGUAGES,
    Adoption,
    AdoptionSource,
    Collection,
    Practice,
    PracticeStatus,
    RatingProposal,
    Suggestion,
)
from practices.permissions import (
    can_approve,
    can_curate,
    can_decide_suggestions,
    can_follow_practice,
    can_record_adoption,
    can_suggest,
    can_verify_adoption,
)
from practices.sections import PRACTICE_PAGE

PRACTICES_PER_PAGE = 20
MATRIX_CITIES_PER_PAGE = 100
STAFF_PER_PAGE = 25


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# --- The library -------------------------------------------------------------------------------------------


# The same address gives the whole page or, to htmx, the results only: a browser going back to an address htmx
# pushed must not be handed the cached fragment.
@visitor_page(parts=ALL_PARTS)
@require_GET
@vary_on_headers("HX-Request", "HX-Target")
def practice_list(request):
    filters = PracticeFilter(request.GET, queryset=selectors.library(request.user))
    valid = filters.is_valid()
    practices = filters.qs if valid else Practice.objects.none()
    page = Paginator(practices, PRACTICES_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = selectors.with_shown_words(list(page.object_list), get_language())
    context = {
        "filters": filters,
        "page": page,
        "page_query": _query_without_page(request),
        "searching": valid and bool((filters.form.cleaned_data.get("q") or "").strip()),
        # The filters stay folded until one is in use, so that a phone shows results on its first screen.
        "filtering": any(value for key, value in request.GET.items() if key not in {"q", "page", "sort"})
        or request.GET.get("sort", "") not in {"", "relevance", "title"},
        "can_suggest": can_suggest(request.user),
    }
    partial = request.htmx and request.htmx.target == "practice-results"
    if partial and not valid:
        return whole_page_instead(request)
    template = "practices/_practice_results.html" if partial else "practices/practice_list.html"
    return render(request, template, context, status=200 if valid else 400)


def _practice_or_404(request, slug: str) -> Practice:
    return selectors.practice_for_viewer(request.user, slug)


def _field_labels(names: list[str]) -> list[str]:
    """What a revision changed, in the words the record's form uses rather than the database's names."""
    labels = []
    for name in names:
        try:
            field = Practice._meta.get_field(name)
        except FieldDoesNotExist:
            labels.append(name.replace("_", " "))
            continue
        labels.append(str(getattr(field, "verbose_name", None) or field.related_model._meta.verbose_name_plural))
    return labels


def _revisions_with_labels(practice: Practice) -> list:
    revisions = selectors.revisions_of(practice)
    for revision in revisions:
        # A new record sets every field: listing them all says nothing.
        revision.field_labels = [] if revision.action == "create" else _field_labels(revision.fields or [])
    return revisions


def _practice_words(practice: Practice, translation, language: str) -> dict:
    """The record's words in the reader's language where staff translated them, else in English, each with the
    `lang` a screen reader needs when it is not the page's."""
    english = "en" if language != "en" else ""
    words = {}
    fields = (("title", "title"), ("summary", "summary"), ("problem", "problem"), ("body", "body_html"))
    for field, shown in (*fields, *((name, name) for name in EMMIE_FIELDS)):
        translated = getattr(translation, field, "") if translation else ""
        words[shown] = getattr(translation, shown) if translated else getattr(practice, shown)
        words[f"{field}_lang"] = "" if translated else english
    return {"words": words, "english_only": bool(english) and translation is None, "english_text": bool(english)}


@visitor_page(parts=ALL_PARTS, by_day=True)
@require_GET
def practice_detail(request, slug: str):
    practice = _practice_or_404(request, slug)
    user = request.user
    curator = can_curate(user)
    language = get_language()
    translation = selectors.practice_translation(practice, language)
    context = {
        "practice": practice,
        "translation": translation,
        **_practice_words(practice, translation, language),
        "translation_languages": TRANSLATION_LANGUAGES if curator else [],
        "sources": list(practice.sources.all()),
        "related": selectors.with_shown_words(list(practice.related.all()), language),
        "collections": list(practice.collections.all()),
        "adoption_groups": selectors.adoptions_by_status(practice),
        "revisions": _revisions_with_labels(practice),
        "follower_count": selectors.follower_count(practice),
        "following": selectors.is_following(user, practice),
        "can_follow": can_follow_practice(user),
        "can_curate": curator,
        "can_approve": curator and can_approve(user, practice),
        "pending_rating": selectors.pending_rating(practice) if curator else None,
        "represented_cities": selectors.cities_recording_for(user) if practice.is_published else [],
        "sections": PRACTICE_PAGE.render_context(request, practice),
    }
    return render(request, "practices/practice_detail.html", context)


@login_required
@require_POST
def practice_follow(request, slug: str):
    practice = get_object_or_404(Practice, slug=slug, status=PracticeStatus.PUBLISHED)
    if not can_follow_practice(request.user):
        raise PermissionDenied
    if request.POST.get("follow") == "0":
        services.practice_unfollow(actor=request.user, practice=practice)
    else:
        services.practice_follow(actor=request.user, practice=practice)
    if request.htmx:
        context = {
            "practice": practice,
            "following": selectors.is_following(request.user, practice),
            "follower_count": selectors.follower_count(practice),
            "can_follow": True,
        }
        return render(request, "practices/_follow.html", context)
    return redirect(practice)


# --- Collections and the matrix ----------------------------------------------------------------------------


@require_GET
def collection_list(request):
    return render(request, "practices/collection_list.html", {"collections": selectors.collections()})


def _matrix_filters(request, countries=None) -> tuple[MatrixFilterForm, dict]:
    form = MatrixFilterForm(request.GET, countries=countries)
    if not form.is_valid():
        return form, {}
    return form, {key: value for key, value in form.cleaned_data.items() if value}


@visitor_page(parts=("practices", "cities"))
@require_GET
def collection_detail(request, slug: str):
    collection = selectors.collection_by_slug(slug)
    items = selectors.collection_items(collection)
    entries = selectors.matrix_city_entries(items)
    form, filters = _matrix_filters(request, countries={country for _slug, _name, country in entries})
    if form.errors:
        context = {"collection": collection, "form": form, "matrix": None, "page": None}
        return render(request, "practices/collection_detail.html", context, status=400)
    cities = selectors.matrix_cities(collection, items, **filters)
    page = Paginator(cities, MATRIX_CITIES_PER_PAGE).get_page(request.GET.get("page"))
    matrix = render_matrix_cells(selectors.matrix_rows(collection, items, list(page.object_list)))
    context = {
        "collection": collection,
        "translation_languages": TRANSLATION_LANGUAGES if can_curate(request.user) else [],
        "form": form,
        "matrix": matrix,
        "page": page,
        "page_query": _query_without_page(request),
        "csv_query": _query_without_page(request),
    }
    return render(request, "practices/collection_detail.html", context)


class _Echo:
    def write(self, value):
        return value


@visitor_page(parts=("practices", "cities"))
@require_GET
def collection_matrix_csv(request, slug: str):
    """The matrix as CSV, at a stable address, with the page's filters: one row per city, one column per
    practice holding its adoption status."""
    collection = selectors.collection_by_slug(slug)
    form, filters = _matrix_filters(request)
    if form.errors:
        return HttpResponse(form.errors.as_text(), status=400, content_type="text/plain; charset=utf-8")
    items = selectors.collection_items(collection)
    cities = list(selectors.matrix_cities(collection, items, **filters))
    matrix = selectors.matrix_rows(collection, items, cities)
    writer = csv.writer(_Echo())
    header = ["city", "country", "region", "score", "out_of"] + [item.practice.slug for item in matrix.items]
    lines = [writer.writerow(header)]
    for row in matrix.rows:
        statuses = [status or "" for status in row.statuses]
        lines.append(
            writer.writerow(
                [row.city.name, row.city.country_code, row.city.region, row.score, matrix.practice_count, *statuses]
            )
        )
    # A byte-order mark first: without it, Excel reads the file as Latin-1 and garbles "Medellín".
    response = HttpResponse("\ufeff" + "".join(lines), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{collection.slug}-matrix.csv"'
    return response


@require_GET
def collection_compare(request, slug: str):
    collection = selectors.collection_by_slug(slug)
    items = selectors.collection_items(collection)
    choices = selectors.matrix_city_choices(collection, items)
    form = CompareForm(request.GET or None, city_choices=choices)
    comparison = None
    status = 200
    if request.GET:
        if form.is_valid():
            comparison = selectors.comparison(collection, items, form.cleaned_data["city"])
        else:
            status = 400
    context = {"collection": collection, "form": form, "comparison": comparison}
    return render(request, "practices/compare.html", context, status=status)


# --- Adoption ----------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def adoption_record(request, city_slug: str):
    city = get_object_or_404(City, slug=city_slug)
    if not can_record_adoption(request.user, city):
        raise PermissionDenied
    initial = {}
    practice_slug = request.GET.get("practice", "")
    if practice_slug:
        existing = selectors.adoption_of(city, practice_slug)
        if existing is not None:
            initial = {
                "status": existing.status,
                "policy_text": existing.policy_text,
                "policy_url": existing.policy_url,
                "effective_date": existing.effective_date,
            }
        initial["practice"] = practice_slug
    form = AdoptionForm(request.POST if request.method == "POST" else None, initial=initial, language=get_language())
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.adoption_record(
                    actor=request.user,
                    city=city,
                    practice=data["practice"],
                    status=data["status"],
                    policy_text=data["policy_text"],
                    policy_url=data["policy_url"],
                    effective_date=data["effective_date"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except PracticesError as error:
                return refused(request, str(error))
            else:
                messages.success(
                    request,
                    _("The adoption of “%(practice)s” by %(city)s has been recorded.")
                    % {"practice": form.practice_title(data["practice"]), "city": city.name},
                )
                return redirect("practices:adoption", data["practice"].slug, city.slug)
    context = {"city": city, "form": form, "verified": can_verify_adoption(request.user)}
    return render(request, "practices/adoption_form.html", context, status=status)


@require_GET
def adoption_detail(request, slug: str, city_slug: str):
    practice = _practice_or_404(request, slug)
    adoption = selectors.adoption_in(practice, city_slug)
    selectors.with_shown_words([practice], get_language())
    context = {
        "practice": practice,
        "adoption": adoption,
        "history": selectors.adoption_history(adoption),
        "can_record": can_record_adoption(request.user, adoption.city) and practice.is_published,
        "can_verify": can_verify_adoption(request.user) and adoption.source != AdoptionSource.VERIFIED,
        "verify_form": NoteForm(),
    }
    return render(request, "practices/adoption_detail.html", context)


@login_required
@require_POST
def adoption_verify(request, pk: int):
    adoption = get_object_or_404(Adoption.objects.select_related("city", "practice"), pk=pk)
    if not can_verify_adoption(request.user):
        raise PermissionDenied
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.adoption_verify(actor=request.user, adoption=adoption, note=note)
    except PracticesError as error:
        return refused(request, str(error))
    messages.success(request, _("The record is marked as verified."))
    return redirect("practices:adoption", adoption.practice.slug, adoption.city.slug)


# --- Suggestions -------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def suggestion_create(request):
    if not can_suggest(request.user):
        raise PermissionDenied
    form = SuggestionForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.suggestion_create(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("Thank you. Staff will read your suggestion and tell you what they decide.")
                )
                return redirect("practices:suggestions")
    return render(request, "practices/suggestion_form.html", {"form": form}, status=status)


@login_required
@require_GET
def suggestion_list(request):
    page = keyset_page(
        selectors.suggestions_of(request.user),
        request.GET.get(CURSOR_PARAMETER),
        per_page=STAFF_PER_PAGE,
        field_name="created_at",
    )
    return render(request, "practices/suggestion_list.html", {"page": page})


# --- Staff: editing and the editorial workflow -------------------------------------------------------------


def _require_curator(request) -> None:
    if not can_curate(request.user):
        raise PermissionDenied


@login_required
@require_GET
def staff_queue(request):
    _require_curator(request)
    queue = selectors.editorial_queue()
    context = {
        "in_review": list(queue["in_review"][:STAFF_PER_PAGE]),
        "drafts": list(queue["drafts"][:STAFF_PER_PAGE]),
        "proposals": list(queue["proposals"][:STAFF_PER_PAGE]),
        "due": list(queue["due"][:STAFF_PER_PAGE]),
        "open_suggestions": selectors.suggestions_queue().count(),
        "unverified": selectors.unverified_adoptions().count(),
    }
    return render(request, "practices/staff_queue.html", context)


def _practice_form(request, practice: Practice | None):
    form = PracticeForm(request.POST if request.method == "POST" else None, instance=practice)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            fields = form.content()
            try:
                if practice is None:
                    practice = services.practice_create(
                        actor=request.user,
                        sources=form.cleaned_data["sources_text"],
                        related=list(form.cleaned_data["related"]),
                        **fields,
                    )
                else:
                    practice = services.practice_update(
                        actor=request.user,
                        practice=practice,
                        sources=form.cleaned_data["sources_text"],
                        related=list(form.cleaned_data["related"]),
                        **fields,
                    )
            except ValidationError as error:
                add_service_errors(form, error)
            except PracticesError as error:
                return refused(request, str(error))
            else:
                messages.success(request, _("The record has been saved."))
                return redirect(practice)
    return render(request, "practices/practice_form.html", {"form": form, "practice": practice}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def staff_practice_create(request):
    _require_curator(request)
    return _practice_form(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def staff_practice_edit(request, slug: str):
    _require_curator(request)
    practice = get_object_or_404(Practice, slug=slug)
    if practice.status == PracticeStatus.ARCHIVED:
        return refused(request, _("An archived record is not edited; reopen it as a draft first."))
    return _practice_form(request, practice)


def _translation_language(language: str) -> str:
    if language not in dict(TRANSLATION_LANGUAGES):
        raise Http404
    return dict(TRANSLATION_LANGUAGES)[language]


@login_required
@require_http_methods(["GET", "POST"])
def staff_practice_translate(request, slug: str, language: str):
    _require_curator(request)
    practice = get_object_or_404(Practice, slug=slug)
    language_name = _translation_language(language)
    existing = selectors.practice_translation(practice, language)
    initial = {name: getattr(existing, name) for name in PracticeTranslationForm.base_fields} if existing else {}
    form = PracticeTranslationForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.practice_translation_save(
                    actor=request.user, practice=practice, language=language, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The translation is saved."))
                return redirect(practice.get_absolute_url())
    context = {"form": form, "original": practice, "language": language, "language_name": language_name}
    return render(request, "practices/staff_translate.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def staff_collection_translate(request, slug: str, language: str):
    _require_curator(request)
    collection = get_object_or_404(Collection, slug=slug)
    language_name = _translation_language(language)
    existing = selectors.collection_translation(collection, language)
    initial = {"title": existing.title, "description": existing.description} if existing else {}
    form = CollectionTranslationForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.collection_translation_save(
                    actor=request.user, collection=collection, language=language, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The translation is saved."))
                return redirect(collection.get_absolute_url())
    context = {"form": form, "original": collection, "language": language, "language_name": language_name}
    return render(request, "practices/staff_translate.html", context, status=status)


# move → (service, form class or None, confirmation message)
STAFF_MOVES = {
    "submit": (services.practice_submit, None),
    "publish": (services.practice_publish, None),
    "return": (services.practice_return, ReasonForm),
    "archive": (services.practice_archive, ReasonForm),
    "reopen": (services.practice_reopen, None),
    "review": (services.practice_mark_reviewed, NoteForm),
}
MOVE_MESSAGES = {
    "submit": gettext_lazy(
        "The record is in review: a second member of staff must approve its rating before it is published."
    ),
    "publish": gettext_lazy("The record is published."),
    "return": gettext_lazy("The record is back in draft."),
    "archive": gettext_lazy("The record is archived."),
    "reopen": gettext_lazy("The record is a draft again."),
    "review": gettext_lazy("The re-review is recorded; the next one is due in two years."),
}


@login_required
@require_http_methods(["GET", "POST"])
def staff_practice_move(request, slug: str, move: str):
    _require_curator(request)
    if move not in STAFF_MOVES:
        raise Http404
    practice = get_object_or_404(Practice, slug=slug)
    service, form_class = STAFF_MOVES[move]
    form = form_class(request.POST if request.method == "POST" else None) if form_class else None
    status = 200
    if request.method == "POST":
        status = 400
        if form is None or form.is_valid():
            extra = {}
            if form_class is ReasonForm:
                extra["reason"] = form.cleaned_data["reason"]
            elif form_class is NoteForm:
                extra["note"] = form.cleaned_data["note"]
            try:
                service(actor=request.user, practice=practice, **extra)
            except ValidationError as error:
                if form is None:
                    return refused(request, " ".join(error.messages))
                add_service_errors(form, error)
            except PracticesError as error:
                return refused(request, str(error))
            else:
                messages.success(request, str(MOVE_MESSAGES[move]))
                return redirect(practice)
    context = {"practice": practice, "move": move, "form": form}
    return render(request, "practices/staff_move.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def staff_rating_propose(request, slug: str):
    _require_curator(request)
    practice = get_object_or_404(Practice, slug=slug)
    form = RatingProposalForm(
        request.POST if request.method == "POST" else None,
        initial={
            "rating": practice.rating,
            "study_count": practice.study_count,
            "study_design": practice.study_design,
            "single_study": practice.single_study,
        },
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.rating_propose(actor=request.user, practice=practice, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            except PracticesError as error:
                return refused(request, str(error))
            else:
                messages.success(request, _("The new rating waits for a second member of staff to approve it."))
                return redirect(practice)
    return render(request, "practices/rating_form.html", {"practice": practice, "form": form}, status=status)


@login_required
@require_POST
def staff_rating_decide(request, pk: int, decision: str):
    _require_curator(request)
    proposal = get_object_or_404(RatingProposal.objects.select_related("practice"), pk=pk)
    try:
        if decision == "approve":
            services.rating_approve(actor=request.user, proposal=proposal)
            messages.success(request, _("The new rating is published."))
        elif decision == "withdraw":
            services.rating_withdraw(actor=request.user, proposal=proposal)
            messages.success(request, _("The rating proposal was withdrawn."))
        else:
            raise Http404
    except PracticesError as error:
        return refused(request, str(error))
    return redirect(proposal.practice)


@login_required
@require_GET
def staff_suggestions(request):
    if not can_decide_suggestions(request.user):
        raise PermissionDenied
    # Worked first come, first served, and open to everyone signed in: paged by keyset, oldest first.
    page = keyset_page(
        selectors.suggestions_queue(),
        request.GET.get(CURSOR_PARAMETER),
        per_page=STAFF_PER_PAGE,
        field_name="created_at",
        order=OLDEST_FIRST,
    )
    return render(request, "practices/staff_suggestions.html", {"page": page})


SUGGESTION_FORMS = {"accept": None, "merge": MergeForm, "decline": ReasonForm}


@login_required
@require_http_methods(["GET", "POST"])
def staff_suggestion(request, pk: int):
    if not can_decide_suggestions(request.user):
        raise PermissionDenied
    suggestion = get_object_or_404(Suggestion.objects.select_related("suggested_by"), pk=pk)
    forms = {"merge": MergeForm(prefix="merge"), "decline": ReasonForm(prefix="decline")}
    status = 200
    if request.method == "POST":
        move = request.POST.get("move", "")
        if move not in SUGGESTION_FORMS:
            raise Http404
        status = 400
        try:
            if move == "accept":
                try:
                    practice = services.suggestion_accept(actor=request.user, suggestion=suggestion)
                except ValidationError as error:
                    return refused(request, " ".join(error.messages))
                messages.success(request, _("The suggestion is now a draft record; complete it and send it to review."))
                return redirect("practices_staff:edit", practice.slug)
            form = forms[move] = SUGGESTION_FORMS[move](request.POST, prefix=move)
            if form.is_valid():
                if move == "merge":
                    services.suggestion_merge(
                        actor=request.user,
                        suggestion=suggestion,
                        practice=form.cleaned_data["practice"],
                        reason=form.cleaned_data["reason"],
                    )
                else:
                    services.suggestion_decline(
                        actor=request.user, suggestion=suggestion, reason=form.cleaned_data["reason"]
                    )
                messages.success(request, _("Your decision has been recorded and the person who suggested it told."))
                return redirect("practices_staff:suggestions")
        except ValidationError as error:
            add_service_errors(forms.get(move) or forms["decline"], error)
        except PracticesError as error:
            return refused(request, str(error))
    context = {"suggestion": suggestion, "forms": forms}
    return render(request, "practices/staff_suggestion.html", context, status=status)


@login_required
@require_GET
def staff_adoptions(request):
    if not can_verify_adoption(request.user):
        raise PermissionDenied
    # The queue can grow deep (every self-reported record of every city): paged by keyset, newest first.
    page = keyset_page(
        selectors.unverified_adoptions(),
        request.GET.get(CURSOR_PARAMETER),
        per_page=STAFF_PER_PAGE,
        field_name="updated_at",
    )
    return render(request, "practices/staff_adoptions.html", {"page": page})
