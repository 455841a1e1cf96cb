"""Demo legal pages: the accessibility statement, the privacy notice and cookies.

A public-sector website must publish an accessibility statement; the membership form
collects personal data, so its consent question links to a privacy notice. The footer
of every page links to all three. The text follows the GOV.UK sample accessibility
statement and the ICO's guidance on privacy notices; the retention periods are the
ones the site applies (``MEMBERSHIP_UNVERIFIED_EXPIRY_DAYS`` and
``MEMBERSHIP_REJECTED_RETENTION_DAYS``).
"""

from django.conf import settings

from core.demo import ensure_child
from core.models import FooterLink, NetworkSettings
from pages.models import ContentPage

LEGAL_PAGES = [
    ("accessibility-statement", "Accessibility statement"),
    ("privacy-notice", "Privacy notice"),
    ("cookies", "Cookies"),
]


def _heading(text):
    return ("heading", {"text": text, "level": "h2"})


def _text(html):
    return ("rich_text", html)


def _office(network):
    return (
        f'<ul><li>email <a href="mailto:{network.office_email}">{network.office_email}</a></li>'
        f"<li>call {network.office_phone} (Monday to Friday, 9am to 5pm, except bank holidays)"
        "</li></ul>"
    )


def accessibility_statement(name, network):
    return [
        _text(
            f"<p>This accessibility statement applies to the website of the {name}. It covers "
            "the public pages, the pages for network members and the membership request "
            "form. It does not cover the editing area used by the network office.</p>"
            "<p>This website is run by the network office. We want as many people as "
            "possible to be able to use it. For example, that means you should be able to:</p>"
            "<ul><li>change colours, contrast levels and fonts using browser or device "
            "settings</li><li>zoom in up to 400% without the text spilling off the "
            "screen</li><li>navigate the whole website using just a keyboard</li>"
            "<li>navigate most of the website using speech recognition software</li>"
            "<li>listen to most of the website using a screen reader</li></ul>"
            "<p>We have also made the text as simple as possible to understand.</p>"
            '<p><a href="https://mcmw.abilitynet.org.uk/">AbilityNet</a> has advice on making '
            "your device easier to use if you have a disability.</p>"
        ),
        _heading("How accessible this website is"),
        _text(
            "<p>We know some parts of this website are not fully accessible:</p>"
            "<ul><li>some papers and minutes uploaded as PDF or Word documents are not fully "
            "accessible to screen reader software</li><li>some recorded talks from study "
            "days do not have captions</li></ul>"
        ),
        _heading("Feedback and contact information"),
        _text(
            "<p>If you need information on this website in a different format, like an "
            "accessible PDF, large print, easy read, audio recording or braille:</p>"
            + _office(network)
            + "<p>We will consider your request and get back to you within 10 working "
            "days.</p>"
        ),
        _heading("Reporting accessibility problems with this website"),
        _text(
            "<p>We are always looking to improve the accessibility of this website. If you "
            "find any problems not listed on this page, or think we are not meeting "
            "accessibility requirements, contact the network office using the details "
            "above.</p>"
        ),
        _heading("Enforcement procedure"),
        _text(
            "<p>The Equality and Human Rights Commission (EHRC) is responsible for enforcing "
            "the Public Sector Bodies (Websites and Mobile Applications) (No. 2) "
            "Accessibility Regulations 2018 (the \u2018accessibility regulations\u2019). If "
            "you are not happy with how we respond to your complaint, contact the "
            '<a href="https://www.equalityadvisoryservice.com/">Equality Advisory and '
            "Support Service (EASS)</a>.</p>"
        ),
        _heading("Technical information about this website\u2019s accessibility"),
        _text(
            f"<p>The {name} is committed to making its website accessible, in accordance "
            "with the Public Sector Bodies (Websites and Mobile Applications) (No. 2) "
            "Accessibility Regulations 2018.</p>"
            "<h3>Compliance status</h3>"
            '<p>This website is partially compliant with the <a href="https://www.w3.org/TR/'
            'WCAG22/">Web Content Accessibility Guidelines version 2.2</a> AA standard, due '
            "to the non-compliances listed below.</p>"
        ),
        _heading("Non-accessible content"),
        _text(
            "<p>The content listed below is non-accessible for the following reasons.</p>"
            "<h3>Non-compliance with the accessibility regulations</h3>"
            "<p>Some meeting papers and minutes uploaded as PDF or Word documents do not have "
            "headings marked up as headings or text alternatives for charts. This fails WCAG "
            "2.2 success criteria 1.1.1 (non-text content) and 1.3.1 (info and "
            "relationships). When we publish new documents we make sure they meet "
            "accessibility standards, and we are replacing older ones as their groups "
            "review them.</p>"
            "<p>Some recorded study day talks do not have captions. This fails WCAG 2.2 "
            "success criterion 1.2.2 (captions, prerecorded). We add captions to new "
            "recordings before we publish them.</p>"
            "<h3>Content that is not within the scope of the accessibility regulations</h3>"
            "<p>The regulations do not require us to fix PDFs or other documents published "
            "before 23 September 2018 if they are not essential to providing our services, "
            "or live video streams of network meetings.</p>"
        ),
        _heading("What we are doing to improve accessibility"),
        _text(
            "<p>Every page template of this website is checked automatically with axe-core "
            "at desktop and mobile widths each time the website changes, and pages are "
            "checked by hand with a keyboard and at 400% zoom before they are published. "
            "We ask the authors of network documents to use accessible templates.</p>"
        ),
        _heading("Preparation of this accessibility statement"),
        _text(
            "<p>This statement was prepared on 2 November 2026. It was last reviewed on "
            "2 November 2026.</p>"
            "<p>This website was last tested on 28 October 2026 against the WCAG 2.2 AA "
            "standard. The network office tested every page template: the home page, "
            "section and content pages, staff group pages, training and quality listings, "
            "the calendar, events, search, the membership request form, signing in and the "
            "members-only prompt, in English and in Welsh.</p>"
        ),
    ]


def privacy_notice(name, network):
    unverified = settings.MEMBERSHIP_UNVERIFIED_EXPIRY_DAYS
    rejected = settings.MEMBERSHIP_REJECTED_RETENTION_DAYS
    return [
        _text(
            f"<p>This notice explains how the {name} uses the personal information you give "
            "us when you request membership of the network, and when you use this website as "
            "a member.</p>"
        ),
        _heading("Who we are"),
        _text(
            f"<p>The {name} is an NHS Operational Delivery Network. It is hosted by an NHS "
            "trust in the region, which is the controller of your personal information under "
            "the UK General Data Protection Regulation (UK GDPR) and the Data Protection Act "
            "2018. The network office handles your information on the host trust\u2019s "
            "behalf.</p>"
        ),
        _heading("What information we collect"),
        _text(
            "<p>When you request membership we collect:</p>"
            "<ul><li>your full name</li><li>your work email address</li><li>your job title "
            "and the organisation you work for</li><li>your staff group</li><li>your "
            "professional registration body and registration number, if you give them (for "
            "example your GMC, NMC or HCPC number)</li><li>why you need access to "
            "members-only content</li></ul>"
            "<p>We also record when you agreed to this notice, when you confirmed your email "
            "address, and the network office\u2019s decision on your request. We do not ask "
            "for any information about your health.</p>"
        ),
        _heading("Why we use your information"),
        _text(
            "<p>We use your information to:</p>"
            "<ul><li>confirm that the email address is yours</li><li>check that you work in "
            "a role on the adult critical care or major trauma pathway, where necessary by "
            "checking your registration on the public register of the GMC, NMC or HCPC</li>"
            "<li>give you an account so that you can read members-only pages, events and "
            "documents</li><li>email you about your request and your membership</li></ul>"
            "<p>We do not use your information for marketing, we do not sell it, and no "
            "decision about you is made by a computer alone: a member of the network office "
            "reviews every request.</p>"
        ),
        _heading("Our lawful basis"),
        _text(
            "<p>We process your information because it is necessary to perform a task in the "
            "public interest: coordinating adult critical care and major trauma services "
            "across the region, which includes sharing clinical guidance and education with "
            "the professionals who provide those services (UK GDPR Article 6(1)(e)). The "
            "information we collect is not special category data.</p>"
        ),
        _heading("Who we share it with"),
        _text(
            "<p>Only the staff of the network office can see your request. The companies "
            "that host this website and send its emails process your information on our "
            "instructions, under contract, and store it in the UK. We do not share it with "
            "anyone else unless the law requires us to.</p>"
        ),
        _heading("How long we keep it"),
        _text(
            f"<ul><li>If you do not confirm your email address, we erase your details after "
            f"{unverified} days.</li><li>If we turn down your request, we delete it "
            f"{rejected} days after our decision, so that we can answer any questions you "
            "have about it.</li><li>If we approve your request, we keep your details for as "
            "long as you are a member. When you leave the network, we erase them and close "
            "your account.</li></ul>"
        ),
        _heading("Your rights"),
        _text(
            "<p>You have the right to:</p>"
            "<ul><li>ask for a copy of your information (members can download it from the "
            "\u2018My membership\u2019 page)</li><li>ask us to correct information that is "
            "wrong</li><li>ask us to erase your information (members can leave the network "
            "from the \u2018My membership\u2019 page at any time)</li><li>ask us to restrict "
            "how we use your information</li><li>object to how we use your information</li>"
            "</ul><p>To use any of these rights, contact the network office:</p>" + _office(network)
        ),
        _heading("How to complain"),
        _text(
            "<p>If you are unhappy with how we have used your information, contact the "
            "network office first. You can also complain to the Information Commissioner\u2019s "
            "Office (ICO), the UK\u2019s independent regulator for data protection:</p>"
            '<ul><li>online at <a href="https://ico.org.uk/make-a-complaint/">ico.org.uk/'
            "make-a-complaint</a></li><li>by phone on 0303 123 1113</li><li>by post to the "
            "Information Commissioner\u2019s Office, Wycliffe House, Water Lane, Wilmslow, "
            "Cheshire SK9 5AF</li></ul>"
        ),
        _heading("Changes to this notice"),
        _text(
            "<p>We review this notice every year and when we change how we use your "
            "information. It was last updated on 2 November 2026.</p>"
        ),
    ]


def cookies(name, network):
    return [
        _text(
            "<p>Cookies are small files saved on your phone, tablet or computer when you "
            "visit a website. This website only uses cookies that it needs to work, so we "
            "do not ask for your consent to them. We do not use cookies to measure how you "
            "use the website, and we do not use advertising cookies.</p>"
        ),
        _heading("Cookies this website sets"),
        _cookies_list(),
        _heading("Videos from other websites"),
        _text(
            "<p>Some pages show videos from YouTube. We use YouTube\u2019s privacy-enhanced "
            "mode, which does not set cookies until you play a video.</p>"
        ),
        _heading("More about cookies"),
        _text(
            f"<p>If you have a question about cookies on this website, contact the {name} "
            "office:</p>" + _office(network)
        ),
    ]


# (name, purpose, expires)
COOKIES = [
    (
        "csrftoken",
        "Protects the forms on this website (such as the membership request) against "
        "requests sent from other websites",
        "1 year",
    ),
    (
        "sessionid",
        "Keeps you signed in as a network member",
        "2 weeks, or when you sign out",
    ),
]


def _cookies_list():
    """Each cookie with its purpose and how long it lasts."""
    rows = "".join(
        f"<li><strong>{name}</strong>: {purpose}. Expires after {expires}.</li>"
        for name, purpose, expires in COOKIES
    )
    return ("rich_text", f"<ul>{rows}</ul>")


def load(demo):
    home = demo.home
    network = NetworkSettings.for_site(home.get_site())
    name = network.network_name
    builders = {
        "accessibility-statement": accessibility_statement,
        "privacy-notice": privacy_notice,
        "cookies": cookies,
    }
    introductions = {
        "accessibility-statement": f"How accessible the {name} website is, and how to tell us "
        "about a problem.",
        "privacy-notice": "How we use the information you give us when you request "
        "membership of the network.",
        "cookies": "The cookies this website sets and why.",
    }
    pages = {}
    for slug, title in LEGAL_PAGES:
        body = builders[slug](name, network)
        pages[slug] = ensure_child(
            home,
            ContentPage,
            slug,
            title=title,
            introduction=introductions[slug],
            listing_summary=introductions[slug],
            body=body,
        )
    demo.pages.update(legal=pages)

    if not network.footer_links.exists():
        for order, (slug, title) in enumerate(LEGAL_PAGES):
            FooterLink.objects.create(
                setting=network, label=title, link_page=pages[slug], sort_order=order
            )

    # The membership form's consent question links to the privacy notice.
    request_page = demo.pages.get("request_membership")
    about = demo.pages.get("about")
    if request_page is not None and request_page.privacy_notice_id in (None, about and about.pk):
        request_page.privacy_notice = pages["privacy-notice"]
        request_page.save_revision().publish()
