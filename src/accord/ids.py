"""Short, stable segment ids shown by status, check and report and accepted by review."""

from __future__ import annotations

import hashlib


def segment_id(msgid: str, msgctxt: str | None = None) -> str:
    """The 8-hex-digit id of a segment: it follows the text, not its line number."""
    key = (msgctxt + "\x04" if msgctxt is not None else "") + msgid
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]


def fingerprint(*parts: str) -> str:
    """A 12-hex-digit digest of ``parts`` (e.g. msgid and msgstr for an approval)."""
    digest = hashlib.sha1("\x00".join(parts).encode("utf-8"))
    return digest.hexdigest()[:12]
