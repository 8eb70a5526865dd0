"""The machinery of 1937-38 as a model: who held which office, figures, flows, decisions."""

from imena.machinery.decisions import decisions
from imena.machinery.figures import flow, flows, reconcile_figures
from imena.machinery.offices import resolve_office
from imena.machinery.reference import ensure_reference, load_reference
from imena.machinery.terms import career, succession, who

__all__ = [
    "career",
    "decisions",
    "ensure_reference",
    "flow",
    "flows",
    "load_reference",
    "reconcile_figures",
    "resolve_office",
    "succession",
    "who",
]
