"""Helpers for tests that build small content repositories and run the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from textwrap import dedent

ARTICLE = """\
---
title: The corridor opens
summary: Freight moves between Russia and Iran.
tags: [transport, Iran]
slug: {slug}
date: 2025-05-01
author: Staff
lang: en
---

# The corridor opens

Russia and Iran signed a *railway* agreement. See [the treaty](treaty.md).

- Rasht is in Iran.
- Astara lies on the border.

> Officials called it **historic**.

| City | Country |
| ---- | ------- |
| Rasht | Iran |
"""


def make_repo(
    root: Path, locales: list[str] | None = None, articles: dict[str, str] | None = None
) -> Path:
    """A content repository with a pyproject, English articles and no glossary."""
    locales = locales or ["de", "fr"]
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(
        dedent(
            f"""\
            [tool.accord]
            locales = {locales!r}
            """
        ),
        encoding="utf-8",
    )
    sources = root / "sources" / "en"
    sources.mkdir(parents=True)
    for slug, text in (articles or {"corridor": ARTICLE.format(slug="corridor")}).items():
        (sources / f"{slug}.md").write_text(text, encoding="utf-8")
    return root


def accord(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the real ``accord`` console script (as ``python -m accord``) in ``root``."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8", COLUMNS="100")
    return subprocess.run(
        [sys.executable, "-m", "accord", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def msgcat(path: Path) -> str:
    """What GNU msgcat writes for ``path``."""
    return subprocess.run(["msgcat", str(path)], capture_output=True, text=True, check=True).stdout


def msgfmt_check(path: Path) -> subprocess.CompletedProcess[str]:
    """Run ``msgfmt --check`` on ``path``."""
    return subprocess.run(
        ["msgfmt", "--check", "-o", os.devnull, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
