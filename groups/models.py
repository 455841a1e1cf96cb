"""Network groups: the board, committees and working groups, their meetings and papers.

A ``NetworkGroupPage`` owns a Django auth ``Group`` (its members) and a documents
``Collection`` (its papers' files). Each ``MeetingPage`` is an ``events.EventPage``
(so it is on the Network Calendar, in its feeds and in the API) whose parent is the
group. A meeting's papers (agenda, papers, minutes, action log) are a child
``MeetingPapersPage`` that always carries a "groups" view restriction to the group's
members, its chair and editors (``editors_group``, who also edit the group's pages
through Wagtail's page permissions) and the network office: the one access rule
(``core.access``) and the link rule (``core.links``) then keep the papers from
everyone else on every surface.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Length, Substr
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Orderable,
    Page,
    PagePermissionTester,
    PageViewRestriction,
)
from wagtail.search import index

from modelcluster.fields import ParentalKey

from core.access import visible_pages
from core.blocks import BodyBlock
from core.fields import StreamField
from core.mixins import BreadcrumbMixin, HeadlessPreviewMixin, IntroductionMixin, ListingMixin
from events.models import EventPage
from groups.filters import GROUP_PARAMETER_SCHEMA, below_groups, filter_groups
from groups.forms import NetworkGroupPageForm


def office_group() -> Group:
    group, _ = Group.objects.get_or_create(name=settings.NETWORK_OFFICE_GROUP_NAME)
    return group


class NetworkGroupIndexPage(HeadlessPreviewMixin, BreadcrumbMixin, IntroductionMixin, Page):
    """The list of the network's groups: board, committees and working groups."""

    content_panels = Page.content_panels + IntroductionMixin.introduction_panels

    search_fields = Page.search_fields + IntroductionMixin.introduction_search_fields

    api_fields = IntroductionMixin.introduction_api_fields

    parent_page_types = ["home.HomePage"]
    subpage_types = ["groups.NetworkGroupPage"]

    class Meta:
        verbose_name = "network group index page"

    def get_context(self, request, *args, **kwargs):
        # groups.serve imports these models, so it is imported on first use.
        from groups.serve import index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(request, self))
        return context


class NetworkGroupPage(HeadlessPreviewMixin, BreadcrumbMixin, ListingMixin, Page):
    """One network group: its purpose, terms of reference, chairs, roster and meetings.

    ``members_group`` is the Django auth group whose users read the group's papers;
    it is created with the page (named after it) when an editor leaves it empty.
    ``papers_collection`` holds the files of the group's papers, restricted likewise.
    """

    class Kind(models.TextChoices):
        BOARD = "board", "Board"
        COMMITTEE = "committee", "Committee"
        GROUP = "group", "Group"
        WORKING_GROUP = "working_group", "Working group"

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", "Monthly"
        BIMONTHLY = "bimonthly", "Every two months"
        QUARTERLY = "quarterly", "Quarterly"
        TWICE_YEARLY = "twice_yearly", "Twice a year"
        AS_NEEDED = "as_needed", "As needed"

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.GROUP)
    purpose = models.TextField(help_text="What the group is for, in a sentence or two.")
    terms_of_reference = StreamField(BodyBlock(), blank=True)
    chair = models.CharField(max_length=255, blank=True, help_text="Name and role.")
    vice_chair = models.CharField(max_length=255, blank=True, help_text="Name and role.")
    meeting_frequency = models.CharField(
        max_length=20, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    reports_to = models.CharField(
        max_length=255, blank=True, help_text="The group this one reports to, if any."
    )
    contact_email = models.EmailField(blank=True)
    # A foreign key, not one-to-one: the group's translations and aliases are the same
    # network group and share its members; a copy is a new group and gets its own.
    members_group = models.ForeignKey(
        Group,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="network_group_pages",
        help_text="The accounts that read this group's papers. Created with the page if empty.",
    )
    papers_collection = models.ForeignKey(
        Collection,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Where the files of this group's papers are kept. Created with the page.",
    )
    editors_group = models.ForeignKey(
        Group,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="edited_network_group_pages",
        verbose_name="chair and editors",
        help_text="Accounts (usually the chair's) that may edit and publish this group's "
        "page, meetings and papers, upload its papers and decide requests to join it, "
        "without other admin rights.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("purpose"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("chair"), FieldPanel("vice_chair")]),
                FieldRowPanel([FieldPanel("meeting_frequency"), FieldPanel("reports_to")]),
                FieldPanel("contact_email"),
            ],
            heading="Chairs and meetings",
        ),
        FieldPanel("terms_of_reference"),
        InlinePanel("roster", label="Member", heading="Membership roster"),
    ]
    promote_panels = Page.promote_panels + ListingMixin.promote_panels
    settings_panels = Page.settings_panels + [
        FieldPanel("members_group"),
        FieldPanel("editors_group"),
        FieldPanel("papers_collection"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("purpose"),
        index.SearchField("terms_of_reference"),
        index.FilterField("kind"),
    ]

    api_fields = [
        APIField("kind"),
        APIField("purpose"),
        APIField("terms_of_reference"),
        APIField("chair"),
        APIField("vice_chair"),
        APIField("meeting_frequency"),
        APIField("reports_to"),
        APIField("contact_email"),
        APIField("roster"),
    ]

    api_query_parameters = ("kind",)

    parent_page_types = ["groups.NetworkGroupIndexPage"]
    subpage_types = ["groups.MeetingPage"]

    base_form_class = NetworkGroupPageForm

    # A copy is another group: it gets its own members and papers collection on save.
    exclude_fields_in_copy = ["members_group", "papers_collection", "editors_group"]

    class Meta:
        verbose_name = "network group page"

    @classmethod
    def filter_api_queryset(cls, queryset, params):
        return filter_groups(queryset, params)

    def save(self, *args, **kwargs):
        if self.members_group_id is None and self.title:
            self.members_group, _ = Group.objects.get_or_create(name=f"Group: {self.title}"[:150])
        if self.papers_collection_id is None and self.title:
            self.papers_collection = Collection.get_first_root_node().add_child(
                name=f"Papers: {self.title}"
            )
        previous_editors_id = (
            NetworkGroupPage.objects.filter(pk=self.pk)
            .values_list("editors_group", flat=True)
            .first()
            if self.pk
            else None
        )
        result = super().save(*args, **kwargs)
        if self.papers_collection_id:
            restrict_to_group(self.papers_collection, self.members_group, self.editors_group)
        if previous_editors_id != self.editors_group_id:
            previous = Group.objects.filter(pk=previous_editors_id).first()
            if previous is not None:
                revoke_editing(self, previous)
            self.restrict_papers(unrestrict=previous)
            if previous is not None and self.papers_collection_id:
                self._unrestrict(
                    restrict_to_group(self.papers_collection, self.members_group), previous
                )
        if self.editors_group_id:
            grant_editing(self, self.editors_group)
        return result

    def restrict_papers(self, unrestrict=None):
        """Bring the restriction of every meeting's papers up to date with this group's
        members and editors, leaving out ``unrestrict`` (former editors)."""
        for papers in MeetingPapersPage.objects.descendant_of(self):
            restriction = restrict_to_group(papers, self.members_group, self.editors_group)
            if unrestrict is not None:
                self._unrestrict(restriction, unrestrict)

    def _unrestrict(self, restriction, group):
        if group.pk not in (self.members_group_id, self.editors_group_id, office_group().pk):
            restriction.groups.remove(group)

    def get_context(self, request, *args, **kwargs):
        from groups.serve import group_context

        context = super().get_context(request, *args, **kwargs)
        context.update(group_context(request, self))
        return context

    def is_member(self, user) -> bool:
        """Whether ``user`` is in this group's members (and so reads its papers)."""
        if not (user and user.is_authenticated and self.members_group_id):
            return False
        return user.groups.filter(pk=self.members_group_id).exists()

    def meetings(self, user):
        """This group's meetings that ``user`` may see, soonest first."""
        return visible_pages(user, MeetingPage.objects.child_of(self)).order_by("start")


class RosterEntry(Orderable):
    """One seat on a group: a name, a role on the group and an organisation."""

    page = ParentalKey(NetworkGroupPage, on_delete=models.CASCADE, related_name="roster")
    name = models.CharField(max_length=255)
    role = models.CharField(max_length=255, blank=True, help_text="For example: Chair, Member.")
    organisation = models.CharField(max_length=255, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The member's account, if they hold one.",
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldPanel("organisation"),
        FieldPanel("user"),
    ]
    api_fields = [APIField("name"), APIField("role"), APIField("organisation")]

    class Meta(Orderable.Meta):
        verbose_name = "roster entry"
        verbose_name_plural = "roster"


# What a group's chair and editors may do: on the group's page and every page below it
# (meetings, papers), and on the files in its papers collection.
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
EDITOR_DOCUMENT_PERMISSIONS = ("add_document", "change_document", "choose_document")


def _permissions(app_label, codenames):
    return list(
        Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    )


def grant_editing(group_page, editors):
    """Let ``editors`` (an auth group) sign in to the admin and edit, publish and add
    pages under ``group_page`` and papers in its collection, and nothing else.

    Idempotent; Wagtail's own ``GroupPagePermission`` and ``GroupCollectionPermission``
    carry the rights, so the admin's permission checks apply unchanged.
    """
    from wagtail.models import GroupCollectionPermission, GroupPagePermission

    editors.permissions.add(*_permissions("wagtailadmin", ["access_admin"]))
    for permission in _permissions("wagtailcore", EDITOR_PAGE_PERMISSIONS):
        GroupPagePermission.objects.get_or_create(
            group=editors, page_id=group_page.pk, permission=permission
        )
    if group_page.papers_collection_id:
        for permission in _permissions("wagtaildocs", EDITOR_DOCUMENT_PERMISSIONS):
            GroupCollectionPermission.objects.get_or_create(
                group=editors, collection_id=group_page.papers_collection_id, permission=permission
            )


def revoke_editing(group_page, editors):
    """Take back what ``grant_editing`` gave ``editors`` on this group (not their
    admin access, which other groups they edit may need)."""
    from wagtail.models import GroupCollectionPermission, GroupPagePermission

    GroupPagePermission.objects.filter(group=editors, page_id=group_page.pk).delete()
    if group_page.papers_collection_id:
        GroupCollectionPermission.objects.filter(
            group=editors, collection_id=group_page.papers_collection_id
        ).delete()


def restrict_to_group(target, members_group, editors_group=None):
    """Restrict a papers page or collection to ``members_group``, the group's chair and
    editors (``editors_group``) and the network office.

    Idempotent: an existing "groups" restriction is kept and its groups completed.
    """
    if isinstance(target, Collection):
        restrictions = CollectionViewRestriction.objects.filter(collection=target)
        create = {"collection": target}
        model = CollectionViewRestriction
    else:
        restrictions = PageViewRestriction.objects.filter(page=target)
        create = {"page": target}
        model = PageViewRestriction
    restriction = restrictions.filter(restriction_type=model.GROUPS).first()
    if restriction is None:
        restrictions.delete()
        restriction = model.objects.create(restriction_type=model.GROUPS, **create)
    wanted = [
        group for group in (members_group, editors_group, office_group()) if group is not None
    ]
    restriction.groups.add(*wanted)
    return restriction


class MeetingPage(EventPage):
    """A meeting of a network group: an event on the Network Calendar.

    Its title and date are shown to whoever may see the event (the office chooses,
    with the page's privacy); its papers are a child ``MeetingPapersPage``.
    """

    content_panels = [
        panel
        for panel in EventPage.content_panels
        if getattr(panel, "relation_name", None) != "documents"
    ]

    api_fields = EventPage.api_fields + [APIField("network_group")]
    api_query_parameters = frozenset(EventPage.api_query_parameters) | {"group"}
    api_query_parameter_schemas = {
        **EventPage.api_query_parameter_schemas,
        "group": GROUP_PARAMETER_SCHEMA,
    }

    parent_page_types = ["groups.NetworkGroupPage"]
    subpage_types = ["groups.MeetingPapersPage"]

    template = "groups/meeting_page.html"

    class Meta:
        verbose_name = "meeting page"

    @classmethod
    def filter_api_queryset(cls, queryset, params):
        """The calendar's filters (dates, ``upcoming``, ``category``) and ``group``."""
        queryset = below_groups(super().filter_api_queryset(queryset, params), params)
        return cls.with_network_group(queryset)

    @property
    def network_group(self):
        """The group, as ``{"id", "title", "slug"}`` (the API field); read from the
        listing's annotation (``with_network_group``) when there is one."""
        if hasattr(self, "network_group_id"):
            return {
                "id": self.network_group_id,
                "title": self.network_group_title,
                "slug": self.network_group_slug,
            }
        parent = self.get_parent()
        return {"id": parent.pk, "title": parent.title, "slug": parent.slug}

    @classmethod
    def with_network_group(cls, queryset):
        """``queryset`` with each meeting's group id, title and slug, in the same query."""
        parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - cls.steplen)
        parents = Page.objects.filter(path=parent_path)
        return queryset.annotate(
            network_group_id=Subquery(parents.values("pk")[:1]),
            network_group_title=Subquery(parents.values("title")[:1]),
            network_group_slug=Subquery(parents.values("slug")[:1]),
        )

    def save(self, *args, **kwargs):
        if not self.organiser and self.pk is None:
            parent = self.get_parent() if self.path else None
            if parent is not None:
                self.organiser = parent.title
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from groups.serve import meeting_context

        context = super().get_context(request, *args, **kwargs)
        context.update(meeting_context(request, self))
        return context


class PapersPermissionTester(PagePermissionTester):
    """Wagtail's page permissions, except that nobody sets a papers page's privacy."""

    def can_set_view_restrictions(self):
        return False


class MeetingPapersPage(HeadlessPreviewMixin, BreadcrumbMixin, Page):
    """A meeting's papers: agenda, papers, minutes and action log. For the group only.

    Saving it (from the admin, the API, a copy or a command) restricts it to the
    group's members and the network office. Nobody changes that restriction by hand:
    Wagtail's privacy dialog and the Members only control are off for this type
    (``private_page_options`` is empty, and ``can_set_view_restrictions`` is false
    for everyone, so a forged POST is refused too): a chair who may publish the
    papers cannot make them public.
    """

    private_page_options = []

    def permissions_for_user(self, user):
        return PapersPermissionTester(user, self)

    class MinutesStatus(models.TextChoices):
        NONE = "none", "Not yet written"
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"

    agenda = StreamField(BodyBlock(), blank=True)
    minutes = RichTextField(blank=True)
    minutes_status = models.CharField(
        max_length=10, choices=MinutesStatus.choices, default=MinutesStatus.NONE
    )
    minutes_approved_on = models.DateField(
        null=True, blank=True, help_text="The meeting at which the minutes were approved."
    )

    content_panels = Page.content_panels + [
        FieldPanel("agenda"),
        InlinePanel("papers", label="Paper", heading="Papers"),
        MultiFieldPanel(
            [
                FieldPanel("minutes"),
                FieldRowPanel([FieldPanel("minutes_status"), FieldPanel("minutes_approved_on")]),
            ],
            heading="Minutes",
        ),
        InlinePanel("actions", label="Action", heading="Actions raised at this meeting"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("agenda"),
        index.SearchField("minutes"),
    ]

    api_fields = [
        APIField("agenda"),
        APIField("papers"),
        APIField("minutes"),
        APIField("minutes_status"),
        APIField("minutes_approved_on"),
        APIField("actions"),
    ]

    api_query_parameters = ("group",)
    api_query_parameter_schemas = {"group": GROUP_PARAMETER_SCHEMA}

    parent_page_types = ["groups.MeetingPage"]
    subpage_types = []

    template = "groups/meeting_papers_page.html"

    class Meta:
        verbose_name = "meeting papers page"

    @classmethod
    def filter_api_queryset(cls, queryset, params):
        return below_groups(queryset.prefetch_related("papers__document", "actions"), params)

    def network_group_page(self):
        return NetworkGroupPage.objects.filter(
            path=self.path[: NetworkGroupPage.steplen * (self.depth - 2)]
        ).first()

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        if self.depth and self.depth > 2:
            group = self.network_group_page()
            if group is not None:
                restrict_to_group(self, group.members_group, group.editors_group)
        return result

    def get_context(self, request, *args, **kwargs):
        from groups.serve import papers_context

        context = super().get_context(request, *args, **kwargs)
        context.update(papers_context(request, self))
        return context


class MeetingPaper(Orderable):
    """A paper for a meeting: a document from the group's papers collection."""

    page = ParentalKey(MeetingPapersPage, on_delete=models.CASCADE, related_name="papers")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")
    label = models.CharField(max_length=255, blank=True, help_text="Defaults to the title.")
    item = models.CharField(max_length=20, blank=True, help_text="Agenda item, for example 4.2.")

    panels = [FieldRowPanel([FieldPanel("item"), FieldPanel("label")]), FieldPanel("document")]
    api_fields = [APIField("item"), APIField("label"), APIField("document")]

    class Meta(Orderable.Meta):
        verbose_name = "paper"

    @property
    def display_label(self):
        return self.label or self.document.title


class ActionQuerySet(models.QuerySet):
    def outstanding(self):
        return self.filter(status__in=[MeetingAction.Status.OPEN, MeetingAction.Status.IN_PROGRESS])


class MeetingAction(Orderable):
    """An action from a meeting: what, who, by when and where it stands.

    An outstanding action (open or in progress) carries over: every later meeting's
    action log lists it until its status is set to done or dropped.
    """

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    page = ParentalKey(MeetingPapersPage, on_delete=models.CASCADE, related_name="actions")
    reference = models.CharField(max_length=20, blank=True, help_text="For example CGG-24-07.")
    description = models.TextField()
    owner_name = models.CharField(max_length=255, verbose_name="owner")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="group_actions",
        verbose_name="owner's account",
    )
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    update = models.TextField(blank=True, help_text="Latest progress.")

    objects = ActionQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("reference"), FieldPanel("status")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("owner_name"), FieldPanel("owner"), FieldPanel("due_date")]),
        FieldPanel("update"),
    ]
    api_fields = [
        APIField("reference"),
        APIField("description"),
        APIField("owner_name"),
        APIField("due_date"),
        APIField("status"),
        APIField("update"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "action"

    @property
    def is_outstanding(self):
        return self.status in (self.Status.OPEN, self.Status.IN_PROGRESS)

    @property
    def is_overdue(self):
        return bool(self.is_outstanding and self.due_date and self.due_date < timezone.localdate())


class JoinRequest(models.Model):
    """A network member's request to join a group, decided by the network office."""

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting decision"
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Declined"

    group = models.ForeignKey(
        NetworkGroupPage, on_delete=models.CASCADE, related_name="join_requests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_join_requests"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "group join request"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "user"],
                condition=models.Q(status="pending"),
                name="one_pending_join_request_per_group",
            )
        ]

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.get_username()}: {self.group.title}"
