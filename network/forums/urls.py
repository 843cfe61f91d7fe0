from network.forums.api_urls import api_urlpatterns

app_name = "forums"

urlpatterns = []

__all__ = ["api_urlpatterns", "app_name", "urlpatterns"]
