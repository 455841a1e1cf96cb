from django.conf import settings
from django.db import migrations

OFFICE_PERMISSIONS = {
    "view_membershiprequest": "Can view membership request",
    "change_membershiprequest": "Can change membership request",
    "review_membershiprequest": "Can approve or reject membership requests",
}


def grant_review_permissions(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="membership", model="membershiprequest"
    )
    office, _ = Group.objects.get_or_create(name=settings.NETWORK_OFFICE_GROUP_NAME)
    for codename, name in OFFICE_PERMISSIONS.items():
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        office.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("membership", "0002_membership_requests"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_review_permissions, migrations.RunPython.noop)]
