"""The demo's legal pages in Welsh: the accessibility statement, privacy notice and cookies.

Keyed, like ``demo.welsh.WELSH``, by the English segments wagtail-localize extracts from
the pages ``demo.legal`` builds: each page's title, slug, introduction (also its listing
summary) and every heading, paragraph and list item of its body, with the inline markup
wagtail-localize gives it (``<a id="a1">``, ``<strong>``). The English has the network's
name, the office's email address and telephone number and the membership retention
periods written into it, so the keys are built from the same values as the demo's.

The wording follows the Welsh versions of the accessibility statements, privacy notices
and cookie pages of the Welsh Government and NHS Wales. Legislation, regulators and
services are named by their official Welsh names; cookie names, product names and the
ICO's postal address stay as they are.
"""

from django.conf import settings

# The network as the demo sets it up (``NetworkSettings``'s default name; the office
# details ``demo.home`` gives it).
NETWORK = "Critical Care and Major Trauma Network"
NETWORK_CY = "Rhwydwaith Gofal Critigol a Thrawma Mawr"
OFFICE_EMAIL = "network.office@example.nhs.uk"
OFFICE_PHONE = "0113 496 0000"
UNVERIFIED_DAYS = settings.MEMBERSHIP_UNVERIFIED_EXPIRY_DAYS
REJECTED_DAYS = settings.MEMBERSHIP_REJECTED_RETENTION_DAYS

# English source string (as wagtail-localize extracts it) -> written Welsh.
WELSH_LEGAL = {
    # How to reach the network office, on all three pages
    f'email <a id="a1">{OFFICE_EMAIL}</a>': f'anfonwch e-bost at <a id="a1">{OFFICE_EMAIL}</a>',
    f"call {OFFICE_PHONE} (Monday to Friday, 9am to 5pm, except bank holidays)": (
        f"ffoniwch {OFFICE_PHONE} (dydd Llun i ddydd Gwener, 9am i 5pm, ac eithrio gwyliau banc)"
    ),
    # Accessibility statement
    "Accessibility statement": "Datganiad hygyrchedd",
    "accessibility-statement": "datganiad-hygyrchedd",
    f"How accessible the {NETWORK} website is, and how to tell us about a problem.": (
        f"Pa mor hygyrch yw gwefan {NETWORK_CY}, a sut i roi gwybod i ni am broblem."
    ),
    f"This accessibility statement applies to the website of the {NETWORK}. It covers the "
    "public pages, the pages for network members and the membership request form. It does not "
    "cover the editing area used by the network office.": (
        f"Mae\u2019r datganiad hygyrchedd hwn yn berthnasol i wefan {NETWORK_CY}. Mae\u2019n "
        "cwmpasu\u2019r tudalennau cyhoeddus, y tudalennau ar gyfer aelodau\u2019r rhwydwaith "
        "a\u2019r ffurflen gais am aelodaeth. Nid yw\u2019n cwmpasu\u2019r ardal olygu a "
        "ddefnyddir gan swyddfa\u2019r rhwydwaith."
    ),
    "This website is run by the network office. We want as many people as possible to be able "
    "to use it. For example, that means you should be able to:": (
        "Swyddfa\u2019r rhwydwaith sy\u2019n rhedeg y wefan hon. Rydym am i gymaint o bobl \u00e2 "
        "phosibl allu ei defnyddio. Er enghraifft, mae hynny\u2019n golygu y dylech allu:"
    ),
    "change colours, contrast levels and fonts using browser or device settings": (
        "newid lliwiau, lefelau cyferbyniad a ffontiau gan ddefnyddio gosodiadau\u2019r porwr "
        "neu\u2019r ddyfais"
    ),
    "zoom in up to 400% without the text spilling off the screen": (
        "chwyddo hyd at 400% heb i\u2019r testun ddisgyn oddi ar y sgrin"
    ),
    "navigate the whole website using just a keyboard": (
        "llywio\u2019r wefan gyfan gan ddefnyddio bysellfwrdd yn unig"
    ),
    "navigate most of the website using speech recognition software": (
        "llywio\u2019r rhan fwyaf o\u2019r wefan gan ddefnyddio meddalwedd adnabod llais"
    ),
    "listen to most of the website using a screen reader": (
        "gwrando ar y rhan fwyaf o\u2019r wefan gan ddefnyddio darllenydd sgrin"
    ),
    "We have also made the text as simple as possible to understand.": (
        "Rydym hefyd wedi gwneud y testun mor syml \u00e2 phosibl i\u2019w ddeall."
    ),
    '<a id="a1">AbilityNet</a> has advice on making your device easier to use if you have a '
    "disability.": (
        'Mae gan <a id="a1">AbilityNet</a> gyngor ar wneud eich dyfais yn haws ei defnyddio os oes '
        "gennych anabledd."
    ),
    "How accessible this website is": "Pa mor hygyrch yw\u2019r wefan hon",
    "We know some parts of this website are not fully accessible:": (
        "Rydym yn gwybod nad yw rhai rhannau o\u2019r wefan hon yn gwbl hygyrch:"
    ),
    "some papers and minutes uploaded as PDF or Word documents are not fully accessible to "
    "screen reader software": (
        "nid yw rhai papurau a chofnodion sydd wedi\u2019u llwytho i fyny fel dogfennau PDF neu "
        "Word yn gwbl hygyrch i feddalwedd darllen sgrin"
    ),
    "some recorded talks from study days do not have captions": (
        "nid oes capsiynau ar rai sgyrsiau a recordiwyd mewn diwrnodau astudio"
    ),
    "Feedback and contact information": "Adborth a gwybodaeth gyswllt",
    "If you need information on this website in a different format, like an accessible PDF, "
    "large print, easy read, audio recording or braille:": (
        "Os oes angen gwybodaeth ar y wefan hon arnoch mewn fformat gwahanol, fel PDF hygyrch, "
        "print bras, fersiwn hawdd ei ddeall, recordiad sain neu braille:"
    ),
    "We will consider your request and get back to you within 10 working days.": (
        "Byddwn yn ystyried eich cais ac yn cysylltu \u00e2 chi cyn pen 10 diwrnod gwaith."
    ),
    "Reporting accessibility problems with this website": (
        "Rhoi gwybod am broblemau hygyrchedd gyda\u2019r wefan hon"
    ),
    "We are always looking to improve the accessibility of this website. If you find any "
    "problems not listed on this page, or think we are not meeting accessibility requirements, "
    "contact the network office using the details above.": (
        "Rydym bob amser yn ceisio gwella hygyrchedd y wefan hon. Os byddwch yn dod o hyd i unrhyw "
        "broblemau nad ydynt wedi\u2019u rhestru ar y dudalen hon, neu os ydych yn credu nad ydym "
        "yn bodloni\u2019r gofynion hygyrchedd, cysylltwch \u00e2 swyddfa\u2019r rhwydwaith gan "
        "ddefnyddio\u2019r manylion uchod."
    ),
    "Enforcement procedure": "Gweithdrefn orfodi",
    "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public "
    "Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 "
    "(the \u2018accessibility regulations\u2019). If you are not happy with how we respond to "
    'your complaint, contact the <a id="a1">Equality Advisory and Support Service (EASS)</a>.': (
        "Y Comisiwn Cydraddoldeb a Hawliau Dynol (EHRC) sy\u2019n gyfrifol am orfodi Rheoliadau "
        "Hygyrchedd Cyrff y Sector Cyhoeddus (Gwefannau ac Apiau Symudol) (Rhif 2) 2018 (y "
        "\u2018rheoliadau hygyrchedd\u2019). Os nad ydych yn fodlon ar y ffordd rydym yn ymateb "
        'i\u2019ch cwyn, cysylltwch \u00e2\u2019r <a id="a1">Gwasanaeth Cynghori a Chymorth '
        "Cydraddoldeb (EASS)</a>."
    ),
    "Technical information about this website\u2019s accessibility": (
        "Gwybodaeth dechnegol am hygyrchedd y wefan hon"
    ),
    f"The {NETWORK} is committed to making its website accessible, in accordance with the "
    "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations "
    "2018.": (
        f"Mae {NETWORK_CY} wedi ymrwymo i wneud ei wefan yn hygyrch, yn unol \u00e2 Rheoliadau "
        "Hygyrchedd Cyrff y Sector Cyhoeddus (Gwefannau ac Apiau Symudol) (Rhif 2) 2018."
    ),
    "Compliance status": "Statws cydymffurfio",
    'This website is partially compliant with the <a id="a1">Web Content Accessibility '
    "Guidelines version 2.2</a> AA standard, due to the non-compliances listed below.": (
        'Mae\u2019r wefan hon yn cydymffurfio\u2019n rhannol \u00e2 safon AA <a id="a1">Canllawiau '
        "Hygyrchedd Cynnwys y We fersiwn 2.2</a>, oherwydd yr achosion o ddiffyg cydymffurfio a "
        "restrir isod."
    ),
    "Non-accessible content": "Cynnwys nad yw\u2019n hygyrch",
    "The content listed below is non-accessible for the following reasons.": (
        "Nid yw\u2019r cynnwys a restrir isod yn hygyrch am y rhesymau canlynol."
    ),
    "Non-compliance with the accessibility regulations": (
        "Diffyg cydymffurfio \u00e2\u2019r rheoliadau hygyrchedd"
    ),
    "Some meeting papers and minutes uploaded as PDF or Word documents do not have headings "
    "marked up as headings or text alternatives for charts. This fails WCAG 2.2 success "
    "criteria 1.1.1 (non-text content) and 1.3.1 (info and relationships). When we publish new "
    "documents we make sure they meet accessibility standards, and we are replacing older ones "
    "as their groups review them.": (
        "Mewn rhai papurau a chofnodion cyfarfodydd sydd wedi\u2019u llwytho i fyny fel dogfennau "
        "PDF neu Word, nid yw\u2019r penawdau wedi\u2019u marcio fel penawdau ac nid oes testun "
        "amgen ar gyfer siartiau. Nid yw hyn yn bodloni maen prawf llwyddiant 1.1.1 WCAG 2.2 "
        "(cynnwys nad yw\u2019n destun) na maen prawf llwyddiant 1.3.1 (gwybodaeth a "
        "pherthnasoedd). Pan fyddwn yn cyhoeddi dogfennau newydd, rydym yn sicrhau eu bod yn "
        "bodloni safonau hygyrchedd, ac rydym yn disodli\u2019r hen rai wrth i\u2019r grwpiau "
        "sy\u2019n gyfrifol amdanynt eu hadolygu."
    ),
    "Some recorded study day talks do not have captions. This fails WCAG 2.2 success criterion "
    "1.2.2 (captions, prerecorded). We add captions to new recordings before we publish them.": (
        "Nid oes capsiynau ar rai sgyrsiau a recordiwyd mewn diwrnodau astudio. Nid yw hyn yn "
        "bodloni maen prawf llwyddiant 1.2.2 WCAG 2.2 (capsiynau, wedi\u2019u recordio ymlaen "
        "llaw). Rydym yn ychwanegu capsiynau at recordiadau newydd cyn eu cyhoeddi."
    ),
    "Content that is not within the scope of the accessibility regulations": (
        "Cynnwys nad yw o fewn cwmpas y rheoliadau hygyrchedd"
    ),
    "The regulations do not require us to fix PDFs or other documents published before 23 "
    "September 2018 if they are not essential to providing our services, or live video streams "
    "of network meetings.": (
        "Nid yw\u2019r rheoliadau\u2019n ei gwneud yn ofynnol i ni drwsio ffeiliau PDF na "
        "dogfennau eraill a gyhoeddwyd cyn 23 Medi 2018 os nad ydynt yn hanfodol i ddarparu ein "
        "gwasanaethau, na ffrydiau fideo byw o gyfarfodydd y rhwydwaith."
    ),
    "What we are doing to improve accessibility": "Yr hyn rydym yn ei wneud i wella hygyrchedd",
    "Every page template of this website is checked automatically with axe-core at desktop and "
    "mobile widths each time the website changes, and pages are checked by hand with a keyboard "
    "and at 400% zoom before they are published. We ask the authors of network documents to use "
    "accessible templates.": (
        "Caiff pob templed tudalen ar y wefan hon ei wirio\u2019n awtomatig ag axe-core ar "
        "feintiau sgrin bwrdd gwaith a ff\u00f4n symudol bob tro y bydd y wefan yn newid, a chaiff "
        "tudalennau eu gwirio \u00e2 llaw, gyda bysellfwrdd ac wedi\u2019u chwyddo i 400%, cyn eu "
        "cyhoeddi. Rydym yn gofyn i awduron dogfennau\u2019r rhwydwaith ddefnyddio templedi "
        "hygyrch."
    ),
    "Preparation of this accessibility statement": "Paratoi\u2019r datganiad hygyrchedd hwn",
    "This statement was prepared on 2 November 2026. It was last reviewed on 2 November 2026.": (
        "Paratowyd y datganiad hwn ar 2 Tachwedd 2026. Cafodd ei adolygu ddiwethaf ar 2 Tachwedd "
        "2026."
    ),
    "This website was last tested on 28 October 2026 against the WCAG 2.2 AA standard. The "
    "network office tested every page template: the home page, section and content pages, staff "
    "group pages, training and quality listings, the calendar, events, search, the membership "
    "request form, signing in and the members-only prompt, in English and in Welsh.": (
        "Profwyd y wefan hon ddiwethaf ar 28 Hydref 2026 yn erbyn safon AA WCAG 2.2. Profodd "
        "swyddfa\u2019r rhwydwaith bob templed tudalen: yr hafan, tudalennau adrannau a "
        "thudalennau cynnwys, tudalennau grwpiau staff, rhestrau hyfforddiant ac ansawdd, y "
        "calendr, digwyddiadau, chwilio, y ffurflen gais am aelodaeth, mewngofnodi a\u2019r neges "
        "ar gynnwys i aelodau yn unig, yn Saesneg ac yn Gymraeg."
    ),
    # Privacy notice
    "Privacy notice": "Hysbysiad preifatrwydd",
    "privacy-notice": "hysbysiad-preifatrwydd",
    "How we use the information you give us when you request membership of the network.": (
        "Sut rydym yn defnyddio\u2019r wybodaeth a roddwch i ni pan fyddwch yn gwneud cais am "
        "aelodaeth o\u2019r rhwydwaith."
    ),
    f"This notice explains how the {NETWORK} uses the personal information you give us when you "
    "request membership of the network, and when you use this website as a member.": (
        f"Mae\u2019r hysbysiad hwn yn esbonio sut mae {NETWORK_CY} yn defnyddio\u2019r wybodaeth "
        "bersonol a roddwch i ni pan fyddwch yn gwneud cais am aelodaeth o\u2019r rhwydwaith, a "
        "phan fyddwch yn defnyddio\u2019r wefan hon fel aelod."
    ),
    "Who we are": "Pwy ydym ni",
    f"The {NETWORK} is an NHS Operational Delivery Network. It is hosted by an NHS trust in the "
    "region, which is the controller of your personal information under the UK General Data "
    "Protection Regulation (UK GDPR) and the Data Protection Act 2018. The network office "
    "handles your information on the host trust\u2019s behalf.": (
        f"Mae {NETWORK_CY} yn Rhwydwaith Cyflawni Gweithredol yn y GIG. Caiff ei letya gan un o "
        "ymddiriedolaethau\u2019r GIG yn y rhanbarth, sef rheolydd eich gwybodaeth bersonol o dan "
        "Reoliad Cyffredinol ar Ddiogelu Data y DU (GDPR y DU) a Deddf Diogelu Data 2018. Mae "
        "swyddfa\u2019r rhwydwaith yn trin eich gwybodaeth ar ran yr ymddiriedolaeth honno."
    ),
    "What information we collect": "Pa wybodaeth rydym yn ei chasglu",
    "When you request membership we collect:": (
        "Pan fyddwch yn gwneud cais am aelodaeth, rydym yn casglu:"
    ),
    "your full name": "eich enw llawn",
    "your work email address": "eich cyfeiriad e-bost gwaith",
    "your job title and the organisation you work for": (
        "teitl eich swydd a\u2019r sefydliad rydych yn gweithio iddo"
    ),
    "your staff group": "eich gr\u0175p staff",
    "your professional registration body and registration number, if you give them (for example "
    "your GMC, NMC or HCPC number)": (
        "eich corff cofrestru proffesiynol a\u2019ch rhif cofrestru, os byddwch yn eu rhoi (er "
        "enghraifft eich rhif GMC, NMC neu HCPC)"
    ),
    "why you need access to members-only content": (
        "pam mae angen mynediad arnoch at gynnwys i aelodau yn unig"
    ),
    "We also record when you agreed to this notice, when you confirmed your email address, and "
    "the network office\u2019s decision on your request. We do not ask for any information "
    "about your health.": (
        "Rydym hefyd yn cofnodi pryd y gwnaethoch gytuno i\u2019r hysbysiad hwn, pryd y gwnaethoch "
        "gadarnhau eich cyfeiriad e-bost, a phenderfyniad swyddfa\u2019r rhwydwaith ar eich cais. "
        "Nid ydym yn gofyn am unrhyw wybodaeth am eich iechyd."
    ),
    "Why we use your information": "Pam rydym yn defnyddio eich gwybodaeth",
    "We use your information to:": "Rydym yn defnyddio eich gwybodaeth i:",
    "confirm that the email address is yours": "gadarnhau mai chi biau\u2019r cyfeiriad e-bost",
    "check that you work in a role on the adult critical care or major trauma pathway, where "
    "necessary by checking your registration on the public register of the GMC, NMC or HCPC": (
        "wirio eich bod yn gweithio mewn r\u00f4l ar y llwybr gofal critigol i oedolion neu\u2019r "
        "llwybr trawma mawr, gan wirio eich cofrestriad ar gofrestr gyhoeddus y GMC, yr NMC "
        "neu\u2019r HCPC pan fo angen"
    ),
    "give you an account so that you can read members-only pages, events and documents": (
        "roi cyfrif i chi er mwyn i chi allu darllen tudalennau, digwyddiadau a dogfennau i "
        "aelodau yn unig"
    ),
    "email you about your request and your membership": (
        "anfon e-bost atoch am eich cais a\u2019ch aelodaeth"
    ),
    "We do not use your information for marketing, we do not sell it, and no decision about you "
    "is made by a computer alone: a member of the network office reviews every request.": (
        "Nid ydym yn defnyddio eich gwybodaeth at ddibenion marchnata nac yn ei gwerthu, ac ni "
        "chaiff unrhyw benderfyniad amdanoch ei wneud gan gyfrifiadur yn unig: mae aelod o "
        "swyddfa\u2019r rhwydwaith yn adolygu pob cais."
    ),
    "Our lawful basis": "Ein sail gyfreithlon",
    "We process your information because it is necessary to perform a task in the public "
    "interest: coordinating adult critical care and major trauma services across the region, "
    "which includes sharing clinical guidance and education with the professionals who provide "
    "those services (UK GDPR Article 6(1)(e)). The information we collect is not special "
    "category data.": (
        "Rydym yn prosesu eich gwybodaeth am fod angen gwneud hynny i gyflawni tasg er budd y "
        "cyhoedd: cydlynu gwasanaethau gofal critigol i oedolion a gwasanaethau trawma mawr ar "
        "draws y rhanbarth, sy\u2019n cynnwys rhannu canllawiau clinigol ac addysg \u00e2\u2019r "
        "gweithwyr proffesiynol sy\u2019n darparu\u2019r gwasanaethau hynny (Erthygl 6(1)(e) GDPR "
        "y DU). Nid yw\u2019r wybodaeth rydym yn ei chasglu yn ddata categori arbennig."
    ),
    "Who we share it with": "Gyda phwy rydym yn ei rhannu",
    "Only the staff of the network office can see your request. The companies that host this "
    "website and send its emails process your information on our instructions, under contract, "
    "and store it in the UK. We do not share it with anyone else unless the law requires us to.": (
        "Dim ond staff swyddfa\u2019r rhwydwaith sy\u2019n gallu gweld eich cais. Mae\u2019r "
        "cwmn\u00efau sy\u2019n cynnal y wefan hon ac yn anfon ei negeseuon e-bost yn prosesu eich "
        "gwybodaeth yn unol \u00e2\u2019n cyfarwyddiadau, o dan gontract, ac yn ei storio yn y DU. "
        "Nid ydym yn ei rhannu ag unrhyw un arall oni bai bod y gyfraith yn ei gwneud yn ofynnol i "
        "ni wneud hynny."
    ),
    "How long we keep it": "Am ba hyd rydym yn ei chadw",
    f"If you do not confirm your email address, we erase your details after {UNVERIFIED_DAYS} "
    "days.": (
        "Os na fyddwch yn cadarnhau eich cyfeiriad e-bost, byddwn yn dileu eich manylion ar "
        f"\u00f4l {UNVERIFIED_DAYS} diwrnod."
    ),
    f"If we turn down your request, we delete it {REJECTED_DAYS} days after our decision, so "
    "that we can answer any questions you have about it.": (
        f"Os byddwn yn gwrthod eich cais, byddwn yn ei ddileu {REJECTED_DAYS} diwrnod ar \u00f4l "
        "ein penderfyniad, er mwyn i ni allu ateb unrhyw gwestiynau sydd gennych amdano."
    ),
    "If we approve your request, we keep your details for as long as you are a member. When you "
    "leave the network, we erase them and close your account.": (
        "Os byddwn yn cymeradwyo eich cais, byddwn yn cadw eich manylion cyhyd ag y byddwch yn "
        "aelod. Pan fyddwch yn gadael y rhwydwaith, byddwn yn eu dileu ac yn cau eich cyfrif."
    ),
    "Your rights": "Eich hawliau",
    "You have the right to:": "Mae gennych hawl i:",
    "ask for a copy of your information (members can download it from the \u2018My "
    "membership\u2019 page)": (
        "ofyn am gopi o\u2019ch gwybodaeth (gall aelodau ei lawrlwytho o\u2019r dudalen \u2018Fy "
        "aelodaeth\u2019)"
    ),
    "ask us to correct information that is wrong": "ofyn i ni gywiro gwybodaeth sy\u2019n anghywir",
    "ask us to erase your information (members can leave the network from the \u2018My "
    "membership\u2019 page at any time)": (
        "ofyn i ni ddileu eich gwybodaeth (gall aelodau adael y rhwydwaith o\u2019r dudalen "
        "\u2018Fy aelodaeth\u2019 unrhyw bryd)"
    ),
    "ask us to restrict how we use your information": (
        "ofyn i ni gyfyngu ar y ffordd rydym yn defnyddio eich gwybodaeth"
    ),
    "object to how we use your information": (
        "wrthwynebu\u2019r ffordd rydym yn defnyddio eich gwybodaeth"
    ),
    "To use any of these rights, contact the network office:": (
        "I arfer unrhyw un o\u2019r hawliau hyn, cysylltwch \u00e2 swyddfa\u2019r rhwydwaith:"
    ),
    "How to complain": "Sut i gwyno",
    "If you are unhappy with how we have used your information, contact the network office "
    "first. You can also complain to the Information Commissioner\u2019s Office (ICO), the "
    "UK\u2019s independent regulator for data protection:": (
        "Os nad ydych yn fodlon ar y ffordd rydym wedi defnyddio eich gwybodaeth, cysylltwch "
        "\u00e2 swyddfa\u2019r rhwydwaith yn gyntaf. Gallwch hefyd gwyno i Swyddfa\u2019r "
        "Comisiynydd Gwybodaeth (ICO), rheoleiddiwr annibynnol y DU ar gyfer diogelu data:"
    ),
    # The address of a web page stays as it is.
    'online at <a id="a1">ico.org.uk/make-a-complaint</a>': (
        'ar-lein yn <a id="a1">ico.org.uk/make-a-complaint</a>'
    ),
    "by phone on 0303 123 1113": "dros y ff\u00f4n ar 0303 123 1113",
    # A postal address is written as the post office knows it.
    "by post to the Information Commissioner\u2019s Office, Wycliffe House, Water Lane, "
    "Wilmslow, Cheshire SK9 5AF": (
        "drwy\u2019r post at Swyddfa\u2019r Comisiynydd Gwybodaeth, Wycliffe House, Water Lane, "
        "Wilmslow, Cheshire SK9 5AF"
    ),
    "Changes to this notice": "Newidiadau i\u2019r hysbysiad hwn",
    "We review this notice every year and when we change how we use your information. It was "
    "last updated on 2 November 2026.": (
        "Rydym yn adolygu\u2019r hysbysiad hwn bob blwyddyn a phan fyddwn yn newid y ffordd rydym "
        "yn defnyddio eich gwybodaeth. Cafodd ei ddiweddaru ddiwethaf ar 2 Tachwedd 2026."
    ),
    # Cookies (the cookies' own names stay as they are)
    "Cookies": "Cwcis",
    "cookies": "cwcis",
    "The cookies this website sets and why.": "Y cwcis y mae\u2019r wefan hon yn eu gosod, a pham.",
    "Cookies are small files saved on your phone, tablet or computer when you visit a website. "
    "This website only uses cookies that it needs to work, so we do not ask for your consent to "
    "them. We do not use cookies to measure how you use the website, and we do not use "
    "advertising cookies.": (
        "Ffeiliau bach yw cwcis sy\u2019n cael eu cadw ar eich ff\u00f4n, eich llechen neu\u2019ch "
        "cyfrifiadur pan fyddwch yn ymweld \u00e2 gwefan. Dim ond y cwcis sydd eu hangen arni i "
        "weithio y mae\u2019r wefan hon yn eu defnyddio, felly nid ydym yn gofyn am eich "
        "caniat\u00e2d ar eu cyfer. Nid ydym yn defnyddio cwcis i fesur sut rydych yn "
        "defnyddio\u2019r wefan, ac nid ydym yn defnyddio cwcis hysbysebu."
    ),
    "Cookies this website sets": "Cwcis y mae\u2019r wefan hon yn eu gosod",
    "<strong>csrftoken</strong>: Protects the forms on this website (such as the membership "
    "request) against requests sent from other websites. Expires after 1 year.": (
        "<strong>csrftoken</strong>: Mae\u2019n diogelu\u2019r ffurflenni ar y wefan hon (fel y "
        "ffurflen gais am aelodaeth) rhag ceisiadau a anfonir o wefannau eraill. Daw i ben ar "
        "\u00f4l 1 flwyddyn."
    ),
    "<strong>sessionid</strong>: Keeps you signed in as a network member. Expires after 2 "
    "weeks, or when you sign out.": (
        "<strong>sessionid</strong>: Mae\u2019n eich cadw wedi mewngofnodi fel aelod o\u2019r "
        "rhwydwaith. Daw i ben ar \u00f4l 2 wythnos, neu pan fyddwch yn allgofnodi."
    ),
    "Videos from other websites": "Fideos o wefannau eraill",
    "Some pages show videos from YouTube. We use YouTube\u2019s privacy-enhanced mode, which "
    "does not set cookies until you play a video.": (
        "Mae rhai tudalennau\u2019n dangos fideos o YouTube. Rydym yn defnyddio modd preifatrwydd "
        "gwell YouTube, nad yw\u2019n gosod cwcis nes i chi chwarae fideo."
    ),
    "More about cookies": "Rhagor o wybodaeth am gwcis",
    f"If you have a question about cookies on this website, contact the {NETWORK} office:": (
        f"Os oes gennych gwestiwn am gwcis ar y wefan hon, cysylltwch \u00e2 swyddfa {NETWORK_CY}:"
    ),
}
