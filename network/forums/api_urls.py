"""The forums' API routes (under /api/v1/, in the `api` namespace)."""

api_urlpatterns = []
