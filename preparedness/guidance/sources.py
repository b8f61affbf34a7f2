"""Where every guidance step comes from: who says it, in which document, where we read it and when.

Each entry was read on the date given, and each step or item that cites it says only what that
document says. Titles stay in the document's own language; authorities are named in the reader's.
Several official memos were read in the copy a newspaper or a municipal site published; the URL is
the copy we read and `authority` is the body whose advice it reports.
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

READ = "2026-11-28"

AUTHORITIES = {
    # I18N: name of an authority cited under a guidance step (Russia's Ministry of Emergency Situations)
    "mchs": _l("MCHS of Russia"),
    # I18N: name of an authority: the operational headquarters of Belgorod region (оперштаб)
    "belgorod-hq": _l("Belgorod region operational HQ"),
    # I18N: name of an authority
    "belgorod-governor": _l("Governor of Belgorod region"),
    # I18N: name of an authority: the mayor's office of the city of Belgorod
    "belgorod-city": _l("Belgorod city administration"),
    # I18N: name of an authority: a Russian municipality's civil-defence or emergency duty service
    "civil-defence": _l("Municipal civil-defence service"),
    # I18N: name of an authority: the Ministry of Health of Russia
    "minzdrav": _l("Ministry of Health of Russia"),
    # I18N: name of an authority: the State Emergency Service of Ukraine
    "dsns": _l("State Emergency Service of Ukraine (DSNS)"),
    # I18N: name of an authority: Israel's civil-defence command
    "hfc": _l("Israel's Home Front Command"),
    # I18N: name of an authority
    "red-cross": _l("American Red Cross"),
    # I18N: name of an authority: the US federal preparedness site (keep "Ready.gov")
    "ready": _l("Ready.gov (FEMA)"),
    # I18N: name of a source: the humanitarian minimum standards (keep "Sphere")
    "sphere": _l("Sphere Handbook"),
    # I18N: name of a source: paediatric guidance on how many nappies babies use
    "paediatrics": _l("Paediatric guidance (AAP, NHS)"),
    # I18N: name of a source: multilingual patient leaflets of US hospitals
    "health-info": _l("Health Information Translations (US hospitals)"),
    # I18N: name of a source: a local newspaper explaining civil-defence signals
    "press": _l("Local press, civil-defence explainer"),
}


@dataclass(frozen=True)
class Source:
    """One document: who says it, its title (in its own language), where we read it and when."""

    id: str
    authority: str
    title: str
    url: str
    lang: str
    read: str = READ


def _source(sid, authority, title, url, lang):
    """A registry entry keyed by its id."""
    return sid, Source(sid, authority, title, url, lang)


SOURCES = dict((
    _source("mchs-drone", "mchs", "В МЧС России дали инструкции для граждан в случае атаки БПЛА",
            "https://prochepetsk.ru/news/37853", "ru"),
    _source("belgorod-hq-drone", "belgorod-hq", "Белгородцам напомнили, что делать при обнаружении беспилотника",
            "https://bel.ru/news/2023-03-02/belgorodtsam-napomnili-chto-delat-pri-obnaruzhenii-"
            "bespilotnika-2795643?amp=1",
            "ru"),
    _source("civil-defence-drone", "civil-defence", "Краткий алгоритм действий граждан при воздушной опасности, "
            "связанной с угрозой БПЛА", "https://37.berezsad.ru/site/pub?id=97", "ru"),
    _source("civil-defence-drone-lnr", "civil-defence",
            "О порядке действий населения при атаке беспилотных летательных аппаратов",
            "https://lnrnews.ru/society/2025/12/01/676342.html", "ru"),
    _source("drone-filming", "civil-defence",
            "Памятка о действиях при угрозе террористических актов с применением беспилотных летательных аппаратов",
            "https://lnrnews.ru/society/2025/03/12/518906.html", "ru"),
    _source("mchs-missile", "mchs", "МЧС разъяснило жителям Татарстана алгоритм действий при ракетной опасности",
            "https://kazved.ru/news/mcs-razyasnilo-zitelyam-tatarstana-algoritm-deistvii-pri-raketnoi-"
            "opasnosti-5886461",
            "ru"),
    _source("civil-defence-missile", "civil-defence", "Памятка населению по ракетной опасности",
            "http://intranet.gusadmin.ru/extranet/edds/detail_info.php?ID=12898", "ru"),
    _source("press-missile-home", "press", "Что такое режим ракетной опасности и как действовать",
            "https://moy-raion.ru/?action=view&id=10502&module=articles", "ru"),
    _source("press-missile-signs", "press", "Что означает сигнал «Ракетная опасность»?",
            "http://uraiski-kurier.ru/articles/2738-cto-oznacaet-signal-raketnaia-opasnost", "ru"),
    _source("hfc-alert", "hfc", "The Homefront Command's Guidelines: how to act during an alert",
            "http://www.idf.il/en/minisites/regional-commands/home-front-command/how-to-act-during-an-alert/", "en"),
    _source("hfc-open-ground", "hfc", "Home Front Command: safety instructions for communities near Gaza",
            "https://www.ynetnews.com/articles/0,7340,L-4200809,00.html", "en"),
    _source("mchs-explosive", "mchs", "МЧС Татарстана напоминает правила поведения при обнаружении "
            "подозрительных предметов", "https://kazved.ru/news/mcs-tatarstana-napominaet-pravila-povedeniya-pri-"
            "obnaruzenii-podozritelnyx-predmetov-5884518", "ru"),
    _source("civil-defence-explosive", "civil-defence", "Памятка для населения по взрывоопасным предметам",
            "https://lobnya-pravda.ru/articles/43554-pamiatka-dlia-naseleniia-po-vzryvoopasnym-predmetam", "ru"),
    _source("rakitnoye-explosive", "civil-defence",
            "При обнаружении мины, другого взрывоопасного или подозрительного предмета (Ракитянский район)",
            "https://shkoladmitrievskayarakityanskij-r31.gosweb.gosuslugi.ru/roditelyam-i-uchenikam/"
            "poleznaya-informatsiya/bezopasnost-uchenikov/?curPos=20&cur_cc=2519", "ru"),
    _source("mchs-lepestok", "mchs", "Опасность под ногами (мины «Лепесток», Курская область)",
            "https://narodnay-gazeta.ru/katalog-statej/opasnost-pod-nogami/", "ru"),
    _source("press-lepestok", "press", "Осторожно: «лепесток»!",
            "https://manturovo-press.ru/bezopasnost/ostorozhno-lepestok/", "ru"),
    _source("dsns-explosive-mark", "dsns", "Нагадуємо правила поведінки при виявленні вибухонебезпечних предметів",
            "https://krolevecka-gromada.gov.ua/news/1705310448/", "uk"),
    _source("dsns-explosive-looks", "dsns", "Дії населення у разі виявлення вибухонебезпечних та підозрілих предметів",
            "https://rozivska-gromada.gov.ua/news/1761633522/", "uk"),
    _source("dsns-mines-verges", "dsns", "57-летний мужчина подорвался на мине в Харьковской области (ГСЧС)",
            "https://sq.com.ua/rus/novosti/25.10.2023/muzcina-pogib-podorvavsis-na-mine-v-xarkovskoi-oblasti", "ru"),
    _source("belgorod-hq-lepestok", "belgorod-hq", "Украинские дроны разбросали мины «Лепесток» по пяти дорогам "
            "под Белгородом", "https://dzen.ru/a/Zw5k_8oIlSjYvqIi", "ru"),
    _source("belgorod-radio", "belgorod-governor", "Гладков анонсировал радиооповещение о дронах для волоконовцев "
            "и валуйчан", "https://www.mk-belgorod.ru/social/2025/10/31/gladkov-anonsiroval-radioopoveshhenie-o-"
            "dronakh-dlya-volokonovcev-i-valuychan.html", "ru"),
    _source("belgorod-internet", "belgorod-governor", "В Белгородской области частично отключили мобильный интернет",
            "https://www.kommersant.ru/doc/8232111", "ru"),
    _source("belgorod-pvr-city", "belgorod-city", "В Белгороде для желающих временно съехать с квартиры или дома "
            "открывают ПВР", "https://bel.ru/news/2023-12-30/v-belgorode-dlya-zhelayuschih-vremenno-s-ehat-s-"
            "kvartiry-ili-doma-otkryvayut-pvr-3143965?amp=1", "ru"),
    _source("belgorod-pvr-region", "belgorod-governor", "Гладков: Желающим переехать в ПВР жителям Белгорода окажут "
            "помощь", "https://novostnoy.ru/obshchestvo/05/01/2024/gladkov-zhelayushchim-pereekhat-v-pvr-zhitelyam-"
            "belgoroda-okazhut-pomoshch.html", "ru"),
    _source("belgorod-pvr-open", "belgorod-city", "В Белгороде развернули шесть ПВР для приёма жителей Шебекино "
            "и приграничья", "https://bel.ru/news/2023-06-01/v-belgorode-razvernuli-shest-pvr-dlya-priyoma-"
            "zhiteley-shebekino-i-prigranichya-2944241", "ru"),
    _source("mchs-grab-bag", "mchs", "МЧС призывает россиян на всякий случай приготовить «тревожный чемоданчик»",
            "https://ria56.ru/posts/mchs-prizyvaet-rossiyan-na-vsyakij-sluchaj-prigotovit-trevozhnyj-"
            "chemodanchik.htm", "ru"),
    _source("mchs-grab-bag-docs", "mchs", "МЧС призвало россиян заранее собрать тревожный чемоданчик",
            "https://gazetametro.ru/articles/mchs-prizvalo-rossijan-zaranee-sobrat-trevozhnyj-chemodanchik-"
            "29-11-2024", "ru"),
    _source("mchs-windows", "mchs", "В МЧС рекомендуют защитить окна от воздействия взрывной волны",
            "https://kursk-news.net/society/2024/08/11/371272.html", "ru"),
    _source("minzdrav-tourniquet", "minzdrav", "Приказ Минздравмедпрома России от 20.08.1996 № 325, "
            "рекомендации по применению аптечки первой помощи",
            "https://consultant.ru/document/cons_doc_LAW_311401/430063f83765a4c13183310bc0c3b99aaa4c4224", "ru"),
    _source("mchs-first-aid", "mchs", "МЧС: знание первой помощи — ключ к спасению жизни",
            "https://www.niasam.ru/obschestvo/mchs-so-znanie-pervoj-pomoschi-klyuch-k-spaseniyu-zhizni-260771.html",
            "ru"),
    _source("health-water", "health-info", "Power Outages (water safety)",
            "https://lookfordiagnosis.com/healthinfotranslations/Power_Outages-3.html", "en"),
    _source("red-cross-power", "red-cross", "Tips: what to do during a power outage",
            "http://archive.yorkdispatch.com/breaking/ci_25068656/tips-what-do-during-power-outage", "en"),
    _source("red-cross-pets", "red-cross", "Health Tip: Prepare an Emergency Kit for Your Pet",
            "https://thehealthcast.com/healthy-living/health-tip-prepare-an-emergency-kit-for-your-pet/", "en"),
    _source("ready-water", "ready", "Day 1: Water (from ready.gov/water)",
            "https://www.mchenrycountyil.gov/county-government/departments-a-i/emergency-management/"
            "30-days-30-ways/day-1-water", "en"),
    _source("ready-plan", "ready", "Ready.gov Kids: Make a Plan",
            "https://webarchive.library.unt.edu/web/20150505200110/http://www.ready.gov/kids/make-a-plan", "en"),
    _source("ready-kit", "ready", "Build a Disaster Supply Kit for Your Home (Maine Emergency Management Agency)",
            "https://www.maine.gov/mema/maine-prepares/home-preparedness/disaster-supply-kit", "en"),
    _source("sphere-water", "sphere", "Water supply standard 1: access and water quantity",
            "https://sphereprototype.conted.ox.ac.uk/sphereprototype.conted.ox.ac.uk/standards/watersupply/"
            "accessAndWaterQuantity.html", "en"),
    _source("nappies", "paediatrics", "How Many Diapers Do Newborns Use Per Day?",
            "https://babycooz.com/?p=4127", "en"),
))


def authority_name(source_id):
    """The translated name of the authority behind a source."""
    return AUTHORITIES[SOURCES[source_id].authority]


def sources_in_order(ids):
    """Unique source ids in first-seen order."""
    return tuple(dict.fromkeys(ids))
