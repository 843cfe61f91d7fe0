from django.db import migrations


def load(apps, schema_editor):
    from cities import gazetteer

    gazetteer.load(apps.get_model("cities", "GazetteerPlace"))


class Migration(migrations.Migration):
    dependencies = [("cities", "0002_gazetteer_table")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
