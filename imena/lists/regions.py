"""Regions of Stalin's lists: section titles as written, normalised, and named as in English.

A section title names the NKVD organ that sent its part of the list: a province, krai
or republic ("Свердловская обл.", "Украинская ССР"), the central apparatus
("Москва-центр"), a city, a railway's transport department ("г.Харьков-Южная ж.д."), a
military district or a camp.  :func:`normalise_region` keeps the title's meaning and
removes the spelling noise (abbreviations, spacing, "Моква" for "Москва", qualifiers in
brackets such as "(выписка)"); :func:`english_region` gives the region's name as the
English chapter writes it ("Sverdlovsk", "Ukraine", "Far East") where it is a territory.
"""

from __future__ import annotations

import re

# Spelling variants of one organ, after the general clean-up below.
_VARIANTS: dict[str, str] = {
    "Моква-центр": "Москва-центр",
    "Москва-Центр": "Москва-центр",
    "Казахстан": "Казахская ССР",
    "Казахстанская ССР": "Казахская ССР",
    "Украина": "Украинская ССР",
    "Армения": "Армянская ССР",
    "Чечено-Ингушской АССР": "Чечено-Ингушская АССР",
    "Туркменская АССР": "Туркменская ССР",
}

# Territories whose English name is not the romanised stem of the Russian adjective.
_ENGLISH: dict[str, str] = {
    "Москва-центр": "Moscow (central apparatus)",
    "Московская область": "Moscow",
    "Азово-Черноморский край": "Azov-Black Sea",
    "Западно-Сибирский край": "Western Siberia",
    "Восточно-Сибирская область": "Eastern Siberia",
    "Дальне-Восточный край": "Far East",
    "Орджоникидзевский край": "Ordzhonikidze",
    "Горьковская область": "Gor'kii",
    "Ивановская область": "Ivanovo",
    "Кировская область": "Kirov",
    "Алтайский край": "Altai",
    "Архангельская область": "Arkhangel'sk",
    "Винницкая область": "Vinnitsa",
    "Вологодская область": "Vologda",
    "Воронежская область": "Voronezh",
    "Днепропетровская область": "Dnepropetrovsk",
    "Донецкая область": "Donetsk",
    "Иркутская область": "Irkutsk",
    "Калининская область": "Kalinin",
    "Киевская область": "Kiev",
    "Краснодарский край": "Krasnodar",
    "Красноярский край": "Krasnoiarsk",
    "Куйбышевская область": "Kuibyshev",
    "Курская область": "Kursk",
    "Ленинградская область": "Leningrad",
    "Новосибирская область": "Novosibirsk",
    "Одесская область": "Odessa",
    "Омская область": "Omsk",
    "Оренбургская область": "Orenburg",
    "Орловская область": "Orel",
    "Ростовская область": "Rostov",
    "Рязанская область": "Riazan'",
    "Саратовская область": "Saratov",
    "Свердловская область": "Sverdlovsk",
    "Смоленская область": "Smolensk",
    "Сталинградская область": "Stalingrad",
    "Тамбовская область": "Tambov",
    "Тульская область": "Tula",
    "Харьковская область": "Khar'kov",
    "Челябинская область": "Cheliabinsk",
    "Черниговская область": "Chernigov",
    "Ярославская область": "Iaroslavl'",
    "Северная область": "Northern",
    "Западная область": "Western",
    "Камчатская область": "Kamchatka",
    "Украинская ССР": "Ukraine",
    "Белорусская ССР": "Belorussia",
    "Грузинская ССР": "Georgia",
    "Армянская ССР": "Armenia",
    "Азербайджанская ССР": "Azerbaijan",
    "Казахская ССР": "Kazakhstan",
    "Узбекская ССР": "Uzbekistan",
    "Туркменская ССР": "Turkmenistan",
    "Таджикская ССР": "Tadzhikistan",
    "Киргизская ССР": "Kirgizia",
    "Крымская АССР": "Crimea",
    "Карельская АССР": "Karelia",
    "Татарская АССР": "Tataria",
    "Башкирская АССР": "Bashkiria",
    "Дагестанская АССР": "Dagestan",
    "Коми АССР": "Komi",
    "Калмыцкая АССР": "Kalmykia",
    "Марийская АССР": "Mari",
    "Мордовская АССР": "Mordovia",
    "Чечено-Ингушская АССР": "Chechen-Ingush",
    "Кабардино-Балкарская АССР": "Kabardino-Balkaria",
    "Северо-Осетинская АССР": "North Ossetia",
    "Бурято-Монгольская АССР": "Buriat-Mongolia",
    "г. Ленинград": "Leningrad (city)",
    "г. Хабаровск": "Khabarovsk (city)",
    "Баку": "Baku",
    "Магнитогорск": "Magnitogorsk",
}

_RAILWAY = re.compile(r"ж\.\s*д\.|жел\.\s*дор|железн|ДТО|Метро", re.I)


def normalise_region(title: str | None) -> str | None:
    """A section title as the organ it names: "Свердловская обл." -> "Свердловская область"."""
    if not title or not title.strip():
        return None
    text = re.sub(r"\s+", " ", title.strip())
    # Qualifiers in brackets say which part of a region's list it is, not another region:
    # "Москва-центр (выписка)", "Дальне-Восточный край - (Хабаровск)".
    text = re.sub(r"\s+-?\s*\([^)]*\)$", "", text).strip()
    text = re.sub(r"\s*-\s*(?:список)$", "", text, flags=re.I)
    text = re.sub(r"\bобл\.(?=\s|$)", "область", text)
    text = re.sub(r"^(?:Гор\.|г\.)\s*", "г. ", text)
    text = re.sub(r"\s*-\s*", "-", text) if not _RAILWAY.search(text) else text
    text = re.sub(r"^Москва-центр$", "Москва-центр", text, flags=re.I)
    if text.lower() in ("список", "список лиц"):
        return None
    return _VARIANTS.get(text, text)


def _fold(text: str) -> str:
    return re.sub(r"[\s.'’-]+", " ", text.lower().replace("ё", "е")).strip()


def region_match(query: str, region: str | None, english: str | None) -> int:
    """How well a region a person names fits this one: 2 the same name, 1 its first words, 0 not.

    "Свердловская", "Sverdlovsk" and "Sverdlovsk province" all name "Свердловская
    область"; "Москва" names "Москва-центр" by its first word only, so a caller prefers
    exact matches where there are any.
    """
    if not region:
        return 0
    wanted = re.sub(r"\s+(?:province|oblast|krai|region|republic)$", "", query.strip(), flags=re.I)
    wanted = _fold(wanted)
    if not wanted:
        return 0
    names = [_fold(region)] + ([_fold(english)] if english else [])
    if wanted in names:
        return 2
    return 1 if any(name.startswith(wanted + " ") for name in names) else 0


def english_region(region: str | None) -> str | None:
    """The region as English books name it, for territories; None for railways and camps."""
    if not region:
        return None
    if region in _ENGLISH:
        return _ENGLISH[region]
    if _RAILWAY.search(region):
        return None
    return None
