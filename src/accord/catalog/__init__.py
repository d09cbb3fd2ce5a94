"""gettext PO catalogs, msgcat-canonical: the model, reading and writing, wrapping."""
