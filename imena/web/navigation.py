"""The site's navigation, and where pages of other parts of imena plug into it.

A part of imena that brings its own pages (the machinery's conflicts and flows, for
instance) provides a module ``<part>.web`` with ``router`` (a FastAPI ``APIRouter``) and
``NAV_ITEMS`` (a list of ``NavItem``), and names that module in ``EXTENSIONS``.  The app
includes each one that is installed; the core never needs to know more about them.  Its
pages take ``imena.web.app.StoreDep`` and render with ``imena.web.app.render_page``, so
they share the site's layout, menu and login.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    """One entry of the main menu: the path it opens and the words it shows."""

    path: str
    label: str


#: The main menu, in the order a new reader would need it.
NAV: list[NavItem] = [
    NavItem("/search", "Search"),
    NavItem("/chronology", "Chronology"),
    NavItem("/offices", "Offices"),
    NavItem("/figures", "Figures"),
    NavItem("/sources", "Sources"),
    NavItem("/registry", "Registries"),
    NavItem("/about", "About"),
]

#: Modules that add pages (see the module docstring); missing ones are skipped.
EXTENSIONS: tuple[str, ...] = (
    "imena.web.lists",
    "imena.web.registry_review",
    "imena.machinery.web",
)
