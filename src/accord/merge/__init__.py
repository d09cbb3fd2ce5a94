"""Sync's pure core: merge a template into a catalog, fuzzy matching, translation memory."""
