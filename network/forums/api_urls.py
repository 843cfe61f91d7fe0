"""The forums' API routes (under /api/v1/, in the `api` namespace) and the pages that go with them (search,
feeds), placed first among the forums' pages."""

api_urlpatterns = []
page_urlpatterns = []


def register_api_resources() -> None:
    """Registers the forums' entries of the API root once the API routes exist."""
