from django.db import migrations


def load(apps, schema_editor):
    # Databases loaded from the installed package (before the gazetteer was kept with the code) are brought in line
    # with the extract; on a new database this writes nothing.
    from cities import gazetteer

    gazetteer.load(apps.get_model("cities", "GazetteerPlace"))


class Migration(migrations.Migration):
    dependencies = [("cities", "0006_application_messages")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
