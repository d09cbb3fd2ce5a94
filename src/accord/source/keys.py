"""The front-matter keys whose values are translated unless the settings say otherwise.

A module of its own so that the settings (``accord.config``) name them without
importing the YAML parser: a small command reads no front matter.
"""

TRANSLATABLE_KEYS = ("title", "summary", "description", "tags")
