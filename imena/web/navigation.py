"""The site's navigation: the main menu, to which each area's router adds its items.

A module of pages (``imena.web.site``, ``imena.web.lists``, ...) has ``router`` (a FastAPI
``APIRouter``) and, when it adds entries to the menu, ``NAV_ITEMS`` (a list of
``NavItem``); ``imena.web.app.create_app`` includes every such module it names.  Pages take
``imena.web.app.StoreDep`` and render with ``imena.web.app.render_page``, so they share the
site's layout, menu and login.
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
