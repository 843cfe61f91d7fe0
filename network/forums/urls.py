from network.forums.api_urls import api_urlpatterns, page_urlpatterns

app_name = "forums"

urlpatterns = [*page_urlpatterns]

__all__ = ["api_urlpatterns", "app_name", "urlpatterns"]
