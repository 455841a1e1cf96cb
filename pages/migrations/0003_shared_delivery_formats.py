"""Courses choose their delivery format from the shared vocabulary (core.formats):
face-to-face → in_person, virtual → online, e-learning → e_learning, blended → hybrid.

One UPDATE per value through the ORM, so it runs alike on SQLite and PostgreSQL, and
saved revisions (drafts, history) are mapped too so an older draft opens with a valid
format; the reverse maps back.
"""

from django.db import migrations, models

FORWARD = {
    "face-to-face": "in_person",
    "virtual": "online",
    "e-learning": "e_learning",
    "blended": "hybrid",
}


def remap(mapping):
    def run(apps, schema_editor):
        TrainingCoursePage = apps.get_model("pages", "TrainingCoursePage")
        for old, new in mapping.items():
            TrainingCoursePage.objects.filter(delivery_format=old).update(delivery_format=new)
        ContentType = apps.get_model("contenttypes", "ContentType")
        Revision = apps.get_model("wagtailcore", "Revision")
        types = ContentType.objects.filter(app_label="pages", model="trainingcoursepage")
        for revision in Revision.objects.filter(content_type__in=types).iterator():
            content = revision.content
            if isinstance(content, dict) and content.get("delivery_format") in mapping:
                content["delivery_format"] = mapping[content["delivery_format"]]
                revision.save(update_fields=["content"])

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0002_measure_code_unique_per_locale"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(
            remap(FORWARD), remap({new: old for old, new in FORWARD.items()}), elidable=False
        ),
        migrations.AlterField(
            model_name="trainingcoursepage",
            name="delivery_format",
            field=models.CharField(
                choices=[
                    ("in_person", "In person"),
                    ("online", "Online (live)"),
                    ("hybrid", "Hybrid"),
                    ("e_learning", "E-learning"),
                ],
                max_length=20,
            ),
        ),
    ]
