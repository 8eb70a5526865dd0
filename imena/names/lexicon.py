"""The names the dictionary knows: Russian surnames, first names and patronymics.

:func:`imena.names.key.word_key` uses them to choose between the readings of an ambiguous
Latin spelling (a French ``j`` is ж, a scholarly one is й; a German ``sch`` is ж or ш):
the reading whose key belongs to a known name wins. The names are the nominative singular
forms pymorphy3's dictionary tags ``Surn``, ``Name`` or ``Patr`` (about 45,000). Reading
them from the dictionary takes a few seconds, so the list is kept in the user's cache
directory (``$XDG_CACHE_HOME/imena`` or ``~/.cache/imena``), one file per dictionary
version; nothing is downloaded.
"""

from __future__ import annotations

import os
import tempfile
from functools import cache
from pathlib import Path

from imena.names.morphology import analyzer

_NAME_GRAMMEMES = ("Surn", "Name", "Patr")


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "imena"


def _read_dictionary() -> list[str]:
    """Nominative singular names from pymorphy3's word list (walks its paradigms directly:
    building a Tag for each of its five million forms would take four times as long)."""
    dictionary = analyzer().dictionary
    wanted = set()
    for tag_id, tag in enumerate(dictionary.gramtab):
        text = str(tag)
        if any(g in text for g in _NAME_GRAMMEMES) and "nomn" in text and "sing" in text:
            wanted.add(tag_id)
    paradigms = dictionary.paradigms
    found = set()
    for word, (paradigm_id, index) in dictionary.words.iteritems():
        paradigm = paradigms[paradigm_id]
        if paradigm[len(paradigm) // 3 + index] in wanted:
            found.add(word)
    return sorted(found)


@cache
def dictionary_names() -> tuple[str, ...]:
    """The dictionary's names in lower-case Cyrillic, read once and then from the cache."""
    meta = analyzer().dictionary.meta
    version = str(meta.get("source_revision") or meta.get("version") or "0")
    path = _cache_dir() / f"names-{''.join(ch for ch in version if ch.isalnum())}.txt"
    try:
        return tuple(path.read_text(encoding="utf-8").split())
    except OSError:
        pass
    names = _read_dictionary()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written whole under another name and renamed: a concurrent reader sees all or none.
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, delete=False, suffix=".part"
        ) as f:
            f.write("\n".join(names))
        os.replace(f.name, path)
    except OSError:
        pass  # a read-only home only costs the seconds again next time
    return tuple(names)
