"""Demo content for the home page and site settings (Welsh: cms.demo.welsh)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group

from wagtail.models import Locale, Page, PageViewRestriction, Site

from core.demo import ensure_child, ensure_image, rich_text
from core.models import NetworkSettings
from home.models import HomePage, HomePageSectionCard
from pages.models import ContentPage, SectionPage

# The network's own words, from the seed page it published.
BRIEF_HISTORY = [
    "In May 2000 the key document \u2018Comprehensive Critical Care\u2019 (DH, 2000) was released "
    "after national concerns were raised about critical care capacity and quality of care. "
    "This followed a number of high profile cases, including deaths associated with "
    "long-distance critical care transfers. Both \u2018Comprehensive Critical Care\u2019 and "
    "\u2018Quality Critical Care, Beyond Comprehensive Critical Care\u2019 (DH 2005) describe "
    "networks as being integral to the delivery and development of quality critical care "
    "services. This was reinforced in the \u2018Evaluation of modernisation of adult critical "
    "care services in England: time series and cost effectiveness analysis\u2019 (BMJ 2009; "
    "339:b4353). The need for cross-organisational co-operation and development of quality "
    "through effective clinical engagement was, and remains, a priority to improve the care "
    "of these inherently high risk and highly vulnerable patients.",
    "In December 2012 NHS England published \u2018Developing Operational Delivery Networks: The "
    "Way Forward\u2019 which emphasises the success of clinical managed networks and set out the "
    "principles for the newly designated Operational Delivery Networks. National service "
    "specifications for ODNs, based largely on the success of critical care networks, have "
    "been developed for each of the seven nationally mandated ODNs. It is expected that "
    "additional ODNs will be formed covering other specialty areas over time.",
    "Clinical networks are an NHS success story. Combining the experience of clinicians, the "
    "input of patients and the organisational vision of NHS staff they have supported and "
    "improved the way we deliver care to patients in distinct areas, delivering true "
    "integration across primary, secondary and often tertiary care.",
    "Clinical networks evolved as a means of engaging clinical stakeholders across "
    "organisational and professional boundaries to develop improvements in patient care and "
    "experience using best practice and shared learning.",
    "As the NHS goes through its current transitional phase the role of networks is "
    "increasingly seen as vital to improving patient outcomes and the successful integration "
    "of clinical services. Emerging network models should continue to follow patient flows "
    "to maintain successful engagement.",
    "Operational Delivery Networks (ODNs) cover areas such as neonatal intensive care, adult "
    "critical care, burns and trauma and are focused on coordinating patient pathways "
    "between providers over a wide area to ensure access to specialist support. ODNs work "
    "closely with Strategic Clinical Networks, commissioners, providers and patients.",
]

ABOUT_SUMMARY = "The hospitals we connect and the principles of Operational Delivery Networks."

# The home page tells the network's history; About says who the network is today.
WHO_WE_ARE = [
    "We are an Operational Delivery Network of the NHS. We bring together the Major Trauma "
    "Centre, the Trauma Units and the adult critical care units of our region, so that "
    "patients reach the right care, in the right place, first time.",
    "Clinicians from every unit lead our work. A small network office supports them: it runs "
    "this website, the network calendar and the training programme.",
]

MEMBERSHIP_NOTICE = (
    "This website is designed for specialist professional use. To fully access the content "
    "please request membership from the network office using the button below."
)


def ensure_home_page():
    """The site's root is a HomePage; Wagtail's initial welcome page is replaced."""
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    home = HomePage.objects.filter(depth=2, locale=Locale.get_default()).first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePage(
            title="Critical Care and Major Trauma Network",
            slug="network-home",
            introduction=(
                "We coordinate adult critical care and major trauma care across the "
                "hospitals of our region."
            ),
            body=[
                ("heading", {"text": "Brief History and Context", "level": "h2"}),
                ("rich_text", rich_text(*BRIEF_HISTORY)),
            ],
            membership_text=MEMBERSHIP_NOTICE,
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    if site is None:
        site = Site.objects.create(hostname="localhost", port=80, root_page=home)
    if site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.is_default_site = True
        site.save()
        if old_root.depth == 2 and not isinstance(old_root.specific, HomePage):
            old_root.delete()
    # The site answers at the configured public address (http://127.0.0.1:8000 for
    # `make run`), so page and API links in the demo point where it is served.
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    site.hostname = address.hostname or "localhost"
    site.port = address.port or (443 if address.scheme == "https" else 80)
    site.site_name = "Critical Care and Major Trauma Network"
    site.save()
    return home


def load(demo):
    home = ensure_home_page()
    demo.home = home

    network = NetworkSettings.for_site(home.get_site())
    if not network.office_email:
        network.office_email = "network.office@example.nhs.uk"
        network.office_phone = "0113 496 0000"
        network.office_address = "Network Office\nTrust Headquarters\nLeeds LS1 4AP"
        network.save()

    about = ensure_child(
        home,
        ContentPage,
        "about",
        title="About the network",
        show_in_menus=True,
        introduction="Who we are, the hospitals we connect and the principles we work by.",
        listing_summary=ABOUT_SUMMARY,
        body=[
            (
                "image",
                {
                    "image": ensure_image("Network hospitals", (0, 94, 184)),
                    "alt_text": ("Map-style illustration of the network's hospitals"),
                    "caption": "",
                },
            ),
            ("heading", {"text": "Who we are", "level": "h2"}),
            ("rich_text", rich_text(*WHO_WE_ARE)),
            ("heading", {"text": "Principles of Operational Delivery Networks", "level": "h2"}),
            (
                "rich_text",
                rich_text(
                    "Follow the patient: pathways are planned across organisational boundaries.",
                    "Clinical engagement: clinicians lead the improvement of their own services.",
                    "Shared learning: audit, peer review and education are network-wide.",
                ),
            ),
        ],
    )
    staff_groups = ensure_child(
        home,
        SectionPage,
        "staff-groups",
        title="Staff groups",
        show_in_menus=True,
        introduction=(
            "Resources, training and events for each professional group on the trauma and "
            "critical care pathway."
        ),
    )
    members = ensure_child(
        home,
        SectionPage,
        "members",
        title="Members area",
        show_in_menus=True,
        introduction="Specialist resources for network members.",
    )
    member_groups = Group.objects.filter(
        name__in=[settings.MEMBERS_GROUP_NAME, settings.NETWORK_OFFICE_GROUP_NAME]
    )
    if not PageViewRestriction.objects.filter(page=members).exists():
        restriction = PageViewRestriction.objects.create(
            page=members, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set(member_groups)
    ensure_child(
        members,
        ContentPage,
        "network-handbook",
        title="Network handbook for members",
        introduction="Escalation contacts and mutual aid arrangements between units.",
        body=[
            (
                "rich_text",
                rich_text(
                    "Members-only: the escalation cascade and on-call contact rota for the "
                    "network's critical care units."
                ),
            )
        ],
    )
    demo.pages.update(about=about, staff_groups=staff_groups, members=members)

    if not home.section_cards.exists():
        for order, page in enumerate([about, staff_groups]):
            HomePageSectionCard.objects.create(page=home, target=page, sort_order=order)


def arrange_section_cards(home, targets):
    """The home page's cards in the order of the network's own page: the calendar,
    quality, training and the Trauma Surgeons, then the rest as they were."""
    cards = list(home.section_cards.order_by("sort_order"))
    by_target = {card.target_id: card for card in cards}
    ordered = [by_target.pop(page.pk) for page in targets if page.pk in by_target]
    ordered += [card for card in cards if card.target_id in by_target]
    for order, card in enumerate(ordered):
        if card.sort_order != order:
            card.sort_order = order
            card.save(update_fields=["sort_order"])
