"""Names and acronyms of an Indonesian sentence, and whether an English one carries them.

A name is a capitalised word or an acronym that is not a capitalised common word: not
the first word of a sentence that is an ordinary Indonesian word, not an Indonesian
function word, not an honorific, not the place and day of a statement (``kata X di
Jakarta, Senin``, which news English renders "here on Monday"). Usual renderings count as
carried over: ``Korsel`` is South Korea, ``Jawa Barat`` West Java, ``Presiden`` President,
``Kemenkop UKM`` the Ministry of Cooperatives and SMEs, ``Oktober`` October, ``dolar AS``
the dollar, ``triwulan II`` the second quarter, and the titles and institutional
abbreviations of :mod:`summarizer.trust.lexicon` (``Dirut``, ``APBNP``, ``BEJ``).
"""

from __future__ import annotations

import difflib
import functools
import importlib.util
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from summarizer.trust.language import INDONESIAN_WORDS
from summarizer.trust.lexicon import INSTITUTIONS_TEXT

# Indonesian word or phrase (lower case) -> English renderings (lower case, matched at
# the start of an English word, so "indonesia" also matches "Indonesian").
_RENDERINGS_TEXT = """
amerika serikat | united states; u.s.; us; usa; america
as | united states; u.s.; us; usa; america
amerika | america; us; u.s.
korea selatan | south korea; seoul
korsel | south korea; seoul
korea utara | north korea; pyongyang
korut | north korea; pyongyang
jepang | japan
tiongkok | china; chinese; beijing
cina | china; chinese
china | china; chinese; beijing
rrt | china; chinese
inggris | britain; british; briton; england; english; uk; u.k.; united kingdom
britania raya | britain; united kingdom; uk; u.k.
prancis | france; french
perancis | france; french
jerman | germany; german
belanda | netherlands; dutch; holland
spanyol | spain; spanish; spaniard
italia | italy; italian
rusia | russia
yunani | greece; greek
mesir | egypt
arab saudi | saudi
saudi arabia | saudi
uni emirat arab | united arab emirates; uae; emirat
turki | turkey; turk; türkiye
swiss | switzerland; swiss
swedia | sweden; swedish; swede
norwegia | norway; norwegian
denmark | denmark; danish
finlandia | finland; finnish
polandia | poland; polish
ukraina | ukraine; ukrain
irlandia | ireland; irish
skotlandia | scotland; scottish; scot
selandia baru | new zealand
kanada | canada; canad
meksiko | mexico; mexic
brasil | brazil
filipina | philippines; philippin; filipino
thailand | thai
vietnam | vietnam; viet nam
singapura | singapore
kamboja | cambodia
myanmar | myanmar; burma; burm
afganistan | afghanistan; afghan
irak | iraq
suriah | syria
yordania | jordan
palestina | palestine; palestin
afrika selatan | south africa
afrika | africa
skala richter | richter; magnitude
bumi | earth; world; planet
matahari | sun; solar
bulan | moon; lunar; month
alam semesta | universe; cosmos
semesta | universe; cosmos
samudera | ocean; sea
samudra | ocean; sea
semenanjung | peninsula
olimpiade | olympi; games
alkitab | bible; biblical; scripture
paskah | easter
sekutu | allie; allied
buruh | labour; labor; worker
natal | christmas
dolar | dollar; $; usd
usd | usd; $; dollar
us | us; u.s.; $; dollar; united states; america
idr | idr; rp; rupiah
rupiah | rupiah; rp; idr
twitter | twitter; tweet
bima sakti | milky way
sm | bc; b.c.; bce
masehi | ad; a.d.; ce
firaun | pharaoh
ibrahim | abraham; ibrahim
yakub | jacob; yaqub
ishak | isaac
musa | moses
yesus | jesus
fenisia | phoenicia
gangga | ganges
hindia | indies; india
hindia belanda | dutch east indies
britania | britain; british; briton
nordik | nordic; norse
uni soviet | soviet union; ussr; soviet
soviet | soviet; ussr
tionghoa | chinese; china
tbc | tuberculosis; tb
pd ii | world war ii; world war 2; wwii; second world war
pdii | world war ii; world war 2; wwii; second world war
maroko | morocco; morocc
haag | hague
den haag | hague
praha | prague
islandia | iceland
kongo | congo
cekoslowakia | czechoslovakia; czechoslovak
ceko | czech
slowakia | slovakia; slovak
hongaria | hungary; hungar
rumania | romania
bulgaria | bulgaria
kroasia | croatia
serbia | serbia
belgia | belgium; belgi
austria | austria
portugal | portugal; portug
lituania | lithuania
estonia | estonia
latvia | latvia
islandia | iceland
aljazair | algeria
tunisia | tunisia
libya | libya
sudan | sudan
ethiopia | ethiopia
etiopia | ethiopia
kenya | kenya
nigeria | nigeria
kuba | cuba
kolombia | colombia
venezuela | venezuela
peru | peru
chili | chile
bolivia | bolivia
kazakhstan | kazakhstan; kazakh
uzbekistan | uzbekistan; uzbek
mongolia | mongolia
taiwan | taiwan
hong kong | hong kong
selandia | zealand
bizantium | byzantine; byzantium
romawi | roman; rome
roma | rome; roman
arktik | arctic
antartika | antarctic
mediterania | mediterranean
skandinavia | scandinavia
yahudi | jewish; jew; hebrew
yerusalem | jerusalem
mekah | mecca; makkah
madinah | medina; madinah
vatikan | vatican
barat daya | southwest; south-west
barat laut | northwest; north-west
timur laut | northeast; north-east
tenggara | southeast; south-east
eropa | europe; europ
asia tenggara | southeast asia; south-east asia; asean
timur tengah | middle east; mideast
uni eropa | europe; europan union; eu; e.u.
ue | european union; eu; e.u.
pbb | united nations; un; u.n.
pasifik | pacific
atlantik | atlantic
jawa | java
sumatera | sumatra
kalimantan | kalimantan; borneo
papua | papua
jakarta | jakarta
dki | jakarta; dki
yogyakarta | yogyakarta; jogjakarta; jogja
jogja | yogyakarta; jogjakarta; jogja
nusa tenggara barat | west nusa tenggara; ntb
nusa tenggara timur | east nusa tenggara; ntt
jabar | west java
jatim | east java
jateng | central java
sumut | north sumatra
sumbar | west sumatra
sulsel | south sulawesi
kaltim | east kalimantan
jabodetabek | greater jakarta; jabodetabek; jakarta
utara | north
selatan | south
barat | west
timur | east
tengah | central; middle; centre; center
januari | january; jan
februari | february; feb
maret | march; mar
april | april; apr
mei | may
juni | june; jun
juli | july; jul
agustus | august; aug
september | september; sept; sep
oktober | october; oct
november | november; nov
desember | december; dec
senin | monday
selasa | tuesday
rabu | wednesday
kamis | thursday
jumat | friday
sabtu | saturday
minggu | sunday; week
dpr | house of representatives; parliament; house; legislat; lawmaker; dpr
mpr | people's consultative assembly; consultative assembly; mpr
dpd | regional representative; dpd
dprd | legislat; council; dprd
tni | military; armed forces; army; tni
polri | police; polri
kpk | corruption eradication commission; anti-graft; antigraft; anti-corruption; kpk
bi | bank indonesia; central bank
bank indonesia | bank indonesia; central bank; bi
bank sentral | central bank
bank dunia | world bank
bank pembangunan asia | asian development bank; adb
ojk | financial services authority; ojk
bumn | state-owned; state enterprise; state compan; state firm; soe; bumn
umkm | msme; sme; small and medium; small business; micro
ukm | sme; small and medium; small business; msme
kemenkop ukm | ministry of cooperatives; cooperatives and smes; cooperatives ministry; cooperative; kemenkop
kemenkop | ministry of cooperatives; cooperatives ministry; cooperative; kemenkop
kemenkeu | finance ministry; ministry of finance; financ
kemenkes | health ministry; ministry of health; health
kemenlu | foreign ministry; ministry of foreign affairs; foreign affairs
kemendikbud | education; culture
kemendag | trade ministry; ministry of trade; trade
kemenhub | transport
kemenag | religious affairs
kemensos | social affairs
kemenhan | defense; defence
kemenkumham | law and human rights; justice
kemenparekraf | touris
pemprov | provincial government; province
pemkot | city government; municipal; city
pemkab | regency government; district government; regency
polda | regional police; police
polres | police
polsek | police
wni | indonesian
wna | foreign
phk | layoff; laid off; lay off; dismiss; job cut
bbm | fuel
apbn | state budget; budget
apbd | regional budget; budget
pdb | gdp; gross domestic product
uu | law; act
ruu | bill; draft
perppu | regulation in lieu; perppu
perpres | presidential regulation; presidential decree
pilkada | regional election; local election; election
pilpres | presidential election; election
pemilu | election
ktt | summit
bps | statistic; bps
bmkg | meteorolog; weather; bmkg
bnpb | disaster; bnpb
basarnas | search and rescue; basarnas; sar
kpu | election commission; elections commission; kpu
bawaslu | election supervisory; elections supervisory; bawaslu
ma | supreme court
mk | constitutional court
ri | indonesia
indonesia | indonesia; country; nation; national; domestic; local
nkri | indonesia; unitary state
rs | hospital
rsud | hospital
ham | human rights
hut | anniversary
ntb | west nusa tenggara; ntb
ntt | east nusa tenggara; ntt
lsm | ngo; non-governmental; non-government
mui | ulema council; mui
pns | civil servant
asn | civil servant; state apparatus
pln | state electricity; electricity; pln
sd | elementary; primary
smp | junior high; middle school
sma | senior high; high school
smk | vocational
tps | polling station; polling place; tps
asi | breast; asi
"""


def _parse_renderings(text: str) -> dict[str, tuple[str, ...]]:
    """The renderings table, parsed from its one-line-per-entry text form."""
    table: dict[str, tuple[str, ...]] = {}
    for line in text.strip().splitlines():
        key, _, values = line.partition("|")
        table[key.strip()] = tuple(v.strip() for v in values.split(";") if v.strip())
    return table


RENDERINGS = {**_parse_renderings(_RENDERINGS_TEXT), **_parse_renderings(INSTITUTIONS_TEXT)}
_LONGEST_KEY = max(len(key.split()) for key in RENDERINGS)

# Capitalised words that are not names to look for: honorifics, company forms, time
# zones, and the common nouns of titles and institutions ("Menteri", "Partai", "Kota"),
# which translations render in many ways.
SKIPPED = frozenset(
    """
    bapak pak ibu bu sdr saudara saudari kak mas mbak bang haji hj dr drs prof ir kh
    tuan nyonya nona ya oke ok halo hai nah rp pt tbk cv wib wita wit tn ny nn st jl jln no
    sang si sri
    agama agung badan bupati daerah danau desa dewan direktur ekonomi energi gubernur
    gunung hakim hukum islam jaksa jalan jenderal kabupaten katolik keamanan kecamatan
    kejaksaan kementerian kepala kepolisian kepulauan kerajaan kesehatan ketua keuangan
    komisi koperasi kota kristen laut lebaran lembaga mahkamah majelis menteri nasional
    natal negara negeri pangeran panglima pariwisata partai pekan pemerintah pendidikan
    pengadilan perdagangan perdana perhubungan pertahanan pertanian perwakilan polisi
    politik presiden provinsi pulau putri raja rakyat ramadan ramadhan ratu raya
    republik sekretaris selat sosial sungai teluk tentara tinggi tuhan umum universitas
    wakil walikota
    """.split()
)

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_OPENERS = "«([-–—:.!?"
# Abbreviated offices: "Kemen-" ministries, "Men-" ministers, "Kapol-" police chiefs.
_OFFICE_PREFIXES = (
    ("kemen", ("ministry", "minister")),
    ("men", ("minister", "ministry")),
    ("kapol", ("police chief", "police")),
    ("wa", ("vice", "deputy")),
)
_OFFICES = frozenset(
    """
    kemenkeu kemenkes kemenlu kemendag kemenhub kemenag kemensos kemenhan kemenkumham
    kemenperin kemendagri kemenaker kemenpan kemenpora kemenkominfo kemenristek kemendes
    menkeu menkes menlu mendag menhub menag mensos menhan menkumham menperin mendagri
    menaker menpan menpora menkominfo menristek mendes menko menkop menkopukm menparekraf
    kapolri kapolda kapolres kapolsek wapres wamen wagub
    """.split()
)
# The place and day of a statement, which news translations render "here on Monday" or
# leave out: "kata X di Jakarta, Senin", "di Gedung DPR, Jakarta, Selasa", "X di Tokyo,
# mengatakan". Only a place right after "di" or a comma counts (in "Pasar Spot Antar
# Bank Jakarta, Selasa" Jakarta is part of a name), and only a day after such a place or
# a comma ("Gempa terjadi pada hari Kamis" is the day of the event).
_WEEKDAYS = r"(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu)"
# A verb of saying after its subject ("Edwin di Jakarta, mengatakan"), not one after the
# quote ("Insiden terjadi di Ballyhackamore, kata polisi" is where it happened).
_SAYS = r"(?:mengatakan|menyatakan|menjelaskan|mengemukakan|menuturkan|menambahkan)"
_SAID = rf"(?:{_SAYS}|kata|ujar)"
_DATELINE = re.compile(
    rf"(?:\bdi\s+|,\s*)(?P<place>[A-Z][\w'-]+)(?=\s*,?\s*(?:hari\s+)?{_WEEKDAYS}\b)"
    rf"|\bdi\s+(?P<city>[A-Z][\w'-]+)(?=\s*,?\s*{_SAYS}\b)"
    rf"|(?:,\s*|\bdi\s+[A-Z][\w'-]+\s+)(?P<day>{_WEEKDAYS})"
    rf"(?=\s*(?:pagi|siang|sore|malam)?\s*(?:[,.;]|{_SAID}\b|$))"
)
# "dolar AS" is the US dollar: "dollar" or "$" carries the AS.
_DOLLAR = re.compile(r"\bdolar\s+$", re.IGNORECASE)
_DOLLAR_RENDERINGS = ("dollar", "$", "us$", "usd", "greenback", "united states", "u.s.", "us")
# Roman numerals of quarters, series and commissions ("triwulan II", "Komisi XI"), and
# the English forms of their value ("second quarter", "Q2", "Commission XI").
_ROMAN = {
    "ii": (2, "second", "two"),
    "iii": (3, "third", "three"),
    "iv": (4, "fourth", "four"),
    "vi": (6, "sixth", "six"),
    "vii": (7, "seventh", "seven"),
    "viii": (8, "eighth", "eight"),
    "ix": (9, "ninth", "nine"),
    "xi": (11, "eleventh", "eleven"),
    "xii": (12, "twelfth", "twelve"),
}
# Words after which a capitalised word is a brand kept in English even when it is also
# a common word: "Bank Mandiri", "PT Timah", "Grup Astra".
_BRAND_HEADS = frozenset({"Bank", "PT", "Grup"})
_SHORT_WORDS = frozenset({"jew", "act", "law", "sea", "bay"})
_QUOTES = "\"'“‘”’"
_STRIPPED_SUFFIXES = ("nya", "lah", "kah", "pun", "kan", "an", "i", "ku", "mu", "wan", "wati")
# Prefixes, and the consonant a nasal prefix swallowed ("meny-" + "uruh" <- "suruh").
_STRIPPED_PREFIXES = (
    ("meng", "k"),
    ("meny", "s"),
    ("mem", "p"),
    ("men", "t"),
    ("me", ""),
    ("ber", ""),
    ("be", ""),
    ("ter", ""),
    ("di", ""),
    ("ke", ""),
    ("se", ""),
    ("peng", "k"),
    ("peny", "s"),
    ("pem", "p"),
    ("pen", "t"),
    ("per", ""),
    ("pe", ""),
)
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Name:
    """A name of the source and the forms it may take in English.

    ``text`` is the name as the source writes it; the translation carries it when it
    contains ``text`` itself or any of ``renderings``.
    """

    text: str
    renderings: tuple[str, ...] = ()

    @property
    def english(self) -> str:
        """The form a message should name: the name itself when English keeps it (``KPK``),
        else its first rendering (``Korsel`` -> ``South Korea``)."""
        if not self.renderings or self.text.lower() in self.renderings:
            return self.text
        return _title(self.renderings[0])


def source_names(text: str) -> list[list[Name]]:
    """The names of an Indonesian sentence, grouped by runs of capitalised words.

    Args:
        text: one Indonesian sentence.

    Returns:
        One list per run of capitalised words (``Teten Masduki``, ``Korea Selatan``),
        holding the names of that run that a translation should carry.
    """
    tokens = list(_TOKEN.finditer(text))
    if not tokens:
        return []
    title_case = _is_title_case([t.group() for t in tokens])
    runs: list[list[re.Match[str]]] = []
    for i, token in enumerate(tokens):
        if not token.group()[0].isupper():
            continue
        previous = tokens[i - 1] if i else None
        joined = previous is not None and runs and runs[-1][-1] is previous
        if joined and previous is not None and text[previous.end() : token.start()].strip():
            joined = False  # punctuation between two words breaks the run
        if joined:
            runs[-1].append(token)
        else:
            runs.append([token])
    dateline = {m.start(m.lastgroup or 0) for m in _DATELINE.finditer(text)}
    grouped = []
    for run in runs:
        if len(run) == 1 and run[0].start() in dateline:
            continue  # "di Jakarta, Senin" on its own; not "Pasar Minggu"
        names = _run_names(text, tokens, run, title_case)
        if names:
            grouped.append(names)
    return grouped


def is_carried(name: Name, target: str) -> bool:
    """Whether the English ``target`` carries ``name`` (itself, a rendering, a near spelling)."""
    lowered = target.lower()
    for form in (name.text.lower(), *name.renderings):
        if _pattern(form).search(lowered):
            return True
    if name.renderings or name.text.isupper():
        return False
    return _near_spelling(name.text.lower(), lowered)


def missing_names(source: str, target: str) -> list[list[Name]]:
    """Runs of names of ``source`` with the names that ``target`` does not carry."""
    missing = []
    for run in source_names(source):
        lost = [name for name in run if not is_carried(name, target)]
        if lost:
            missing.append(lost)
    return missing


def _run_names(
    text: str, tokens: list[re.Match[str]], run: list[re.Match[str]], title_case: bool
) -> list[Name]:
    """The names in one run of capitalised words (renderings matched longest first)."""
    words = [t.group() for t in run]
    names: list[Name] = []
    i = 0
    while i < len(words):
        if words[i] == "AS" and _DOLLAR.search(text, 0, run[i].start()):
            names.append(Name(words[i], _DOLLAR_RENDERINGS))
            i += 1
            continue
        for size in range(min(_LONGEST_KEY, len(words) - i), 0, -1):
            key = " ".join(words[i : i + size]).lower()
            if key in RENDERINGS:
                names.append(Name(" ".join(words[i : i + size]), RENDERINGS[key]))
                i += size
                break
        else:
            word = words[i]
            if _reduplicated(text, run[i]):
                i += 1
                continue
            if word.lower() in _ROMAN:
                names.append(Name(word, _roman_renderings(word.lower())))
                i += 1
                continue
            # A word may be an ordinary word capitalised for its place: at the start of
            # a sentence or quotation, in a headline, or inside a multi-word name.
            placed = len(words) > 1 or title_case or _is_clause_initial(text, tokens, run[i])
            office = _office(word)
            if office:
                names.append(Name(word, office))
            elif i and words[i - 1] in _BRAND_HEADS and word.lower() not in SKIPPED:
                names.append(Name(word))  # a brand made of a common word: Bank Mandiri
            elif _is_name(word, placed):
                names.append(Name(word))
            i += 1
    return names


def _roman_renderings(numeral: str) -> tuple[str, ...]:
    """The English forms of a Roman numeral: itself, ``second``, ``2nd``, ``Q2``, ``two``."""
    value, ordinal, cardinal = _ROMAN[numeral]
    suffix = {2: "nd", 3: "rd"}.get(value, "th")
    return (numeral, ordinal, f"{value}{suffix}", f"q{value}", f"h{value}", cardinal)


def _office(word: str) -> tuple[str, ...]:
    """Renderings of a ministry or office abbreviation (``KemenKopUKM``, ``Menkeu``)."""
    lowered = word.lower()
    for prefix, renderings in _OFFICE_PREFIXES:
        rest = word[len(prefix) :]
        # "Menkeu", "MenKopUKM": the prefix, then a capital or a known office stem.
        if lowered.startswith(prefix) and rest and (rest[0].isupper() or lowered in _OFFICES):
            return (*renderings, lowered)
    return ()


def _is_name(word: str, placed: bool) -> bool:
    """Whether a capitalised word is a name to look for in the translation.

    Capitalised Indonesian words (``Partai``, ``Komite``, ``Olimpiade``) in multi-word
    names, headlines and at the start of a sentence are ordinary words that a
    translation renders, not names to find verbatim: a word whose root is in the
    Indonesian word list is left out there. A capitalised word standing alone inside a
    sentence is a name (``Palu``, ``Bali``), unless it is a derived word
    (``Ketenagakerjaan``).
    """
    lowered = word.lower()
    if lowered in SKIPPED or lowered in INDONESIAN_WORDS or len(word) < 2:
        return False
    lexicon = indonesian_lexicon()
    if _is_acronym(word):
        # Capitals that spell an ordinary word are shouting ("TIDAK"), not an acronym.
        return not (word.isupper() and len(word) >= 4 and lowered in lexicon)
    if not lexicon:
        return not placed  # without the word list, the safe side: standalone names only
    if placed:
        return not _is_ordinary(lowered, lexicon)
    derived = {root for root in _roots(lowered) - {lowered} if len(root) >= 4}
    return lowered in lexicon or not derived & lexicon


def _is_ordinary(word: str, lexicon: frozenset[str]) -> bool:
    """Whether a lower-case word is an ordinary Indonesian word (or one derived from one).

    Short roots count only when they are function words (``inilah`` from ``ini``): a
    three-letter root would make ordinary words of names (``Busan`` from ``bus``).
    """
    roots = _roots(word)
    if word in lexicon or roots & INDONESIAN_WORDS:
        return True
    return any(len(root) >= 4 and root in lexicon for root in roots)


def _reduplicated(text: str, token: re.Match[str]) -> bool:
    """Whether ``token`` is the first half of a reduplicated word (``Masing-masing``)."""
    word = token.group().lower()
    return text[token.end() : token.end() + len(word) + 1].lower() == "-" + word


def _roots(word: str) -> set[str]:
    """Candidate root words of an Indonesian word, from stripping common affixes.

    Two rounds of suffixes and prefixes, with the nasal prefixes' dropped consonant put
    back (``penumpang`` -> ``tumpang``, ``menyuruh`` -> ``suruh``).
    """
    roots = {word}
    for _ in range(2):
        for root in list(roots):
            for suffix in _STRIPPED_SUFFIXES:
                if root.endswith(suffix) and len(root) - len(suffix) >= 3:
                    roots.add(root[: -len(suffix)])
    for _ in range(2):
        for root in list(roots):
            for prefix, restored in _STRIPPED_PREFIXES:
                rest = root[len(prefix) :]
                if root.startswith(prefix) and len(rest) >= 3:
                    roots.add(rest)
                    if restored and rest[0] in "aeiou":
                        roots.add(restored + rest)
    return roots


@functools.cache
def indonesian_lexicon() -> frozenset[str]:
    """Indonesian root words (PySastrawi's list, MIT), or an empty set without it."""
    spec = importlib.util.find_spec("Sastrawi")
    if spec is None or spec.origin is None:
        log.warning("PySastrawi is not installed: only acronyms and known names are checked")
        return frozenset()
    path = Path(spec.origin).parent / "Stemmer" / "data" / "kata-dasar.txt"
    try:
        return frozenset(path.read_text(encoding="utf-8").split())
    except OSError:
        log.warning("PySastrawi's word list %s cannot be read", path)
        return frozenset()


def _is_acronym(word: str) -> bool:
    """Whether ``word`` is an acronym (``KPK``, ``BEPA``): two or more capitals."""
    return len(word) >= 2 and sum(c.isupper() for c in word) >= 2


def _is_clause_initial(text: str, tokens: list[re.Match[str]], token: re.Match[str]) -> bool:
    """Whether ``token`` starts the sentence or a quotation (so is capitalised anyway)."""
    before = text[: token.start()]
    if token is tokens[0] and not re.search(r"[^\W\d_]", before):
        return True
    stripped = before.rstrip()
    if not stripped:
        return False
    if stripped[-1] in _QUOTES:
        return stripped == before  # a quote right before the word opens a quotation
    return stripped[-1] in _OPENERS


def _is_title_case(words: list[str]) -> bool:
    """Whether a sentence is a headline with every word but function words capitalised."""
    content = [w for w in words if w.lower() not in INDONESIAN_WORDS]
    if len(content) < 4:
        return False
    capitalised = [w for w in content if w[0].isupper()]
    lexicon = indonesian_lexicon()
    if not lexicon:
        return len(capitalised) == len(content)
    if len(capitalised) < 0.8 * len(content):
        return False
    # A sentence full of names ("Menteri ... Teten Masduki ... Korsel di Busan") is not a
    # headline: most capitalised words of a headline are ordinary words.
    ordinary = sum(_is_ordinary(w.lower(), lexicon) for w in capitalised if not _is_acronym(w))
    return ordinary >= max(3, len(capitalised) // 2)


@functools.lru_cache(maxsize=4096)
def _pattern(form: str) -> re.Pattern[str]:
    """A regex finding ``form`` at the start of a word."""
    return re.compile(r"(?<![^\W\d_])" + re.escape(form))


def _near_spelling(word: str, target: str) -> bool:
    """Whether ``target`` has a word spelled nearly like ``word`` (Makedonia, Macedonia)."""
    if len(word) < 4:
        return False
    plain = _phonetic(word)
    for candidate in set(re.findall(r"[^\W\d_]{3,}", target)):
        if len(word) >= 5 and candidate.startswith(word[: max(4, len(word) - 1)]):
            return True  # Chili -> Chilean, China -> Chinese, Indonesia -> Indonesian
        if abs(len(candidate) - len(word)) > max(3, len(word) // 3):
            continue
        if difflib.SequenceMatcher(None, plain, _phonetic(candidate)).ratio() >= 0.75:
            return True
    return False


def _phonetic(word: str) -> str:
    """A rough spelling key that Indonesian and English spellings of a name share."""
    for old, new in (
        ("ph", "f"),
        ("ck", "k"),
        ("c", "k"),
        ("q", "k"),
        ("oe", "u"),
        ("ou", "u"),
        ("dj", "j"),
        ("tj", "c"),
        ("sj", "sy"),
        ("y", "i"),
    ):
        word = word.replace(old, new)
    return re.sub(r"(.)\1", r"\1", word)


def _title(phrase: str) -> str:
    """A rendering as a message shows it (``south korea`` -> ``South Korea``)."""
    if (len(phrase) <= 3 and phrase not in _SHORT_WORDS) or "." in phrase:
        return phrase.upper()
    return " ".join(w if w in ("of", "and") else w[:1].upper() + w[1:] for w in phrase.split())
