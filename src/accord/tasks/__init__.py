"""The invoke task collection: ``invoke TASK`` in the repository ≡ ``accord TASK``.

``tasks`` lists them as recorded by ``accord.tasks.conventions`` (no invoke import);
``ns``, invoke's Collection, is made on first use (``from accord.tasks import ns``).
"""

from typing import Any

from accord.tasks import check, glossary, report, review, serve, sync, translate
from accord.tasks.conventions import Collection, to_invoke

tasks = Collection()
tasks.add_task(sync.sync)
tasks.add_task(sync.build)
tasks.add_task(translate.translate)
tasks.add_task(check.check)
tasks.add_task(report.report)
tasks.add_task(review.status)
tasks.add_task(serve.serve)
tasks.add_collection(review.ns, name="review")
tasks.add_collection(glossary.ns, name="glossary")

_made: dict[str, Any] = {}


def __getattr__(name: str) -> Any:
    """``ns``: invoke's Collection of the same tasks, made (importing invoke) on first use."""
    if name != "ns":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if "ns" not in _made:
        _made["ns"] = to_invoke(tasks)
    return _made["ns"]


__all__ = ["ns", "tasks"]
