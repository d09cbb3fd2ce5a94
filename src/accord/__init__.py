"""Accord: glossary-enforced localisation of news articles (Markdown ⇄ gettext PO)."""

__version__ = "0.1.0"
