"""Word lists the English extraction grammar relies on, each documented where it is defined.

Russian first names are kept in Cyrillic and romanised here with the schemas books
use (ALA-LC as in most English-language scholarship, plus BGN/PCGN, Wikipedia style
and the scholarly system), so a first name is recognised in any of them.
"""

from __future__ import annotations

import re
from functools import lru_cache

import iuliia

# Common Russian (and Soviet non-Russian) first names of the period, with gender.
_MALE = """
Абрам Адам Александр Алексей Анастас Анатолий Андрей Антон Аркадий Арсений Артём Артур
Август Авель Борис Вадим Валентин Валерий Василий Вениамин Виктор Виссарион Виталий
Владимир Владислав Всеволод Вячеслав Габриэль Гавриил Геннадий Генрих Георгий Герман
Глеб Григорий Давид Даниил Демьян Денис Дмитрий Евгений Егор Ефим Ефрем Захар Зиновий
Иван Игнатий Игорь Иероним Израиль Иосиф Илья Иона Исаак Кирилл Климент Константин Кузьма
Лаврентий Лазарь Лев Леонид Леон Лука Макар Максим Марк Матвей Меер Михаил Моисей Наум
Никита Никифор Николай Олег Осип Павел Пётр Петр Платон Прокофий Роберт Родион Роман
Самуил Семён Семен Сергей Серго Соломон Станислав Степан Тимофей Трофим Фёдор Федор
Феликс Филипп Фома Фридрих Харитон Христиан Эдуард Эммануил Эрнст Юлиан Юрий Яков Ян Ефрем
Ананий Арон Бронислав Вильгельм Густав Карл Мартын Отто Рудольф Станислав Теодор Эрих
"""
_FEMALE = """
Агния Александра Алла Анастасия Ангелина Анна Антонина Берта Валентина Варвара Вера
Галина Дарья Ева Евгения Евдокия Екатерина Елена Елизавета Зинаида Зоя Ирина Клавдия
Ксения Лариса Лидия Любовь Людмила Мария Маргарита Марина Надежда Наталья Наталия Нина
Ольга Полина Раиса Роза Серафима Софья София Тамара Татьяна Ульяна Фаина Эльза Юлия
"""
# Diminutives and non-Russian names that books print as they are (Natasha, Sergo).
_EXTRA = {
    "natasha": "f", "sasha": "m", "kolia": "m", "sergo": "m", "misha": "m", "volodia": "m",
    "dzhabul": "m", "dzhambul": "m", "anastas": "m", "ian": "m", "lavrentii": "m",
    "genrikh": "m", "kliment": "m", "lazar": "m", "viacheslav": "m", "nikita": "m",
}  # fmt: skip
_SCHEMAS = (iuliia.ALA_LC_ALT, iuliia.WIKIPEDIA, iuliia.BGN_PCGN, iuliia.SCIENTIFIC)


def _fold(text: str) -> str:
    return re.sub(r"['’ʹ]", "", text).lower()


@lru_cache(maxsize=1)
def first_names() -> dict[str, str]:
    """Romanised first names (folded: lower case, no apostrophes) -> gender ``m``/``f``."""
    names: dict[str, str] = dict(_EXTRA)
    for block, gender in ((_MALE, "m"), (_FEMALE, "f")):
        for cyrillic in block.split():
            names[cyrillic.lower()] = gender
            for schema in _SCHEMAS:
                names.setdefault(_fold(schema.translate(cyrillic)), gender)
    return names


def first_name_gender(token: str) -> str | None:
    return first_names().get(_fold(token))


#: Capitalised words that are never persons: function words at a sentence start,
#: months, bodies and institutions, titles, nationalities, and the words of offices.
NOT_PERSONS = frozenset(
    """
    The A An On In At As By For From To Of After Before During Since Until When While With
    Without Among Although Though But And Or Nor So Thus Then There This That These Those It
    He She They We I You His Her Their Its Our My Your Who Whom Which What Where Why How Yes
    No Not Only Also Even Still Already Later Soon Now Here Probably Moreover However Indeed
    Meanwhile Nevertheless Instead Both Either Neither Each Every All Some Many Most More
    Much Few One Two Three Four Five Six Seven Eight Nine Ten First Second Third Last Next
    Other Another Such Same Several Early Late Mid Already Like Unlike Whether If Once
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Spring Summer Autumn Winter
    Politburo Central Committee Plenum Party Soviet Soviets Supreme Presidium Council People
    People's Commissar Commissariat Commissars NKVD GUGB OGPU VChK Cheka Chekists Chekist
    TsIK VTsIK Sovnarkom SNK Kremlin Collegium Military Troika Troikas Special Department
    Directorate Administration Secretariat Registration Transport Highways Operational
    Interior Internal Affairs Deputy Chief Head President Secretary Marshal General Comrade
    Procurator Procuracy Court Tribunal Order Orders Lenin Leninist Bolshevik Bolsheviks
    Bolshevism Communist Communists Trotskiist Trotskyist Rightist Rightists Stalinist
    Congress Conference Session Resolution Decree Decision Statute Constitution Academy
    Institute School University Theater Theatre Museum Archive Archives Collection Memorial
    Russian Russians Ukrainian Ukrainians Belorussian Polish Poles German Germans Latvian
    Latvians Finnish Estonian Lithuanian Kazakh Kazakhs Jewish Jews Soviet Kulak Kulaks
    Fascism Fascist Fascists Socialism Capitalism Pravda Izvestiia Ogonek Bukharinist
    USSR RSFSR SSR VKP VKP(b) Union Republic Province Region Krai Oblast District City
    State Security Defense Defence Foreign Trade Intelligence Service Services Bureau
    Dinamo Stalinodar Dal'stroi Dal’stroi Gulag GULAG Pioneers Red Army Navy Workers
    Plenipotentiary Personal Leading Organizations Organization Guard Adjutant Bodyguard
    Bol'shoi Bol’shoi Romanian Romanians Georgian Armenian Jew Tatar Chinese Korean
    Notes Note Chapter Figure Fig Table Appendix Introduction Conclusion Ibid See Cf
    """.split()  # noqa: SIM905 - a word list reads better as text
)

#: Places of the 1937–38 USSR and beyond that the prose names; several are also the
#: surnames of leaders (Kuibyshev, Ordzhonikidze, Kalinin, Gor'kii, Kirov, Molotov),
#: so context decides for those (``AMBIGUOUS_PLACES``).
PLACES = frozenset(
    """
    Moscow Leningrad Kiev Kharkov Khar'kov Khar’kov Odessa Minsk Tiflis Tbilisi Baku Erevan
    Tashkent Alma-Ata
    Sverdlovsk Kuibyshev Ordzhonikidze Gor'kii Gor’kii Gorky Rostov Tula Orenburg Chkalov
    Smolensk Kalinin Kirov Molotov Stalino Voroshilovgrad Dnepropetrovsk Vinnitsa Zhitomir
    Chernigov Poltava Kursk Voronezh Orel Iaroslavl Ivanovo Arkhangel'sk Vologda Murmansk
    Karelia Omsk Novosibirsk Tomsk Krasnoiarsk Irkutsk Khabarovsk Vladivostok Chita Perm
    Saratov Stalingrad Kazan Ufa Cheliabinsk Magnitogorsk Krasnodar Azov-Black Sea Dagestan
    Ukraine Belorussia Kazakhstan Uzbekistan Georgia Armenia Azerbaijan Turkmenistan
    Kirgizia Tadzhikistan Crimea Siberia Urals Ural Far East Kolyma Butovo Kommunarka
    Warsaw Poland Germany Berlin Latvia Riga Finland Estonia Lithuania Harbin Manchuria
    Japan China Mongolia Europe America Russia Meshcherino Pakhra Gorki Leninskie
    Ezhovo-Cherkessk Cherkessk Pushkin Square Lubianka Lefortovo Sukhanovka Solovki
    """.split()  # noqa: SIM905 - a word list reads better as text
)
AMBIGUOUS_PLACES = frozenset(
    [
        "Kuibyshev",
        "Ordzhonikidze",
        "Kalinin",
        "Kirov",
        "Molotov",
        "Gor'kii",
        "Gor’kii",
        "Chkalov",
        "Pushkin",
    ]
)

#: Region adjectives and how books name the region ("Ukrainian" -> "Ukraine").
REGION_ADJECTIVES = {
    "Ukrainian": "Ukraine", "Belorussian": "Belorussia", "Kazakh": "Kazakhstan",
    "Georgian": "Georgia", "Armenian": "Armenia", "Azerbaijani": "Azerbaijan",
    "Uzbek": "Uzbekistan", "Turkmen": "Turkmenistan", "Kirgiz": "Kirgizia",
    "Tadzhik": "Tadzhikistan", "Karelian": "Karelia", "Crimean": "Crimea",
    "Leningrad": "Leningrad", "Moscow": "Moscow", "Far Eastern": "Far East",
    "West Siberian": "Western Siberia", "East Siberian": "Eastern Siberia",
}  # fmt: skip
