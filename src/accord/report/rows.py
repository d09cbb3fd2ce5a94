"""An article's segment table as HTML: its rows, the highlighted texts and the findings.

This is the part of the report that grows with the repository (one row per segment,
twice per article: its own page and its locale's page), so it is laid out here with
plain string formatting instead of a jinja2 macro, which costs about 40 µs a row in
escaping and attribute lookups (half a report's page-making time). The page around
the rows stays in ``templates/``; ``report-macros.html``'s ``text`` and ``finding``
macros call ``text_html`` and ``finding_html``, so each piece of markup exists once.

Every text from an article, a PO file, a finding or the glossary goes through
``escape``, which gives markupsafe's (and so the templates') exact bytes.
"""

from __future__ import annotations

from collections.abc import Iterable

from accord.report.findings import SEVERITIES, FindingView
from accord.report.highlight import Chunk
from accord.report.model import ArticleView, LocaleView, SegmentView

# Where a finding links up to the reports folder. Escaped text has no "<", so this
# marks only the places the rows' own markup puts it (see ``html.SegmentRows``).
ROOT = "<!--root-->"


def escape(text: str) -> str:
    """``text`` with & < > ' " escaped exactly as markupsafe (the templates) escapes them."""
    return (text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
            .replace("'", "&#39;").replace('"', "&#34;"))


def text_html(chunks: Iterable[Chunk]) -> str:
    """A segment's text, glossary terms marked (``report.css`` colours them by kind)."""
    parts = ['<span class="text">']
    for c in chunks:
        if c.kind:
            kind, concept = c.kind.value, escape(str(c.concept))
            parts.append(f'<mark class="term term-{kind}" data-concept="{concept}" '
                         f'title="{concept}: {kind}">{escape(c.text)}</mark>')
        else:
            parts.append(escape(c.text))
    parts.append("</span>")
    return "".join(parts)


def finding_html(f: FindingView, root: str) -> str:
    """One finding as a list item; ``root`` leads from the page to the reports folder."""
    severity, check = f.severity.value, escape(f.check)
    fuzzy = ", in a fuzzy entry" if f.fuzzy else ""
    parts = [f'<li class="finding {severity}" data-check="{check}" data-severity="{severity}">\n'
             f'<span class="check">{check}</span> <span class="sev">({severity}{fuzzy})</span>: '
             f"{escape(f.message)}\n"]
    if f.found:
        parts.append(f'<br>found: <bdi class="found">{escape(f.found)}</bdi>')
    if f.expected:
        parts.append(f'{" · " if f.found else "<br>"}expected: '
                     f'<bdi class="expected">{escape(f.expected)}</bdi>')
    if f.concept:
        concept = escape(f.concept)
        parts.append(f' · concept <a href="{root}glossary.html#concept-{concept}">{concept}</a>')
    parts.append("</li>")
    return "".join(parts)


def segment_rows_html(locale: LocaleView, article: ArticleView) -> str:
    """The ``<tr>`` of each of ``article``'s segments, ``ROOT`` where a link needs the root."""
    slug, code, file = escape(article.slug), escape(locale.locale), escape(article.file)
    source_lang = f' lang="{escape(article.source_lang)}"' if article.source_lang else ""
    approve = f"accord review.approve {code} {slug} --segment "
    reject = f"accord review.reject {code} {slug} --segment "
    source_td = f'<td class="source"{source_lang} dir="auto">'
    target_td = f'<td class="target" lang="{code}" dir="{"rtl" if locale.rtl else "ltr"}">'
    return "".join(_row(seg, slug, file, approve, reject, source_td, target_td)
                   for seg in article.segments)


def _row(  # noqa: PLR0917 - one segment and its article's parts, escaped once
    seg: SegmentView, slug: str, file: str, approve: str, reject: str,
    source_td: str, target_td: str,
) -> str:
    severity = _worst(seg.findings)
    sid, state = escape(seg.id), seg.state.value
    checks = escape(" ".join(sorted({f.check for f in seg.findings})))
    parts = [
        f'<tr class="segment{f" sev-{severity}" if severity else ""}" id="{slug}-{sid}" '
        f'data-id="{sid}" data-state="{state}" data-severity="{severity or "none"}" '
        f'data-checks="{checks}">\n<td class="meta">\n<code class="sid">{sid}</code>\n'
        f'<span><span class="state state-{state}">{state}</span></span>\n'
    ]
    review = seg.review
    if review:
        date = f", {escape(review.date)}" if review.date else ""
        parts.append(f'<span class="review muted">by <span class="reviewer">{escape(review.by)}'
                     f"</span>{date}</span>")
    if seg.line:
        line = seg.line
        parts.append(f'<span class="line muted" title="{file}:{line}">PO line {line}</span>')
    if seg.msgctxt:
        parts.append(f'<span class="ctxt">{escape(seg.msgctxt)}</span>')
    parts.append(
        f'<details class="act"><summary>review</summary>\n<code>{approve}{sid}</code>\n'
        f'<code>{reject}{sid} --reason "…"</code>\n</details>\n</td>\n'
        f"{source_td}{text_html(seg.source)}</td>\n{target_td}"
    )
    if seg.target:
        parts.append(text_html(seg.target))
    else:
        parts.append('<span class="empty" lang="en" dir="ltr">not translated yet</span>')
    if review and review.reason is not None:
        date = f" on {escape(review.date)}" if review.date else ""
        parts.append(f'<p class="rejection" lang="en" dir="ltr">Rejected by {escape(review.by)}'
                     f'{date}: <q dir="auto">{escape(review.reason)}</q></p>\n')
    if seg.findings:
        parts.append('<ul class="findings" lang="en" dir="ltr">\n')
        parts.extend(finding_html(f, ROOT) + "\n" for f in seg.findings)
        parts.append("</ul>\n")
    parts.append("</td>\n</tr>\n")
    return "".join(parts)


def _worst(findings: Iterable[FindingView]) -> str:
    """``SegmentView.severity``'s value ("" without findings)."""
    found = {f.severity for f in findings}
    return next((s.value for s in SEVERITIES if s in found), "")
