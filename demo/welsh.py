"""Demo content in Welsh, made the way an editor makes it: through wagtail-localize.

Each object gets a translation source (its segments extracted by wagtail-localize), a
translation into Welsh whose strings are imported as a PO file (the same path as the
"Upload PO file" button in the editor), and then the translated object is saved and
published. Snippets go first, so that pages pointing at them point at their Welsh
translations; parents go before children; the home page is saved again at the end,
so that its "Register here" button leads to the Welsh request page.

Translated: the home page, About the network, every staff group (snippet), the staff
groups section with the Trauma Surgeons page, the event categories, the calendar with two
events, the membership request page, and the legal pages the footer links to (the
accessibility statement, privacy notice and cookies, whose Welsh is in
``demo.welsh_legal``). Other pages have no Welsh version: Welsh menus, cards and listings
leave them out.
"""

from django.conf import settings

from wagtail.models import Locale, Page

from wagtail_localize.models import Translation, TranslationSource

from core.models import StaffGroup
from demo.legal import LEGAL_PAGES
from demo.welsh_legal import WELSH_LEGAL
from events.models import EventCategory, EventIndexPage, EventPage
from membership.models import MembershipRequestPage
from pages.models import StaffGroupPage

# English source string (as wagtail-localize extracts it) -> written Welsh.
WELSH = {
    # Home page
    "Critical Care and Major Trauma Network": "Rhwydwaith Gofal Critigol a Thrawma Mawr",
    "network-home": "rhwydwaith",
    "We coordinate adult critical care and major trauma care across the hospitals of our "
    "region.": "Rydym yn cydlynu gofal critigol i oedolion a gofal trawma mawr ar draws "
    "ysbytai ein rhanbarth.",
    "Brief History and Context": "Hanes a Chyd-destun yn Gryno",
    "In May 2000 the key document \u2018Comprehensive Critical Care\u2019 (DH, 2000) was "
    "released after national concerns were raised about critical care capacity and quality "
    "of care. This followed a number of high profile cases, including deaths associated with "
    "long-distance critical care transfers. Both \u2018Comprehensive Critical Care\u2019 and "
    "\u2018Quality Critical Care, Beyond Comprehensive Critical Care\u2019 (DH 2005) describe "
    "networks as being integral to the delivery and development of quality critical care "
    "services. This was reinforced in the \u2018Evaluation of modernisation of adult critical "
    "care services in England: time series and cost effectiveness analysis\u2019 (BMJ 2009; "
    "339:b4353). The need for cross-organisational co-operation and development of quality "
    "through effective clinical engagement was, and remains, a priority to improve the care "
    "of these inherently high risk and highly vulnerable patients.": "Ym mis Mai 2000 "
    "cyhoeddwyd y ddogfen allweddol \u2018Comprehensive Critical Care\u2019 (DH, 2000) ar "
    "\u00f4l i bryderon cenedlaethol gael eu codi am gapasiti ac ansawdd gofal critigol. "
    "Daeth hyn yn sgil nifer o achosion proffil uchel, gan gynnwys marwolaethau a oedd yn "
    "gysylltiedig \u00e2 throsglwyddiadau gofal critigol pellter hir. Mae \u2018Comprehensive "
    "Critical Care\u2019 a \u2018Quality Critical Care, Beyond Comprehensive Critical "
    "Care\u2019 (DH 2005) ill dwy yn disgrifio rhwydweithiau fel rhan annatod o\u2019r gwaith "
    "o ddarparu a datblygu gwasanaethau gofal critigol o ansawdd. Atgyfnerthwyd hyn yn yr "
    "\u2018Evaluation of modernisation of adult critical care services in England: time "
    "series and cost effectiveness analysis\u2019 (BMJ 2009; 339:b4353). Roedd cydweithredu "
    "rhwng sefydliadau, a datblygu ansawdd drwy ymgysylltu clinigol effeithiol, yn "
    "flaenoriaeth er mwyn gwella gofal y cleifion hyn, sydd o\u2019u hanfod yn risg uchel ac "
    "yn agored iawn i niwed, ac maent yn parhau\u2019n flaenoriaeth.",
    "In December 2012 NHS England published \u2018Developing Operational Delivery Networks: "
    "The Way Forward\u2019 which emphasises the success of clinical managed networks and set "
    "out the principles for the newly designated Operational Delivery Networks. National "
    "service specifications for ODNs, based largely on the success of critical care networks, "
    "have been developed for each of the seven nationally mandated ODNs. It is expected that "
    "additional ODNs will be formed covering other specialty areas over time.": "Ym mis "
    "Rhagfyr 2012 cyhoeddodd GIG Lloegr \u2018Developing Operational Delivery Networks: The "
    "Way Forward\u2019, sy\u2019n pwysleisio llwyddiant rhwydweithiau clinigol a reolir ac a "
    "osododd yr egwyddorion ar gyfer y Rhwydweithiau Cyflawni Gweithredol newydd. Mae "
    "manylebau gwasanaeth cenedlaethol, sy\u2019n seiliedig i raddau helaeth ar lwyddiant "
    "rhwydweithiau gofal critigol, wedi\u2019u datblygu ar gyfer pob un o\u2019r saith "
    "rhwydwaith sy\u2019n orfodol yn genedlaethol. Disgwylir y bydd rhagor o rwydweithiau "
    "o\u2019r fath yn cael eu ffurfio dros amser i gwmpasu meysydd arbenigol eraill.",
    "Clinical networks are an NHS success story. Combining the experience of clinicians, the "
    "input of patients and the organisational vision of NHS staff they have supported and "
    "improved the way we deliver care to patients in distinct areas, delivering true "
    "integration across primary, secondary and often tertiary care.": "Mae rhwydweithiau "
    "clinigol yn un o lwyddiannau\u2019r GIG. Drwy gyfuno profiad clinigwyr, mewnbwn "
    "cleifion a gweledigaeth sefydliadol staff y GIG, maent wedi cefnogi a gwella\u2019r "
    "ffordd rydym yn darparu gofal i gleifion mewn meysydd penodol, gan sicrhau integreiddio "
    "gwirioneddol ar draws gofal sylfaenol, gofal eilaidd ac yn aml ofal trydyddol.",
    "Clinical networks evolved as a means of engaging clinical stakeholders across "
    "organisational and professional boundaries to develop improvements in patient care and "
    "experience using best practice and shared learning.": "Datblygodd rhwydweithiau "
    "clinigol yn ffordd o ymgysylltu \u00e2 rhanddeiliaid clinigol ar draws ffiniau "
    "sefydliadol a phroffesiynol, er mwyn gwella gofal a phrofiad cleifion drwy arfer gorau "
    "a dysgu ar y cyd.",
    "As the NHS goes through its current transitional phase the role of networks is "
    "increasingly seen as vital to improving patient outcomes and the successful integration "
    "of clinical services. Emerging network models should continue to follow patient flows "
    "to maintain successful engagement.": "Wrth i\u2019r GIG fynd drwy\u2019r cyfnod pontio "
    "presennol, ystyrir fwyfwy fod rhwydweithiau\u2019n hanfodol i wella canlyniadau i "
    "gleifion ac i integreiddio gwasanaethau clinigol yn llwyddiannus. Dylai modelau "
    "rhwydwaith newydd barhau i ddilyn llif cleifion er mwyn cynnal ymgysylltiad llwyddiannus.",
    "Operational Delivery Networks (ODNs) cover areas such as neonatal intensive care, adult "
    "critical care, burns and trauma and are focused on coordinating patient pathways "
    "between providers over a wide area to ensure access to specialist support. ODNs work "
    "closely with Strategic Clinical Networks, commissioners, providers and patients.": "Mae "
    "Rhwydweithiau Cyflawni Gweithredol yn cwmpasu meysydd fel gofal dwys newyddenedigol, "
    "gofal critigol i oedolion, llosgiadau a thrawma. Maent yn canolbwyntio ar gydlynu "
    "llwybrau cleifion rhwng darparwyr dros ardal eang, er mwyn sicrhau mynediad at gymorth "
    "arbenigol, ac yn gweithio\u2019n agos gyda Rhwydweithiau Clinigol Strategol, "
    "comisiynwyr, darparwyr a chleifion.",
    "Register here": "Cofrestrwch yma",
    "This website is designed for specialist professional use. To fully access the content "
    "please request membership from the network office using the button below.": "Mae\u2019r "
    "wefan hon wedi\u2019i chynllunio ar gyfer gweithwyr proffesiynol arbenigol. I weld yr "
    "holl gynnwys, gofynnwch i swyddfa\u2019r rhwydwaith am aelodaeth drwy ddefnyddio\u2019r "
    "botwm isod.",
    "Request membership": "Gwneud cais am aelodaeth",
    # About the network
    "About the network": "Am y rhwydwaith",
    "about": "am-y-rhwydwaith",
    "Who we are, the hospitals we connect and the principles we work by.": "Pwy ydym ni, yr "
    "ysbytai rydym yn eu cysylltu a\u2019r egwyddorion sy\u2019n sail i\u2019n gwaith.",
    "Who we are": "Pwy ydym ni",
    "We are an Operational Delivery Network of the NHS. We bring together the Major Trauma "
    "Centre, the Trauma Units and the adult critical care units of our region, so that "
    "patients reach the right care, in the right place, first time.": "Rydym yn Rhwydwaith "
    "Cyflawni Gweithredol yn y GIG. Rydym yn dod \u00e2\u2019r Ganolfan Trawma Mawr, yr "
    "Unedau Trawma ac unedau gofal critigol i oedolion ein rhanbarth ynghyd, fel bod cleifion "
    "yn cael y gofal iawn, yn y lle iawn, y tro cyntaf.",
    "Clinicians from every unit lead our work. A small network office supports them: it runs "
    "this website, the network calendar and the training programme.": "Clinigwyr o bob uned "
    "sy\u2019n arwain ein gwaith. Mae swyddfa fach y rhwydwaith yn eu cefnogi: hi sy\u2019n "
    "rhedeg y wefan hon, calendr y rhwydwaith a\u2019r rhaglen hyfforddi.",
    "Map-style illustration of the network's hospitals": "Darlun ar ffurf map o ysbytai\u2019r "
    "rhwydwaith",
    "Principles of Operational Delivery Networks": "Egwyddorion Rhwydweithiau Cyflawni Gweithredol",
    "Follow the patient: pathways are planned across organisational boundaries.": "Dilyn y "
    "claf: caiff llwybrau eu cynllunio ar draws ffiniau sefydliadol.",
    "Clinical engagement: clinicians lead the improvement of their own services.": "Ymgysylltu "
    "clinigol: clinigwyr sy\u2019n arwain y gwaith o wella eu gwasanaethau eu hunain.",
    "Shared learning: audit, peer review and education are network-wide.": "Dysgu ar y cyd: "
    "mae archwilio, adolygu gan gymheiriaid ac addysg yn digwydd ar draws y rhwydwaith cyfan.",
    "The hospitals we connect and the principles of Operational Delivery Networks.": "Yr "
    "ysbytai rydym yn eu cysylltu ac egwyddorion Rhwydweithiau Cyflawni Gweithredol.",
    # Staff groups
    "Staff groups": "Grwpiau staff",
    "staff-groups": "grwpiau-staff",
    "Resources, training and events for each professional group on the trauma and critical "
    "care pathway.": "Adnoddau, hyfforddiant a digwyddiadau i bob gr\u0175p proffesiynol ar y "
    "llwybr trawma a gofal critigol.",
    "Trauma Surgeons": "Llawfeddygon Trawma",
    "trauma-surgeons": "llawfeddygon-trawma",
    "Patients who have suffered a severe injury often need complex reconstruction surgery and "
    "care from many professionals such as physiotherapists, occupational therapists and speech "
    "and language therapists.": "Yn aml mae angen llawdriniaeth adluniol gymhleth ar gleifion "
    "sydd wedi cael anaf difrifol, a gofal gan lawer o weithwyr proffesiynol fel "
    "ffisiotherapyddion, therapyddion galwedigaethol a therapyddion lleferydd ac iaith.",
    "Trauma surgeons": "Llawfeddygon trawma",
    "Trauma and orthopaedic, plastic and general surgeons on the major trauma pathway.": (
        "Llawfeddygon trawma ac orthopedig, llawfeddygon plastig a llawfeddygon cyffredinol "
        "ar y llwybr trawma mawr."
    ),
    "Emergency medicine": "Meddygaeth frys",
    "Emergency physicians and trauma team leaders in the Major Trauma Centre and Trauma "
    "Units.": "Meddygon brys ac arweinwyr timau trawma yn y Ganolfan Trawma Mawr a\u2019r "
    "Unedau Trawma.",
    "Critical care nurses": "Nyrsys gofal critigol",
    "Emergency physicians": "Meddygon brys",
    "Intensivists": "Arbenigwyr gofal dwys",
    "Consultants in intensive care medicine leading the network's level 2 and level 3 "
    "units.": "Ymgynghorwyr mewn meddygaeth gofal dwys sy\u2019n arwain unedau lefel 2 a "
    "lefel 3 y rhwydwaith.",
    "Anaesthetists": "Anesthetyddion",
    "Anaesthetists in trauma theatres, resuscitation and critical care transfers.": (
        "Anesthetyddion mewn theatrau trawma, dadebru a throsglwyddiadau gofal critigol."
    ),
    "Trauma coordinators": "Cydlynwyr trawma",
    "Nurses and practitioners coordinating each major trauma patient's care and "
    "transfers.": "Nyrsys ac ymarferwyr sy\u2019n cydlynu gofal a throsglwyddiadau pob "
    "claf trawma mawr.",
    "Dietitians": "Dietegwyr",
    "Dietitians planning nutrition for critically ill and injured patients.": (
        "Dietegwyr sy\u2019n cynllunio maeth ar gyfer cleifion sy\u2019n ddifrifol wael "
        "neu wedi\u2019u hanafu."
    ),
    "Nurses caring for level 2 and level 3 patients across the network's units.": "Nyrsys "
    "sy\u2019n gofalu am gleifion lefel 2 a lefel 3 yn unedau\u2019r rhwydwaith.",
    "Physiotherapists": "Ffisiotherapyddion",
    "Physiotherapists supporting respiratory care and rehabilitation after injury.": (
        "Ffisiotherapyddion sy\u2019n cefnogi gofal anadlol ac adsefydlu ar \u00f4l anaf."
    ),
    "Occupational therapists": "Therapyddion galwedigaethol",
    "Occupational therapists helping patients return to daily life after critical "
    "illness.": "Therapyddion galwedigaethol sy\u2019n helpu cleifion i ddychwelyd i\u2019w "
    "bywyd bob dydd ar \u00f4l salwch critigol.",
    "Speech and language therapists": "Therapyddion lleferydd ac iaith",
    "Speech and language therapists for communication and swallowing after trauma.": (
        "Therapyddion lleferydd ac iaith sy\u2019n helpu gyda chyfathrebu a llyncu ar "
        "\u00f4l trawma."
    ),
    "Paramedics": "Parafeddygon",
    "Pre-hospital clinicians triaging and transferring patients along agreed pathways.": (
        "Clinigwyr cyn-ysbyty sy\u2019n brysbennu ac yn trosglwyddo cleifion ar hyd llwybrau "
        "y cytunwyd arnynt."
    ),
    "Rehabilitation coordinators": "Cydlynwyr adsefydlu",
    "Coordinators planning each patient's rehabilitation across providers.": "Cydlynwyr "
    "sy\u2019n cynllunio adsefydlu pob claf ar draws y darparwyr gwasanaeth.",
    # Event categories
    "Audit and review": "Archwilio ac adolygu",
    "Morbidity and mortality reviews and audit.": "Adolygiadau morbidrwydd a marwolaethau, "
    "ac archwilio.",
    "Governance": "Llywodraethu",
    "Network board and clinical governance meetings.": "Cyfarfodydd bwrdd y rhwydwaith a "
    "chyfarfodydd llywodraethu clinigol.",
    "Study days": "Diwrnodau astudio",
    "Clinical study days and conferences.": "Diwrnodau astudio clinigol a chynadleddau.",
    "Training": "Hyfforddiant",
    "Simulation, transfer and skills training.": "Hyfforddiant efelychu, trosglwyddo a sgiliau.",
    # The calendar and two events
    "Network Calendar &amp; Events": "Calendr a Digwyddiadau\u2019r Rhwydwaith",
    "events": "digwyddiadau",
    "Network board and governance meetings, study days, morbidity and mortality reviews and "
    "transfer training across the network.": "Cyfarfodydd bwrdd a llywodraethu\u2019r "
    "rhwydwaith, diwrnodau astudio, adolygiadau morbidrwydd a marwolaethau, a hyfforddiant "
    "trosglwyddo ar draws y rhwydwaith.",
    "Regional trauma study day": "Diwrnod astudio trawma rhanbarthol",
    "trauma-study-day": "diwrnod-astudio-trawma",
    "Cases, pathways and updates from the Major Trauma Centre and Trauma Units.": "Achosion, "
    "llwybrau a\u2019r newyddion diweddaraf gan y Ganolfan Trawma Mawr a\u2019r Unedau Trawma.",
    "Education Centre, Major Trauma Centre": "Canolfan Addysg, y Ganolfan Trawma Mawr",
    # A postal address is written as the post office knows it.
    "Leeds General Infirmary<br/>Great George Street<br/>Leeds LS1 3EX": (
        "Leeds General Infirmary<br/>Great George Street<br/>Leeds LS1 3EX"
    ),
    "Major trauma education team": "T\u00eem addysg trawma mawr",
    "Critical care transfer training": "Hyfforddiant trosglwyddo gofal critigol",
    "critical-care-transfer-training": "hyfforddiant-trosglwyddo-gofal-critigol",
    "Simulation training for safe transfers of level 3 patients.": "Hyfforddiant efelychu ar "
    "gyfer trosglwyddo cleifion lefel 3 yn ddiogel.",
    "Critical care education team": "T\u00eem addysg gofal critigol",
    # Request membership
    "request-membership": "gwneud-cais-am-aelodaeth",
    "This website is designed for specialist professional use. Members read the network's "
    "specialist resources, members-only events and documents. Tell us who you are and why you "
    "need access; the network office reviews every request.": "Mae\u2019r wefan hon "
    "wedi\u2019i chynllunio ar gyfer gweithwyr proffesiynol arbenigol. Mae aelodau\u2019n "
    "darllen adnoddau arbenigol y rhwydwaith, a\u2019r digwyddiadau a\u2019r dogfennau sydd "
    "ar gyfer aelodau yn unig. Dywedwch wrthym pwy ydych chi a pham mae angen mynediad "
    "arnoch; mae swyddfa\u2019r rhwydwaith yn adolygu pob cais.",
    "We have sent you an email. Follow the link in it to confirm your address; the network "
    "office then reviews your request.": "Rydym wedi anfon e-bost atoch. Dilynwch y ddolen "
    "ynddo i gadarnhau eich cyfeiriad; yna bydd swyddfa\u2019r rhwydwaith yn adolygu eich "
    "cais.",
    "Thank you: your email address is confirmed and the network office will review your "
    "request. We will email you with the decision.": "Diolch: mae eich cyfeiriad e-bost "
    "wedi\u2019i gadarnhau a bydd swyddfa\u2019r rhwydwaith yn adolygu eich cais. Byddwn yn "
    "anfon e-bost atoch gyda\u2019r penderfyniad.",
}

# The two events of the calendar that have a Welsh version.
WELSH_EVENTS = ["trauma-study-day", "critical-care-transfer-training"]


class MissingWelshError(Exception):
    """A segment of a translated object has no Welsh in ``WELSH``."""


def translate(instance, locale, strings=WELSH):
    """Translate ``instance`` into ``locale`` through wagtail-localize; return the translation.

    Extracts (or refreshes) the translation source, imports every segment's translation
    as a PO file and publishes the result. Raises ``MissingWelshError`` naming any
    segment that ``strings`` does not translate, rather than publishing English as Welsh.
    """
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    po = translation.export_po()
    missing = [entry.msgid for entry in po if entry.msgid not in strings]
    if missing:
        raise MissingWelshError(f"No Welsh for {missing!r} in {instance!r}")
    for entry in po:
        entry.msgstr = strings[entry.msgid]
    translation.import_po(po)
    # Published here rather than by wagtail-localize's on-commit hook: that hook would
    # publish a copy of the page read before its translated children were added,
    # writing back a stale child count when the whole demo commits at once.
    is_page = isinstance(instance, Page)
    source.create_or_update_translation(locale, publish=not is_page, fallback=False)
    translated = instance.get_translation(locale)
    if is_page:
        translated.get_latest_revision().publish()
        translated.refresh_from_db()
    return translated


def load(demo):
    if "cy" not in dict(settings.WAGTAIL_CONTENT_LANGUAGES):
        return
    welsh, _ = Locale.objects.get_or_create(language_code="cy")
    default = Locale.get_default()
    home = demo.home

    # Snippets keep their slugs: filters and feeds name a category or group by slug
    # in every language.
    for group in StaffGroup.objects.filter(locale=default):
        translate(group, welsh, {**WELSH, group.slug: group.slug})
    for category in EventCategory.objects.filter(locale=default):
        translate(category, welsh, {**WELSH, category.slug: category.slug})

    translate(home, welsh)
    children = home.get_children()
    translate(children.get(slug="about").specific, welsh)
    staff_groups = children.get(slug="staff-groups").specific
    translate(staff_groups, welsh)
    for group_page in StaffGroupPage.objects.child_of(staff_groups).filter(slug="trauma-surgeons"):
        translate(group_page, welsh)
    for index in EventIndexPage.objects.child_of(home):
        translate(index, welsh)
        for event in EventPage.objects.child_of(index).filter(slug__in=WELSH_EVENTS):
            translate(event, welsh)
    for request_page in MembershipRequestPage.objects.child_of(home):
        translate(request_page, welsh)
    # The accessibility statement, privacy notice and cookies, linked from every footer.
    legal = {**WELSH, **WELSH_LEGAL}
    for slug, _title in LEGAL_PAGES:
        translate(children.get(slug=slug).specific, welsh, legal)
    # Again, now that the request page it links to has its Welsh version.
    translate(home, welsh)
