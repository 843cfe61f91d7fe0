from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def redis_configured(app_configs, **kwargs):
    if settings.REDIS_URL:
        return []
    return [
        Warning(
            "REDIS_URL is not set: Celery tasks run inside the web processes and the cache lives in Postgres.",
            hint="Set REDIS_URL in production and run a Celery worker and beat (see the Procfile).",
            id="network.W001",
        )
    ]
