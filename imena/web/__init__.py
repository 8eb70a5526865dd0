"""The web application: search, person pages, the source reader, chronology and review."""

from imena.web.app import create_app

__all__ = ["create_app"]
