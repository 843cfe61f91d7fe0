"""Rebuild every post's search vector with the accent-insensitive configurations of migration 0002, as the
services write it: the topic's title at weight A on an opening post, the body at weight B, in the configuration of
the post's language."""

from django.db import migrations

# The configuration of each language, as `network.forums.models.SEARCH_CONFIGS` says today; any other language is
# read by `forums_simple`.
CONFIGS = {"en": "forums_english", "fr": "forums_french", "es": "forums_spanish"}

REINDEX = """
UPDATE forums_post AS post
SET search_vector =
    CASE WHEN post.number = 1
        THEN setweight(to_tsvector({config}, topic.title), 'A')
        ELSE ''::tsvector
    END
    || setweight(to_tsvector({config}, post.body), 'B')
FROM forums_topic AS topic
WHERE topic.id = post.topic_id AND post.search_vector IS NOT NULL
"""


def reindex(apps, schema_editor):
    whens = " ".join(f"WHEN '{code}' THEN '{name}'" for code, name in CONFIGS.items())
    config = f"(CASE post.language {whens} ELSE 'forums_simple' END)::regconfig"
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(REINDEX.format(config=config))


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0002_unaccented_search_configurations"),
    ]

    operations = [migrations.RunPython(reindex, migrations.RunPython.noop)]
