"""factory_boy factories for users and the foundation's page types."""

from django.contrib.auth import get_user_model
from django.utils.text import slugify

import factory
import wagtail_factories

from home.models import HomePage
from pages.models import ContentPage, SectionPage


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.nhs.uk")
    first_name = "Alex"
    last_name = factory.Sequence(lambda n: f"Clinician{n}")

    @factory.post_generation
    def password(user, create, extracted, **kwargs):
        user.set_password(extracted or "correct-horse-battery")
        if create:
            user.save()


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Network home"


class SectionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = SectionPage

    title = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    introduction = "A section of the network site."


class ContentPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ContentPage

    title = factory.Sequence(lambda n: f"Content page {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    introduction = "Guidance for network staff."
    listing_summary = "A short summary."
