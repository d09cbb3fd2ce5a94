"""Sources: an article ⇄ its segments (Markdown, front matter, the PO template)."""
