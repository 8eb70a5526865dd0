"""Who signed Stalin's lists: signature strings read into persons, offices, ranks and a status.

The collection writes each NKVD signature as the document types it, the post and rank
abbreviated in the usual Russian way:

    Цесарский (нач. 8 отд. ГУГБ НКВД ст.майор ГБ)
    Агранов (Зам.НК ВД СССР, нач.4 отд.ГУГБ Комиссар ГБ 1 ранга)
    Шапиро (нач. 8 отд. ГУГБ НКВД ст.майор ГБ) - нет подписи

:func:`parse_signatures` reads such a string into one :class:`Signature` per person:
the surname, each post resolved to a canonical office (the name the English chapter's
phrasing resolves to, see ``OFFICES``), the rank in English (``RANKS``) and a status.

``status`` (vocabulary):

- ``signed``: the signature is on the document;
- ``unsigned``: the post and name are typed but the document bears no signature
  (Memorial's "нет подписи");
- ``uncertain``: Memorial marks its reading of the signature with question marks.

``role`` (vocabulary, participants of a decision event): ``submitter`` is the NKVD
official who signed (or was to sign) the list sent to the Politburo; ``signer`` a
Politburo member whose signature of approval the collection records (its 0/1 columns
``signstalin`` ... ``signkosior``, see ``POLITBURO_COLUMNS``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import iuliia

# Canonical offices, by the key our patterns give.  Where the chapter has an English
# phrasing for the post, the canonical name is exactly what imena.extract.offices makes
# of that phrasing (tests check it), so that both sources meet in one office:
#   "chief of the Registration Department"  -> chief of the NKVD Registration Department
#   "Deputy Interior People's Commissar"     -> Deputy People's Commissar of Internal ...
#   "chief of the Secret Political Department" -> chief of the NKVD Secret Political ...
#   "chief of the First Special Department"  -> chief of the NKVD First Special Department
# The 8th Department of the GUGB kept the NKVD's operational records and registration:
# the chapter calls it "the Registration Department".  The 4th Department was the
# Secret Political Department (SPO).  In 1938 the records work passed to the 1st Special
# Department of the NKVD: a different office, whose chief signed the later lists.
OFFICES: dict[str, str] = {
    "gugb-8-chief": "chief of the NKVD Registration Department",
    "gugb-4-chief": "chief of the NKVD Secret Political Department",
    "gugb-4-deputy": "deputy chief of the NKVD Secret Political Department",
    "deputy-commissar": "Deputy People's Commissar of Internal Affairs of the USSR",
    "special-1-chief": "chief of the NKVD First Special Department",
    "military-procurator": "Military Procurator",
    "procurator-ukraine": "Procurator of Ukraine",
}

# English phrasings of the chapter (and of English scholarship) for the same posts, so
# that a person searching either language finds the office.  The Russian phrasings met
# in the data are added at import (stalin_list_office_phrases).
OFFICE_PHRASES: dict[str, tuple[str, ...]] = {
    "gugb-8-chief": (
        "Registration Department",
        "8th Department of the GUGB",
        "records and registration department",
        "8 отд. ГУГБ",
        "учетно-регистрационный отдел",
    ),
    "gugb-4-chief": (
        "Secret Political Department",
        "Secret-Political Department",
        "4th Department of the GUGB",
        "4 отд. ГУГБ",
        "СПО",
    ),
    "gugb-4-deputy": ("deputy chief of the Secret Political Department",),
    "deputy-commissar": ("Deputy Interior People's Commissar", "зам. наркома внутренних дел"),
    "special-1-chief": ("First Special Department", "1 спецотдел НКВД"),
    "military-procurator": ("военный прокурор",),
    "procurator-ukraine": ("Procurator of the Ukrainian SSR", "прокурор УССР"),
}

# Posts as written, after folding (lower case, letters and digits only, "ссср" dropped):
# "нач. 8 отд. ГУГБ НКВД" -> "нач8отдгугбнквд".  Each pattern gives an office key; a
# department number the table does not know gives "chief of the Nth Department of the
# GUGB", the form imena.extract.offices gives the English phrase.
_POSTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^замнач(?P<n>\d+)(?:го)?отд(?:ела)?гугб"), "gugb-{n}-deputy"),
    (re.compile(r"^нач(?P<n>\d+)(?:го)?отд(?:ела)?гугб"), "gugb-{n}-chief"),
    (re.compile(r"^нач(?P<n>\d+)(?:го)?спец(?:иального)?отд(?:ела)?"), "special-{n}-chief"),
    (re.compile(r"^зам(?:еститель)?(?:нк|наркома|народногокомиссара)вд"), "deputy-commissar"),
    (re.compile(r"^военпрокурор"), "military-procurator"),
    (re.compile(r"^(?:врио)?прокурораусср"), "procurator-ukraine"),
)
# "врио." (временно исполняющий обязанности): acting in the post.
_ACTING = re.compile(r"^врио")

# Ranks as written -> English.  Special ranks of state security (1935–43) and of the army
# and military justice.  "Комиссар ГБ" without a degree is kept without one.
RANKS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"ст\.\s*майор\s+ГБ", re.I), "senior major of state security"),
    (re.compile(r"майор\s+ГБ", re.I), "major of state security"),
    (re.compile(r"комиссар\s+ГБ\s*1\s*ранга", re.I), "commissar of state security 1st rank"),
    (re.compile(r"комиссар\s+ГБ\s*2\s*ранга", re.I), "commissar of state security 2nd rank"),
    (re.compile(r"комиссар\s+ГБ\s*3\s*ранга", re.I), "commissar of state security 3rd rank"),
    (re.compile(r"комиссар\s+ГБ", re.I), "commissar of state security"),
    (re.compile(r"комкор", re.I), "komkor (corps commander)"),
    (re.compile(r"диввоенюрист", re.I), "divvoeniurist (divisional military jurist)"),
)
_RANK_ANYWHERE = re.compile(
    r"(?:ст\.\s*)?майор\s+ГБ|комиссар\s+ГБ(?:\s*\d\s*ранга)?|комкор|диввоенюрист", re.I
)

# The officials who signed the lists, by the surname the collection writes, with the
# first name and patronymic of the standard reference identification (N. V. Petrov and
# K. V. Skorkin, "Кто руководил НКВД 1934–1941", and the Politburo's membership lists).
# The collection itself gives surnames only; these given names let the lists meet the
# chapter's "V. E. Tsesarskii" or "Nikolai Ezhov" without guessing.  Kaloshin and
# Iachenin, procurators who co-signed two Ukrainian lists, are kept by surname only.
IDENTITIES: dict[str, tuple[str, str]] = {
    "Агранов": ("Яков", "Саулович"),
    "Бельский": ("Лев", "Николаевич"),
    "Гендин": ("Семён", "Григорьевич"),
    "Курский": ("Владимир", "Михайлович"),
    "Литвин": ("Михаил", "Иосифович"),
    "Фриновский": ("Михаил", "Петрович"),
    "Цесарский": ("Владимир", "Ефимович"),
    "Шапиро": ("Исаак", "Ильич"),
    "Ворошилов": ("Климент", "Ефремович"),
    "Ежов": ("Николай", "Иванович"),
    "Жданов": ("Андрей", "Александрович"),
    "Каганович": ("Лазарь", "Моисеевич"),
    "Косиор": ("Станислав", "Викентьевич"),
    "Микоян": ("Анастас", "Иванович"),
    "Молотов": ("Вячеслав", "Михайлович"),
    "Сталин": ("Иосиф", "Виссарионович"),
}

#: The 0/1 signature columns of lists.csv and the Politburo member each stands for.
POLITBURO_COLUMNS: dict[str, str] = {
    "signstalin": "Сталин",
    "signmolotov": "Молотов",
    "signkaganovic": "Каганович",
    "signvoroshilov": "Ворошилов",
    "signjdanov": "Жданов",
    "signmikoyan": "Микоян",
    "signejov": "Ежов",
    "signkosior": "Косиор",
}

_PERSON = re.compile(r"(?P<surname>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)\s*\((?P<inside>[^()]*)\)")


@dataclass(frozen=True)
class Post:
    """One post of a signature: as written, its office key and canonical name."""

    text: str
    office_key: str
    office: str
    acting: bool = False


@dataclass(frozen=True)
class Signature:
    """One person's signature as the collection writes it."""

    surname: str
    as_written: str
    posts: tuple[Post, ...] = field(default=())
    rank_text: str | None = None
    rank: str | None = None
    status: str = "signed"

    @property
    def post_text(self) -> str:
        return ", ".join(post.text for post in self.posts)


def fold_post(text: str) -> str:
    """Fold a post for the patterns: "Нач. 8 отд. ГУГБ НКВД СССР" -> "нач8отдгугбнквд"."""
    folded = re.sub(r"[^0-9а-яё]", "", text.lower().replace("ё", "е"))
    return folded.replace("ссср", "")


def office_for_post(text: str) -> Post | None:
    """The canonical office of a post as written, or None when no pattern knows it."""
    folded = fold_post(text)
    for pattern, template in _POSTS:
        match = pattern.match(folded)
        if match is None:
            continue
        key = template.format(**match.groupdict())
        name = OFFICES.get(key)
        if name is None:
            number = int(match.group("n"))
            kind = "Special Department" if key.startswith("special") else "Department of the GUGB"
            deputy = "deputy " if key.endswith("deputy") else ""
            name = f"{deputy}chief of the {_ordinal(number)} {kind}"
        return Post(text.strip(), key, name, bool(_ACTING.match(folded)))
    return None


def _ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def english_rank(text: str) -> str | None:
    for pattern, rank in RANKS:
        if pattern.search(text):
            return rank
    return None


def _status(rest: str) -> str:
    if re.search(r"нет\s+подписи", rest, re.I):
        return "unsigned"
    if "?" in rest:
        return "uncertain"
    return "signed"


def parse_signatures(text: str | None) -> list[Signature]:
    """The persons of a signature string, each with posts, rank and status.

    "?" alone (the collection could not read the signature) and blanks give no one.
    """
    if not text or not text.strip():
        return []
    found: list[Signature] = []
    matches = list(_PERSON.finditer(text))
    tail = text[matches[-1].end() :] if matches else ""
    status = _status(tail)
    for match in matches:
        inside = match.group("inside")
        # The rank closes the parenthesis: the last rank phrase in it.
        ranks = list(_RANK_ANYWHERE.finditer(inside))
        rank_match = ranks[-1] if ranks else None
        rank_text = rank_match.group(0).strip() if rank_match else None
        post_part = inside[: rank_match.start()] if rank_match else inside
        posts: list[Post] = []
        for piece in post_part.split(","):
            piece = piece.strip(" -–")
            if not piece:
                continue
            post = office_for_post(piece)
            if post is not None:
                posts.append(post)
        found.append(
            Signature(
                surname=match.group("surname"),
                as_written=match.group(0),
                posts=tuple(posts),
                rank_text=rank_text,
                rank=english_rank(rank_text) if rank_text else None,
                status=status,
            )
        )
    return found


def romanise(text: str) -> str:
    """ALA-LC as English scholarship prints it: Цесарский -> Tsesarskii, Бельский -> Bel'skii."""
    return iuliia.ALA_LC_ALT.translate(text)


def initial(name: str) -> str:
    """The romanised initial of a given name, as books print it: Яков -> "Ia.", Иван -> "I."."""
    first = romanise(name[:1])
    # Two-letter romanisations of one letter (Ia, Iu, Zh, Kh, Ts, Ch, Sh, Shch) stay whole.
    return f"{first[:1].upper()}{first[1:].lower()}."
