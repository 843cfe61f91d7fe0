"""Search that ignores accents: the `unaccent` extension, a text search configuration that unaccents before English
stemming (for the search vector and the query), and an IMMUTABLE wrapper of `unaccent` for the trigram index on
the title. The vectors already stored are rebuilt by the next migration."""

import django.contrib.postgres.indexes
import django.db.models.functions.text
from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

import practices.models

CREATE_CONFIG = """
CREATE TEXT SEARCH CONFIGURATION library_english (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION library_english
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
"""
DROP_CONFIG = "DROP TEXT SEARCH CONFIGURATION IF EXISTS library_english;"

# The dictionary is named in full, so the function's result never depends on the search path: what makes it
# safe to declare IMMUTABLE (unaccent itself is only STABLE, and an index may only hold IMMUTABLE functions).
CREATE_FUNCTION = """
CREATE FUNCTION immutable_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN unaccent('unaccent'::regdictionary, $1);
"""
DROP_FUNCTION = "DROP FUNCTION IF EXISTS immutable_unaccent(text);"


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0001_library_practices_collections_adoptions_suggestions"),
    ]

    operations = [
        UnaccentExtension(),
        migrations.RunSQL(CREATE_CONFIG, DROP_CONFIG),
        migrations.RunSQL(CREATE_FUNCTION, DROP_FUNCTION),
        migrations.RemoveIndex(model_name="practice", name="practice_title_trgm"),
        migrations.AddIndex(
            model_name="practice",
            index=django.contrib.postgres.indexes.GinIndex(
                django.contrib.postgres.indexes.OpClass(
                    django.db.models.functions.text.Lower(practices.models.Unaccented("title")), name="gin_trgm_ops"
                ),
                name="practice_title_unaccent_trgm",
            ),
        ),
    ]
