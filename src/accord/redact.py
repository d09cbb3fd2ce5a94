"""Keeping API keys out of every message: whatever a server echoes, the key is not printed.

A LibreTranslate server may echo the ``api_key`` of a refused request in its error
body, a proxy may echo DeepL's ``Authorization`` header; Accord quotes such bodies
to explain a failure. Every key an engine reads is registered here, and every
AccordError message (hence every ``path:line: message`` and summary line) is
scrubbed of registered keys and of key-like environment variables.
"""

from __future__ import annotations

import os
import re
import threading

MASK = "[redacted]"
MIN_LENGTH = 6  # shorter values would mask ordinary words
_KEY_NAME = re.compile(r"(API_KEY|AUTH_KEY|_TOKEN|_SECRET|PASSWORD)$", re.IGNORECASE)

_lock = threading.Lock()
_registered: set[str] = set()


def register(secret: str) -> None:
    """Never print ``secret`` again (called when an engine reads its key)."""
    secret = secret.strip()
    if len(secret) >= MIN_LENGTH:
        with _lock:
            _registered.add(secret)


def secrets() -> list[str]:
    """Registered keys and key-like environment values, longest first."""
    found = set(_registered)
    for name, value in os.environ.items():
        if _KEY_NAME.search(name) and len(value.strip()) >= MIN_LENGTH:
            found.add(value.strip())
    return sorted(found, key=len, reverse=True)


def scrub(text: str) -> str:
    """``text`` with every secret replaced by ``[redacted]``."""
    for secret in secrets():
        if secret in text:
            text = text.replace(secret, MASK)
    return text
