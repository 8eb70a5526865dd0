"""Synthetic registries for benchmarks: invented people, realistic Russian names, known truth.

Every record is invented and labelled ``SYNTHETIC (benchmark)`` in its memory_book; use
these files for benchmarks only, never in the demo or as data.

Names come from pymorphy3's dictionary (lemmas tagged Surn, Name, Patr).  Frequencies
are Zipfian: a head of the commonest names of the 1880–1920 generations in rank order,
then the rest of the dictionary in a fixed shuffled order.  ``truth_id`` says which
records are one person (for evaluating dedupe).  The truth model (TRUTH_MODEL below
gives the rates) follows what two lists of one person do to him: a person is in 1–4
lists; each list writes the same facts (name, birth year and place, nationality, the
dates of arrest, sentence and shooting) with a clerk's noise: slips in the surname
(и/е and о/а swaps, dropped or doubled letters, ё written е), fewer in the given name
and patronymic, a missing patronymic or initials only, a birth year off by 1 (often:
ages turned into years) or 2, or missing, the birthplace cut to its province or its
village misspelt, dates written in part (month and year, the year) or left out, now and
then another date, the name romanised, another occupation.

    python benchmarks/synthetic.py --rows 1000000 --out synthetic.tsv [--format csv]
"""

from __future__ import annotations

import argparse
import bisect
import csv
import datetime
import itertools
import json
import os
import random
import tempfile
import time
from pathlib import Path

BOOK = "SYNTHETIC (benchmark)"
MEMORIAL_HEADER = (
    "person_id", "surname", "name", "patronimic", "birth_year", "birth_place", "nation",
    "occupation", "live_place", "party", "arest_date", "arest_organ", "judicial_organ",
    "process_date", "criminal_article", "sentence", "was_executed", "death_date", "death_place",
    "rehabilitation_date", "rehabilitation_organ", "name_variations", "surname_variations",
    "memory_book", "truth_id",
)  # fmt: skip
#: The CSV variant: Russian column names, for ``--format csv --map``.
CSV_HEADER = (
    "Фамилия", "Имя", "Отчество", "Год рождения", "Место рождения", "Национальность",
    "Дата ареста", "Дата расстрела", "Книга памяти", "truth_id",
)  # fmt: skip
CSV_MAP = (
    "surname=Фамилия,name=Имя,patronymic=Отчество,birth_year=Год рождения,"
    "birth_place=Место рождения,nationality=Национальность,arrest_date=Дата ареста,"
    "death_date=Дата расстрела,memory_book=Книга памяти"
)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# The commonest surnames and given names of the generations in the lists, by rank.
_HEAD_SURNAMES = _words(
    "иванов смирнов кузнецов попов васильев петров соколов михайлов новиков федоров морозов "
    "волков алексеев лебедев семенов егоров павлов козлов степанов николаев орлов андреев "
    "макаров никитин захаров зайцев соловьев борисов яковлев григорьев романов воробьев "
    "сергеев кузьмин фролов александров дмитриев королев гусев киселев ильин максимов "
    "поляков сорокин виноградов ковалев белов медведев антонов тарасов"
)
_HEAD_MEN = _words(
    "иван василий николай михаил петр александр алексей федор григорий сергей павел яков "
    "дмитрий степан андрей илья семен егор константин матвей кузьма тимофей никита прокофий "
    "владимир борис георгий леонид филипп захар максим антон ефим афанасий тихон фома лука "
    "осип емельян"
)
_HEAD_WOMEN = _words(
    "мария анна евдокия александра екатерина прасковья татьяна елена ольга надежда пелагея "
    "агафья анастасия ксения наталья вера варвара матрена марфа ефросинья"
)
_NATIONS = (("русский", 70), ("украинец", 8), ("белорус", 3), ("еврей", 3), ("поляк", 4),
            ("латыш", 2), ("немец", 3), ("татарин", 2), ("финн", 1), ("эстонец", 1),
            ("грек", 1), ("кореец", 1), ("мордвин", 1))  # fmt: skip
_PLACES = (
    "Тверская губ.",
    "Московская губ.",
    "Рязанская губ.",
    "Тульская губ.",
    "Калужская губ.",
    "Смоленская губ.",
    "Ярославская губ.",
    "Владимирская губ.",
    "Орловская губ.",
    "Курская губ.",
    "Витебская губ.",
    "Минская губ.",
    "Киевская губ.",
    "Лифляндская губ.",
    "Пермская губ.",
    "Вятская губ.",
    "Казанская губ.",
    "Самарская губ.",
    "г. Москва",
    "г. Ленинград",
)
_SETTLEMENTS = ("д.", "с.", "дер.")
_VILLAGE_ENDINGS = ("ово", "ка", "ское", "ино")
_WORK = ("колхозник", "рабочий", "счетовод", "слесарь", "учитель", "единоличник", "конюх",
         "сторож", "инженер", "бухгалтер", "служащий", "без определенных занятий")  # fmt: skip
_ORGANS = ("тройка при УНКВД", "Комиссия НКВД и Прокурора СССР", "ВКВС СССР", "Особое совещание")
#: How many lists a person is in: (copies, cumulative share of people).
COPIES = ((1, 0.78), (2, 0.93), (3, 0.98), (4, 1.0))
#: The truth model: the share of records showing each kind of noise, for a person's first
#: record (a clean list) and for a repeat (another list, another clerk).
TRUTH_MODEL = {
    "surname slip (one letter; a second in 15% of slipped repeats)": (0.03, 0.40),
    "given name slip": (0.01, 0.12),
    "patronymic slip": (0.01, 0.08),
    "patronymic missing": (0.05, 0.20),
    "given name and patronymic as initials": (0.02, 0.10),
    "birth year missing": (0.04, 0.08),
    "birth year off by 1": (0.0, 0.22),
    "birth year off by 2": (0.0, 0.08),
    "name romanised (Wikipedia, ALA-LC, BS 2979 or Mosmetro)": (0.03, 0.10),
    "birthplace missing": (0.08, 0.15),
    "birthplace: province only": (0.12, 0.20),
    "birthplace: village misspelt": (0.0, 0.07),
    "nationality missing": (0.05, 0.15),
    "occupation drawn again": (0.0, 0.35),
    "each date (arrest, sentence, death) missing": (0.05, 0.12),
    "each date another day (±1, ±3 or ±30 days)": (0.0, 0.04),
    "each written date: month and year only / year only": (0.15, 0.05),
}
_VOWEL_SWAPS = {"и": "е", "е": "и", "о": "а", "а": "о", "ё": "е"}
_SYSTEMS = ("WIKIPEDIA", "ALA_LC", "BS_2979", "MOSMETRO")


def name_lists(cache: Path | None = None) -> dict[str, list[str]]:
    """Surnames, men's and women's names and patronymics from pymorphy3 (cached on disk)."""
    cache = cache or Path(tempfile.gettempdir()) / "imena-synthetic-names.json"
    if cache.exists():
        return json.loads(cache.read_text(encoding="utf-8"))
    import pymorphy3

    dictionary = pymorphy3.MorphAnalyzer().dictionary
    found: dict[str, set[str]] = {"surnames": set(), "men": set(), "women": set(), "patr": set()}
    tags: dict[int, str] = {}
    for word, (paradigm, index) in dictionary.words.iteritems():
        if index != 0:
            continue
        tag = tags.get(paradigm)
        if tag is None:
            tag = tags[paradigm] = str(dictionary.build_tag_info(paradigm, 0))
        if "Surn" in tag and "masc" in tag:
            found["surnames"].add(word)
        elif "Name" in tag:
            found["women" if "femn" in tag else "men"].add(word)
        elif "Patr" in tag and "masc" in tag:
            found["patr"].add(word)
    lists = {kind: sorted(words) for kind, words in found.items()}
    cache.write_text(json.dumps(lists, ensure_ascii=False), encoding="utf-8")
    return lists


def _zipf(
    head: list[str], rest: list[str], exponent: float, rng: random.Random
) -> tuple[list[str], list[float]]:
    """A population (head in rank order, then ``rest`` shuffled) and cumulative Zipf weights."""
    tail = [w for w in rest if w not in set(head)]
    rng.shuffle(tail)
    population = [*head, *tail]
    weights = [1 / (rank**exponent) for rank in range(1, len(population) + 1)]
    return population, list(itertools.accumulate(weights))


def _patronymic(name: str, known: set[str]) -> str | None:
    """The patronymic pymorphy3 knows for a man's name (Иван → иванович, Илья → ильич)."""
    for form in (name + "ович", name[:-1] + "евич", name[:-1] + "ич", name + "евич",
                 name[:-1] + "ович"):  # fmt: skip
        if form in known:
            return form
    return None


def _feminine_patronymic(patronymic: str) -> str:
    if patronymic.endswith("вич"):
        return patronymic[:-3] + "вна"
    return patronymic[:-2] + "инична"  # ильич → ильинична, кузьмич → кузьминична


def _feminine_surname(surname: str) -> str:
    if surname.endswith(("ов", "ев", "ин", "ын", "ёв")):
        return surname + "а"
    if surname.endswith(("ский", "цкий")):
        return surname[:-2] + "ая"
    return surname


class Generator:
    """Draws invented people and their (noisy) records; deterministic for a seed."""

    def __init__(self, seed: int = 1937):
        self.rng = random.Random(seed)
        lists = name_lists()
        patr = set(lists["patr"])
        self.surnames = _zipf(_HEAD_SURNAMES, lists["surnames"], 0.7, self.rng)
        self.men = _zipf(_HEAD_MEN, lists["men"], 1.3, self.rng)
        self.women = _zipf(_HEAD_WOMEN, lists["women"], 1.3, self.rng)
        self.patronymics = {m: p for m in self.men[0] if (p := _patronymic(m, patr))}
        self.nations = [n for n, _ in _NATIONS]
        self.nation_weights = list(itertools.accumulate(w for _, w in _NATIONS))
        self._romanised: dict[tuple[str, str], str] = {}

    def _draw(self, population: tuple[list[str], list[float]]) -> str:
        words, cumulative = population
        return words[bisect.bisect(cumulative, self.rng.random() * cumulative[-1])]

    def person(self) -> dict[str, object]:
        """An invented person: what every list of them would agree on if no clerk erred."""
        rng = self.rng
        woman = rng.random() < 0.25
        surname = self._draw(self.surnames)
        father = self._draw(self.men)
        while father not in self.patronymics:
            father = self._draw(self.men)
        patronymic = self.patronymics[father]
        if woman:
            surname, patronymic = _feminine_surname(surname), _feminine_patronymic(patronymic)
        # A village named after a family, as so many were (Ивановка, Петрово, Сидорово).
        stem = self._draw(self.surnames)
        village = (stem[:-2] if stem.endswith(("ов", "ев", "ин", "ук")) else stem).capitalize()
        arrest = datetime.date(1937, 1, 1) + datetime.timedelta(days=rng.randrange(690))
        shot = rng.random() < 0.7
        return {
            "surname": surname.capitalize(),
            "name": self._draw(self.women if woman else self.men).capitalize(),
            "patronymic": patronymic.capitalize(),
            "birth_year": rng.randint(1870, 1920),
            "province": rng.choice(_PLACES),
            "village": f"{rng.choice(_SETTLEMENTS)} {village}{rng.choice(_VILLAGE_ENDINGS)}",
            "nation": self.nations[
                bisect.bisect(self.nation_weights, rng.random() * self.nation_weights[-1])
            ],
            "occupation": rng.choice(_WORK),
            "arrest": arrest,
            "organ": rng.choice(_ORGANS),
            "process": arrest + datetime.timedelta(days=rng.randint(5, 90)),
            "shot": shot,
            "death": arrest + datetime.timedelta(days=rng.randint(10, 120)) if shot else None,
        }

    def noisy(self, word: str) -> str:
        """One archival slip: a vowel swap, a dropped or doubled letter."""
        rng = self.rng
        if len(word) < 4:
            return word
        at = rng.randrange(1, len(word))
        letter = word[at]
        roll = rng.random()
        if roll < 0.5 and letter in _VOWEL_SWAPS:
            return word[:at] + _VOWEL_SWAPS[letter] + word[at + 1 :]
        if roll < 0.8:
            return word[:at] + word[at + 1 :]
        return word[:at] + letter + word[at:]

    def romanised(self, word: str) -> str:
        system = self.rng.choice(_SYSTEMS)
        found = self._romanised.get((system, word))
        if found is None:
            import iuliia

            found = self._romanised[(system, word)] = getattr(iuliia, system).translate(word)
        return found

    def _date(self, date: datetime.date | None, repeat: bool) -> str:
        """A date as a list writes it: whole, month and year, the year alone, or not at all."""
        rng = self.rng
        if date is None:
            return "None"
        roll = rng.random()
        if roll < (0.12 if repeat else 0.05):
            return "None"
        if repeat and roll < 0.16:  # another date: a slip of the pen, or another event
            date += datetime.timedelta(days=rng.choice((-30, -3, -1, 1, 3, 30)))
        roll = rng.random()
        if roll < 0.15:
            return f"_.{date.month}.{date.year}"
        if roll < 0.2:
            return str(date.year)
        return f"{date.day}.{date.month}.{date.year}"

    def record(self, person: dict[str, object], repeat: bool) -> dict[str, object]:
        """One record of a person; a repeat (another list, another clerk) carries noise.

        See TRUTH_MODEL for the rates.  The first record of a person is mostly clean; a
        repeat varies the way two lists of one person do.
        """
        rng = self.rng
        p = person
        surname, name, patronymic = str(p["surname"]), str(p["name"]), str(p["patronymic"])
        birth_year: int | None = int(p["birth_year"])  # type: ignore[call-overload]
        if rng.random() < (0.4 if repeat else 0.03):
            surname = self.noisy(surname)
            if repeat and rng.random() < 0.15:
                surname = self.noisy(surname)
        if rng.random() < (0.12 if repeat else 0.01):
            name = self.noisy(name)
        if rng.random() < (0.08 if repeat else 0.01):
            patronymic = self.noisy(patronymic)
        roll = rng.random()
        if roll < (0.2 if repeat else 0.05):
            patronymic = "None"
        elif roll < (0.3 if repeat else 0.07):
            name, patronymic = name[0] + ".", patronymic[0] + "."
        roll = rng.random()
        if roll < (0.08 if repeat else 0.04):
            birth_year = None
        elif repeat and roll < 0.30:
            birth_year += rng.choice((-1, 1))  # type: ignore[operator]
        elif repeat and roll < 0.38:
            birth_year += rng.choice((-2, 2))  # type: ignore[operator]
        if rng.random() < (0.1 if repeat else 0.03):
            surname, name = self.romanised(surname), self.romanised(name)
            patronymic = self.romanised(patronymic) if patronymic != "None" else patronymic
        roll = rng.random()
        province, village = str(p["province"]), str(p["village"])
        if province.startswith("г."):  # a city: no village to name
            birth_place = "None" if roll < (0.15 if repeat else 0.08) else province
        elif roll < (0.15 if repeat else 0.08):
            birth_place = "None"
        elif roll < (0.35 if repeat else 0.2):
            birth_place = province  # the province alone
        elif repeat and roll < 0.42:
            birth_place = f"{province}, {self.noisy(village)}"
        else:
            birth_place = f"{province}, {village}"
        nation = p["nation"] if rng.random() >= (0.15 if repeat else 0.05) else "None"
        occupation = p["occupation"]
        if repeat and rng.random() < 0.35:  # another job at another time, or another word
            occupation = rng.choice(_WORK)
        shot = bool(p["shot"])
        return {
            "surname": surname, "name": name, "patronimic": patronymic,
            "birth_year": "None" if birth_year is None else birth_year,
            "birth_place": birth_place, "nation": nation, "occupation": occupation,
            "arest_date": self._date(p["arrest"], repeat),  # type: ignore[arg-type]
            "judicial_organ": p["organ"],
            "process_date": self._date(p["process"], repeat),  # type: ignore[arg-type]
            "criminal_article": "58-10", "sentence": "ВМН" if shot else "10 лет ИТЛ",
            "was_executed": "True" if shot else "False",
            "death_date": self._date(p["death"], repeat),  # type: ignore[arg-type]
        }  # fmt: skip

    def records(self, rows: int):  # type: ignore[no-untyped-def]
        """(truth_id, record) pairs, ``rows`` of them; a person has 1–4 records (COPIES)."""
        made = 0
        truth = 0
        while made < rows:
            truth += 1
            person = self.person()
            roll = self.rng.random()
            copies = next(n for n, share in COPIES if roll < share)
            for copy in range(min(copies, rows - made)):
                yield truth, self.record(person, repeat=copy > 0)
                made += 1


def write_synthetic(
    path: str | os.PathLike[str], rows: int, fmt: str = "memorial-tsv", seed: int = 1937
) -> dict[str, float]:
    """Write ``rows`` synthetic records as Memorial's TSV or as a CSV; return timings."""
    start = time.perf_counter()
    generator = Generator(seed)
    ready = time.perf_counter()
    with open(path, "w", encoding="utf-8", newline="") as fh:
        if fmt == "memorial-tsv":
            fh.write("\t".join(MEMORIAL_HEADER) + "\n")
            for number, (truth, record) in enumerate(generator.records(rows), start=1):
                record["person_id"] = number
                record["memory_book"] = BOOK
                record["truth_id"] = truth
                fh.write("\t".join(str(record.get(c, "None")) for c in MEMORIAL_HEADER) + "\n")
        elif fmt == "csv":
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(CSV_HEADER)
            for truth, record in generator.records(rows):
                writer.writerow((
                    record["surname"], record["name"], record["patronimic"],
                    record["birth_year"], record["birth_place"], record["nation"],
                    record["arest_date"], record["death_date"], BOOK, truth,
                ))  # fmt: skip
        else:
            raise ValueError(f"unknown format {fmt!r}")
    end = time.perf_counter()
    return {"rows": rows, "setup_s": ready - start, "write_s": end - ready,
            "rows_per_s": rows / (end - ready)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--out", required=True)
    parser.add_argument("--format", choices=("memorial-tsv", "csv"), default="memorial-tsv")
    parser.add_argument("--seed", type=int, default=1937)
    args = parser.parse_args()
    stats = write_synthetic(args.out, args.rows, args.format, args.seed)
    print(
        f"{args.rows:,} synthetic rows in {stats['write_s']:.1f} s "
        f"({stats['rows_per_s']:,.0f} rows/s; name lists {stats['setup_s']:.1f} s) → {args.out}"
    )


if __name__ == "__main__":
    main()
