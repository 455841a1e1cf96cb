"""API v2 fields for the network sections: snippets inline as objects, never bare ids."""

from rest_framework import serializers


class StaffGroupField(serializers.Field):
    """One staff group as ``{id, name, slug}``."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, group):
        return group.get_api_representation()


class StaffGroupsField(serializers.Field):
    """A course's staff groups as a list of ``{id, name, slug}`` (prefetched by the listing)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, groups):
        return [group.get_api_representation() for group in groups.all()]
