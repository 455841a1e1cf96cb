"""A StreamField that keeps its block definitions out of migrations.

Wagtail's StreamField spells out its whole block tree in every migration, so editing
a shared block (``core.blocks``) would add an ``AlterField`` to every app whose pages
use it. The stored JSON does not depend on the block tree, so this field leaves it
out of ``deconstruct``: migrations see an empty block list and stay quiet when blocks
change. A data migration that needs the blocks imports them from the app instead.
"""

from wagtail.fields import StreamField as WagtailStreamField


class StreamField(WagtailStreamField):
    def deconstruct(self):
        name, path, _, kwargs = super().deconstruct()
        kwargs.pop("block_lookup", None)
        return name, path, [[]], kwargs
