from django.db import migrations

# The gazetteer is reference data the ORM only reads (GazetteerPlace is unmanaged), so its table is made here.
# search_name is matched by prefix (LIKE 'tbil%'), the aliases anywhere after a separator (LIKE '%|tiflis%').
CREATE = """
CREATE TABLE cities_gazetteerplace (
    geonames_id integer PRIMARY KEY,
    name varchar(200) NOT NULL,
    search_name varchar(200) NOT NULL,
    aliases text NOT NULL DEFAULT '',
    country_code varchar(2) NOT NULL,
    admin1_code varchar(20) NOT NULL DEFAULT '',
    population bigint NOT NULL,
    latitude double precision NOT NULL,
    longitude double precision NOT NULL,
    time_zone varchar(40) NOT NULL DEFAULT ''
);
CREATE INDEX gazetteer_search_name_prefix ON cities_gazetteerplace (search_name varchar_pattern_ops);
CREATE INDEX gazetteer_aliases_trgm ON cities_gazetteerplace USING gin (aliases gin_trgm_ops);
CREATE INDEX gazetteer_country_population ON cities_gazetteerplace (country_code, population DESC);
"""


class Migration(migrations.Migration):
    dependencies = [("cities", "0001_member_cities_agencies_applications_representatives")]

    operations = [migrations.RunSQL(CREATE, reverse_sql="DROP TABLE cities_gazetteerplace;")]
