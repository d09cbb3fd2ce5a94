"""Machine translation: engines, one segment's request, glossary enforcement."""
