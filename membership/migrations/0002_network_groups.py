from django.conf import settings
from django.db import migrations

OFFICE_PERMISSIONS = {
    "view_membershiprequest": "Can view membership request",
    "change_membershiprequest": "Can change membership request",
    "review_membershiprequest": "Can approve or reject membership requests",
}


def create_groups(apps, schema_editor):
    """The members group and the network office group, which may use the admin and
    review membership requests."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.get_or_create(name=settings.MEMBERS_GROUP_NAME)
    office, _ = Group.objects.get_or_create(name=settings.NETWORK_OFFICE_GROUP_NAME)
    access_admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if access_admin:
        office.permissions.add(access_admin)
    content_type, _ = ContentType.objects.get_or_create(
        app_label="membership", model="membershiprequest"
    )
    for codename, name in OFFICE_PERMISSIONS.items():
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        office.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("membership", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
