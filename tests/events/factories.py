"""Factories for the Network Calendar's models (used by the tests and the demo)."""

from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Locale

import factory
import wagtail_factories

from events.models import EventCategory, EventExcludedDate, EventIndexPage, EventPage
from events.recurrence import event_timezone


def london(year, month, day, hour=0, minute=0):
    """An aware datetime in UK time."""
    return datetime(year, month, day, hour, minute, tzinfo=event_timezone())


class EventCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventCategory

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.LazyAttribute(lambda category: slugify(category.name))
    locale = factory.LazyFunction(Locale.get_default)


class EventIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventIndexPage

    title = "Network Calendar & Events"
    slug = "events"
    introduction = "Boards, study days, audit meetings and transfer training."


class EventPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Network event {n}")
    slug = factory.LazyAttribute(lambda event: slugify(event.title))
    summary = "A meeting of the network's clinicians."
    start = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=7)).replace(minute=0, second=0, microsecond=0)
    )
    end = factory.LazyAttribute(lambda event: event.start + timedelta(hours=2))
    venue = "Network Office"
    address = "Trust Headquarters\nLeeds LS1 4AP"

    @factory.post_generation
    def relations(event, create, extracted, **kwargs):
        """categories=[...], staff_groups=[...], excluded=[dates] then save, as an editor would."""
        if not create:
            return
        if kwargs.get("categories"):
            event.categories.set(kwargs["categories"])
        if kwargs.get("staff_groups"):
            event.staff_groups.set(kwargs["staff_groups"])
        for day in kwargs.get("excluded", ()):
            EventExcludedDate.objects.create(page=event, date=day)
        if kwargs:
            event.save()
