"""Parse the free-text biographies (BIO) of Memorial's Moscow shooting lists into record fields."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from imena.registry.partial_dates import (
    PARTIAL_DATE_PATTERN,
    PartialDate,
    partial_date_from_match,
)

# Nationality words as the lists write them: masculine and feminine singular, each
# mapped to the masculine form. Recognising nationality from this vocabulary (and not
# from its position after the birthplace) keeps words like "пенсионер", "литератор"
# or "грабарь" that stand in the same slot out of it. Peoples of the USSR first, then
# peoples from abroad; add words here when a registry uses one that is missing.
NATIONALITIES: dict[str, str] = {
    word: masculine
    for masculine, *others in (
        ("русский", "русская"),
        ("украинец", "украинка"),
        ("белорус", "белоруска", "белорусска"),
        ("еврей", "еврейка"),
        ("поляк", "полька"),
        ("латыш", "латышка"),
        ("латгалец", "латгалка"),
        ("литовец", "литовка"),
        ("эстонец", "эстонка"),
        ("немец", "немка"),
        ("финн", "финка", "финнка"),
        ("карел", "карелка"),
        ("ижорец", "ижорка"),
        ("вепс", "вепска"),
        ("армянин", "армянка"),
        ("грузин", "грузинка"),
        ("азербайджанец", "азербайджанка"),
        ("тюрок", "тюрчанка"),
        ("осетин", "осетинка"),
        ("абхазец", "абхазка"),
        ("кабардинец", "кабардинка"),
        ("балкарец", "балкарка"),
        ("карачаевец", "карачаевка"),
        ("черкес", "черкешенка"),
        ("адыгеец", "адыгейка"),
        ("чеченец", "чеченка"),
        ("ингуш", "ингушка"),
        ("аварец", "аварка"),
        ("даргинец", "даргинка"),
        ("лезгин", "лезгинка"),
        ("кумык", "кумычка"),
        ("ногаец", "ногайка"),
        ("татарин", "татарка"),
        ("башкир", "башкирка"),
        ("чуваш", "чувашка"),
        ("мордвин", "мордовка", "мордвинка"),
        ("мариец", "марийка", "мари"),
        ("удмурт", "удмуртка"),
        ("вотяк", "вотячка"),
        ("коми",),
        ("зырянин", "зырянка"),
        ("пермяк", "пермячка"),
        ("калмык", "калмычка"),
        ("бурят", "бурятка"),
        ("якут", "якутка"),
        ("хакас", "хакаска"),
        ("ойрот", "ойротка"),
        ("алтаец", "алтайка"),
        ("шорец", "шорка"),
        ("эвенк", "эвенкийка"),
        ("тунгус", "тунгуска"),
        ("ненец", "ненка"),
        ("казах", "казашка"),
        ("киргиз", "киргизка"),
        ("узбек", "узбечка"),
        ("туркмен", "туркменка"),
        ("таджик", "таджичка"),
        ("каракалпак", "каракалпачка"),
        ("уйгур", "уйгурка"),
        ("дунганин", "дунганка"),
        ("караим", "караимка"),
        ("крымчак", "крымчачка"),
        ("гагауз", "гагаузка"),
        ("молдаванин", "молдаванка"),
        ("цыган", "цыганка"),
        ("ассириец", "ассирийка"),
        ("айсор", "айсорка"),
        ("курд", "курдянка"),
        ("грек", "гречанка"),
        ("болгарин", "болгарка"),
        ("румын", "румынка"),
        ("венгр", "венгерка"),
        ("мадьяр", "мадьярка"),
        ("чех", "чешка"),
        ("словак", "словачка"),
        ("серб", "сербка"),
        ("хорват", "хорватка"),
        ("словенец", "словенка"),
        ("македонец", "македонка"),
        ("черногорец", "черногорка"),
        ("албанец", "албанка"),
        ("австриец", "австрийка"),
        ("швейцарец", "швейцарка"),
        ("голландец", "голландка"),
        ("бельгиец", "бельгийка"),
        ("француз", "француженка"),
        ("итальянец", "итальянка"),
        ("испанец", "испанка"),
        ("португалец", "португалка"),
        ("англичанин", "англичанка"),
        ("шотландец", "шотландка"),
        ("ирландец", "ирландка"),
        ("швед", "шведка"),
        ("норвежец", "норвежка"),
        ("датчанин", "датчанка"),
        ("американец", "американка"),
        ("канадец", "канадка"),
        ("мексиканец", "мексиканка"),
        ("аргентинец", "аргентинка"),
        ("бразилец", "бразильянка"),
        ("турок", "турчанка"),
        ("араб", "арабка"),
        ("иранец", "иранка"),
        ("перс", "персиянка"),
        ("афганец", "афганка"),
        ("индус", "индуска"),
        ("индиец", "индианка"),
        ("китаец", "китаянка"),
        ("кореец", "кореянка"),
        ("японец", "японка"),
        ("монгол", "монголка"),
    )
    for word in (masculine, *others)
}

# Normalised party standing, in the words Memorial uses. The text as written keeps
# every detail (years, earlier parties); this is the value to search and count by.
PARTY_NONE = "б/п"
PARTY_MEMBER = "член ВКП(б)"
PARTY_CANDIDATE = "кандидат в члены ВКП(б)"
PARTY_EXPELLED = "исключен из ВКП(б)"
PARTY_FORMER = "бывший член ВКП(б)"
PARTY_KOMSOMOL = "член ВЛКСМ"
PARTY_OTHER = "другая партия"

# The seven Moscow burial sites of the shot in Memorial's "topography of terror"
# (layer mesta_zahoroneniya_rasstrelyannyh), named as there and found by the word
# stem the lists write ("Бутово", "Донское"). A place not here gets no site: the
# text as written stays in burial_place.
BURIAL_SITES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), site)
    for pattern, site in (
        (r"бутов", "Бутовский полигон"),
        (r"коммунарк", "Коммунарка"),
        (r"донско", "Донское кладбище"),
        (r"ваганьков", "Ваганьковское кладбище"),
        (r"яузск", "Яузская больница"),
        (r"калитников", "Калитниковское кладбище"),
        (r"братско\w*\s+кладбищ", "Братское кладбище"),
    )
)

_SHOT_VERB = r"[Рр]ас{1,3}трел[яе]н(?:а|о|ы)?\b"
# Sentences the lists begin with a fixed word. Labels with a colon may follow a
# missing full stop; the rest must open a sentence, so that a word inside the
# occupation ("был", "жил") never starts one.
_LABELS = r"Адрес:|Место захоронения:|Место расстрела:|Место смерти:"
_OPENERS = (
    _SHOT_VERB
    + r"|Арестован|Приговорен|Приговаривал|Осужден|Освобожден|Содержал|Реабилитирован"
    + r"|Был[аио]?\b|Жил[аио]?\b|Умер|Погиб|Ранее\b|В\s+\d{4}"
)
_SENTENCE_START = re.compile(rf"(?:(?<=\.)|^)\s*(?=(?:{_OPENERS}|{_LABELS}))|\s+(?=(?:{_LABELS}))")
_SHOT_SENTENCE = re.compile(
    rf"{_SHOT_VERB}\s*(?P<before>.*?)\s*(?P<date>{PARTIAL_DATE_PATTERN})(?P<after>.*)",
    re.DOTALL,
)
_SHOT_OPENS = re.compile(_SHOT_VERB)
_BRACKET = re.compile(r"[()]")
_COMMA = re.compile(",")
_BIRTH_PREFIX = re.compile(r"^\s*(?:род\.|родил(?:ся|ась))\s*")
_BIRTH_SUFFIX = re.compile(r"\s*(?:г\.\s*р\.|года рождения)$")
_DATE = re.compile(PARTIAL_DATE_PATTERN, re.IGNORECASE)
_PARENTHETICAL = re.compile(r"\s*\((?!б\))[^()]*(?:\(б\)[^()]*)*\)")
# An adjective may narrow the nationality ("польский еврей", "горская еврейка").
_NATIONALITY_TOKEN = re.compile(
    r"(?P<written>(?:[а-яё]+(?:ий|ый|ой|ая)\s+)?(?P<word>[а-яё]+(?:-[а-яё]+)?))"
    r"\s*(?P<note>\(.*\))?\.?"
)
# A party token opens with a standing (б/п, член, кандидат, исключен …) and names a
# party, or names a party's people ("бывший меньшевик", "эсер 1906-1908"); "член
# коллегии Наркомата" names no party and stays in the occupation.
_PARTY_NAME = (
    r"(?:[ВР]КП\(б\)|РСДРП|ВЛКСМ|ВКЛСМ|КСМ|КП\b|КПГ|КПП|компарт|ком\.\s*парт|парти"
    r"|Бунд|Поалей|ППС|СДП|СДРП|ДП\b|Коминтерн)"
)
_PARTY_PEOPLE = r"(?:меньшевик|большевик|эсер|кадет|анархист|анархо-синдикалист|бундовец)"
_PARTY_TOKEN = re.compile(
    r"^(?:б/п|беспартийн[а-я]*\b"
    r"|(?:(?:бывш(?:ий|ая|\.)|в\s+\d{4}(?:\s*-\s*\d{2,4})?(?:\s*гг?\.)?|до\s+\d{4}"
    r"|с\s+\d{4}(?:\s+по\s+\d{4})?)\s*)?"
    rf"(?:(?:член|кандидат|исключен|искл\.|выбыл|иск\.)[^,]*?{_PARTY_NAME}|{_PARTY_PEOPLE}))"
)
_PARTY_COMMUNIST = re.compile(r"(?:[ВР]КП|РСДРП)\(б\)")
_PARTY_EXPELLED = re.compile(r"искл|иск\.|выбыл", re.IGNORECASE)
_PARTY_FORMER = re.compile(
    r"бывш|(?:[ВР]КП|РСДРП)\(б\)\s*(?:в\s*)?(?:с\s*\.?\d[\d.]*\s*(?:по|до|-)|\d{4}\s*-|до\b)"
    r"|^(?:в\s+\d{4}\s*-|до\b|с\s+\d{4}\s+по)"
)
# A trailing full stop ends the sentence unless it closes an abbreviation ("пер.",
# "ж.д."), where the one stop serves both and must stay.
_ABBREVIATIONS = (
    "пер ул пр пр-д ш бул б-р пл наб г гг д пос ст с дер мест хут вол окр кр р-н обл губ у"
    " кв корп кор ком комн стр им зав нач пом гл зам ж.д быв бывш др т.п т.д ин-т"
)
_ABBREVIATION_END = re.compile(
    r"(?:^|[\s.,(])(?:" + "|".join(re.escape(a) for a in _ABBREVIATIONS.split()) + r")\.$"
)


@dataclass(frozen=True)
class BioFields:
    """The fields read from one BIO; text fields are as written, `unparsed` is the rest."""

    birth_year: int | None = None
    birth_date: PartialDate | None = None
    birth_text: str | None = None
    birth_place: str | None = None
    nationality: str | None = None
    party: str | None = None
    party_status: str | None = None
    occupation: str | None = None
    live_place: str | None = None
    death_date: PartialDate | None = None
    death_place: str | None = None
    burial_place: str | None = None
    burial_site: str | None = None
    unparsed: tuple[str, ...] = ()


def parse_moscow_bio(bio: str) -> BioFields:
    """Read one BIO of the Moscow shooting lists ("род. 1884, …, латыш, б/п, …")."""
    fields: dict[str, object] = {}
    unparsed: list[str] = []
    for sentence in _sentences(bio):
        if sentence.startswith("Адрес:"):
            _set_once(fields, "live_place", _clean(sentence[len("Адрес:") :]), unparsed)
        elif sentence.startswith("Место захоронения:"):
            place = _clean(sentence[len("Место захоронения:") :])
            if place:
                _set_once(fields, "burial_place", place, unparsed)
                fields.setdefault("burial_site", normalise_burial_site(place))
        elif sentence.startswith(("Место расстрела:", "Место смерти:")):
            place = _clean(sentence.split(":", 1)[1])
            _set_once(fields, "death_place", place, unparsed)
        elif _SHOT_OPENS.match(sentence) and "death_date" not in fields:
            _read_shot(sentence, fields, unparsed)
        elif not fields and not unparsed and not _SENTENCE_START.match(sentence):
            _read_head(sentence, fields, unparsed)
        else:
            unparsed.append(_clean(sentence, keep_period=True))
    return BioFields(**fields, unparsed=tuple(u for u in unparsed if u))  # type: ignore[arg-type]


def normalise_burial_site(place: str) -> str | None:
    """Memorial's name for a burial site written in a list, or None if not a known site."""
    for pattern, site in BURIAL_SITES:
        if pattern.search(place):
            return site
    return None


def normalise_party(party: str) -> str | None:
    """The party standing (PARTY_*) a party text states, or None if it names none."""
    standings = [_party_standing(token) for token in _split_top_level(party)]
    # Standing in the VKP(b) is what the lists are about; earlier or foreign parties
    # ("бывший меньшевик, член ВКП(б)") are history beside it.
    for preferred in (
        PARTY_MEMBER,
        PARTY_CANDIDATE,
        PARTY_EXPELLED,
        PARTY_FORMER,
        PARTY_NONE,
        PARTY_KOMSOMOL,
    ):
        if preferred in standings:
            return preferred
    return PARTY_OTHER if PARTY_OTHER in standings else None


def _party_standing(token: str) -> str | None:
    # Earlier parties and reasons sit in parentheses; the standing is outside them.
    core = _PARENTHETICAL.sub("", token).strip()
    if re.match(r"б/п|беспартийн", core):
        return PARTY_NONE
    if _PARTY_COMMUNIST.search(core):
        if _PARTY_EXPELLED.search(core):
            return PARTY_EXPELLED
        if _PARTY_FORMER.search(core):
            return PARTY_FORMER
        if core.startswith("кандидат"):
            return PARTY_CANDIDATE
        return PARTY_MEMBER
    if re.search(r"ВЛКСМ|ВКЛСМ", core):
        return PARTY_KOMSOMOL
    if _PARTY_TOKEN.match(core):
        return PARTY_OTHER
    return None


def _sentences(bio: str) -> list[str]:
    """Cut a BIO where a known sentence begins; abbreviations make full stops useless."""
    text = " ".join(bio.split())
    starts = [m.end() for m in _SENTENCE_START.finditer(text)]
    bounds = sorted({0, *starts, len(text)})
    pieces = (text[a:b].strip() for a, b in pairwise(bounds))
    return [p for p in pieces if p]


def _read_head(head: str, fields: dict[str, object], unparsed: list[str]) -> None:
    """The first sentence: birth, birthplace, nationality, party, occupation."""
    tokens = _split_top_level(_clean(_BIRTH_PREFIX.sub("", head, count=1), keep_period=True))
    if tokens and (_BIRTH_PREFIX.match(head) or _BIRTH_SUFFIX.search(tokens[0])):
        birth = _read_birth(tokens[0])
        if birth is not None:
            fields["birth_text"] = tokens[0]
            fields["birth_year"] = birth.year
            if birth.month is not None:
                fields["birth_date"] = birth
            tokens = tokens[1:]
    tokens[-1:] = [_clean(t) for t in tokens[-1:]]

    first_party = next((i for i, t in enumerate(tokens) if _PARTY_TOKEN.match(t)), len(tokens))
    # Nationality stands before the party; a vocabulary word later is part of the work.
    nation_at = next((i for i in range(first_party) if _nationality(tokens[i])), None)
    if nation_at is not None:
        written, note = _nationality(tokens[nation_at]) or ("", None)
        fields["nationality"] = written
        if note:
            unparsed.append(note)
        place_end = party_at = nation_at + 1
    else:
        place_end = party_at = first_party
    party_end = party_at
    # "бывший меньшевик, член ВКП(б) с 1919": a standing can take several tokens.
    while party_end < len(tokens) and _PARTY_TOKEN.match(tokens[party_end]):
        party_end += 1
    if party_end > party_at:
        party, rest = _split_party(tokens[party_end - 1])
        tokens[party_end - 1] = party
        if rest:
            tokens.insert(party_end, rest)
        fields["party"] = ", ".join(tokens[party_at:party_end])
        fields["party_status"] = normalise_party(fields["party"])
    elif nation_at is None:
        # Neither nationality nor party divides birthplace from work here, so the
        # tokens are left for a reader rather than assigned by guess.
        unparsed.extend(tokens)
        return
    if nation_at is not None:
        place_end = nation_at
    if place_end:
        fields["birth_place"] = ", ".join(tokens[:place_end])
    if tokens[party_end:]:
        fields["occupation"] = ", ".join(tokens[party_end:])


def _read_birth(token: str) -> PartialDate | None:
    """The stated date of birth; an alternative "(по другим данным …)" is left in birth_text."""
    primary = _BIRTH_SUFFIX.sub("", _PARENTHETICAL.sub("", token)).strip()
    match = _DATE.fullmatch(primary)
    return partial_date_from_match(match, primary) if match else None


def _read_shot(sentence: str, fields: dict[str, object], unparsed: list[str]) -> None:
    """Read "Рассстрелян 17.05.1938" and its variants, with a place ("в Москве") if given."""
    match = _SHOT_SENTENCE.match(sentence)
    date = partial_date_from_match(match, match["date"].strip()) if match else None
    if match is None or date is None:
        unparsed.append(_clean(sentence, keep_period=True))
        return
    fields["death_date"] = date
    for part in (match["before"], _clean(match["after"])):
        part = part.strip(" ,")
        if re.match(r"(?:в|во|на)\s", part):
            _set_once(fields, "death_place", part, unparsed)
        elif part:
            unparsed.append(part)


def _nationality(token: str) -> tuple[str, str | None] | None:
    match = _NATIONALITY_TOKEN.fullmatch(token)
    if match is None or match["word"] not in NATIONALITIES:
        return None
    return match["written"], match["note"]


def _split_party(token: str) -> tuple[str, str | None]:
    """Split "беспартийный оружейный техник …" into the party and the work it runs into."""
    match = re.match(r"(беспартийн(?:ый|ая))\s+(.+)", token)
    if match:
        return match[1], match[2]
    return token, None


def _split_top_level(text: str) -> list[str]:
    """Split on commas outside parentheses; a bracket left open protects nothing."""
    if "(" not in text:
        return [t.strip() for t in text.split(",") if t.strip()]
    spans: list[tuple[int, int]] = []
    open_at: list[int] = []
    for bracket in _BRACKET.finditer(text):
        if bracket.group() == "(":
            open_at.append(bracket.start())
        elif open_at:
            spans.append((open_at.pop(), bracket.start()))
    tokens, start = [], 0
    for comma in _COMMA.finditer(text):
        at = comma.start()
        if not any(a < at < b for a, b in spans):
            tokens.append(text[start:at].strip())
            start = at + 1
    tokens.append(text[start:].strip())
    return [t for t in tokens if t]


def _clean(text: str, keep_period: bool = False) -> str:
    """Strip a sentence's spaces and its closing full stop (kept after an abbreviation)."""
    text = text.strip()
    if not keep_period and text.endswith(".") and not _ABBREVIATION_END.search(text):
        text = text[:-1].rstrip()
    return text


def _set_once(fields: dict[str, object], name: str, value: str, unparsed: list[str]) -> None:
    # A second address or burial place is a note the list made, not a replacement.
    if name in fields:
        unparsed.append(value)
    elif value:
        fields[name] = value
