"""Review: a segment's state from its PO entry, and progress per locale and article."""
