"""Factories for the training, quality and staff group pages."""

from datetime import date, timedelta

from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Locale

import factory
import wagtail_factories

from core.models import StaffGroup
from pages.models import (
    QualityImprovementIndexPage,
    QualityMeasurePage,
    StaffGroupPage,
    TrainingCoursePage,
    TrainingIndexPage,
    TrainingSession,
)


class StaffGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffGroup
        django_get_or_create = ("slug", "locale")

    name = factory.Sequence(lambda n: f"Staff group {n}")
    slug = factory.LazyAttribute(lambda group: slugify(group.name))
    locale = factory.LazyFunction(Locale.get_default)


class TrainingIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = TrainingIndexPage

    title = "Training & Education"
    slug = "training"
    introduction = "Training opportunities for staff groups within the trauma pathway."


class TrainingCoursePageFactory(wagtail_factories.PageFactory):
    """A course; ``staff_groups=[...]`` and ``sessions=[(start, end, venue)]`` after creation."""

    class Meta:
        model = TrainingCoursePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Course {n:03d}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    summary = "A course for the trauma pathway."
    delivery_format = "in_person"
    provider = "Network Education Team"
    cost = "free"
    status = "open"

    @factory.post_generation
    def staff_groups(page, create, extracted, **kwargs):
        if create and extracted:
            page.staff_groups.set(extracted)
            page.save()

    @factory.post_generation
    def sessions(page, create, extracted, **kwargs):
        if create and extracted:
            for start, end, venue in extracted:
                TrainingSession.objects.create(page=page, start=start, end=end, venue=venue)


class StaffGroupPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StaffGroupPage

    title = factory.LazyAttribute(lambda page: page.staff_group.name)
    slug = factory.LazyAttribute(lambda page: page.staff_group.slug)
    staff_group = factory.SubFactory(StaffGroupFactory)
    introduction = "The people of this staff group."


class QualityImprovementIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = QualityImprovementIndexPage

    title = "Quality Improvement"
    slug = "quality-improvement"
    introduction = "Quality measures aim to find the most appropriate measures."


class QualityMeasurePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = QualityMeasurePage

    title = factory.Sequence(lambda n: f"Measure {n:03d}")
    slug = factory.LazyAttribute(lambda page: slugify(page.measure_code))
    measure_code = factory.Sequence(lambda n: f"QM-{n:03d}")
    domain = "safety"
    measure_type = "process"
    rationale = "Why it matters."
    numerator = "Patients who had it."
    denominator = "All patients."
    data_source = "tarn"
    reporting_frequency = "quarterly"
    status = "adopted"
    measure_owner = "Clinical governance group"
    review_date = factory.LazyFunction(lambda: date.today() + timedelta(days=90))


def session_in(days, hours=2, venue="Online (Microsoft Teams)"):
    start = timezone.now().replace(microsecond=0) + timedelta(days=days)
    return (start, start + timedelta(hours=hours), venue)
