"""Forum search that ignores accents, as the library's does: for English, French and the languages Postgres does
not stem (`simple`), a text search configuration that unaccents each word before its dictionary reads it, for the
posts' vectors and the words typed alike. The `unaccent` extension comes from the library's
migration; the vectors already stored are rebuilt by the next migration."""

from django.db import migrations

# Spanish is left to its own stemmer, which already folds the acute accents ("Medellín" and "Medellin" both read
# "medellin") and recognises its accented endings only before they are unaccented ("organización" with
# "organizaciones"); it is copied under the forums' name all the same, so every language has one.
DICTIONARIES = {"forums_english": "english", "forums_french": "french"}

CREATE = "\n".join(
    [
        *(
            f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{base});\n"
            f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR hword, hword_part, word "
            f"WITH unaccent, {base}_stem;"
            for name, base in DICTIONARIES.items()
        ),
        "CREATE TEXT SEARCH CONFIGURATION forums_spanish (COPY = pg_catalog.spanish);",
        "CREATE TEXT SEARCH CONFIGURATION forums_simple (COPY = pg_catalog.simple);",
        "ALTER TEXT SEARCH CONFIGURATION forums_simple ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;",
    ]
)
DROP = "\n".join(
    f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name};"
    for name in [*DICTIONARIES, "forums_spanish", "forums_simple"]
)


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0001_forums_topics_posts_moderation"),
        ("practices", "0002_unaccented_search"),
    ]

    operations = [migrations.RunSQL(CREATE, DROP)]
