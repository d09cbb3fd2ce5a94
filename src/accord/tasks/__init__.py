"""The invoke task collection: ``invoke TASK`` in the repository ≡ ``accord TASK``."""

from invoke import Collection

from accord.tasks import check, glossary, report, review, serve, sync, translate

ns = Collection()
ns.add_task(sync.sync)
ns.add_task(sync.build)
ns.add_task(translate.translate)
ns.add_task(check.check)
ns.add_task(report.report)
ns.add_task(review.status)
ns.add_task(serve.serve)
ns.add_collection(review.ns, name="review")
ns.add_collection(glossary.ns, name="glossary")

__all__ = ["ns"]
