"""Events name their staff-group link ``staff_groups``, as courses do, and choose their
format from the shared delivery-format vocabulary (core.formats).

The stored format values (``in_person``, ``online``, ``hybrid``) are already those of
the shared vocabulary, so only the labels change; the link table is renamed, keeping
every row, and saved revisions (drafts, history) name the link ``staff_groups`` too, so
opening an older draft keeps its staff groups.
"""

from django.db import migrations, models


def rename_in_revisions(old, new):
    def run(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        Revision = apps.get_model("wagtailcore", "Revision")
        types = ContentType.objects.filter(app_label="events", model="eventpage")
        for revision in Revision.objects.filter(content_type__in=types).iterator():
            content = revision.content
            if isinstance(content, dict) and old in content:
                content[new] = content.pop(old)
                revision.save(update_fields=["content"])

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("events", "0002_all_day_end_help"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RenameField(
            model_name="eventpage", old_name="audience", new_name="staff_groups"
        ),
        migrations.RunPython(
            rename_in_revisions("audience", "staff_groups"),
            rename_in_revisions("staff_groups", "audience"),
            elidable=False,
        ),
        migrations.AlterField(
            model_name="eventpage",
            name="format",
            field=models.CharField(
                choices=[
                    ("in_person", "In person"),
                    ("online", "Online (live)"),
                    ("hybrid", "Hybrid"),
                ],
                default="in_person",
                max_length=20,
            ),
        ),
    ]
