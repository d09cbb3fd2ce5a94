"""The ``accord`` command's first frame: Ctrl-C at any moment ends it without a traceback.

Importing the tasks takes a moment; an interrupt then would otherwise print a
traceback from deep inside an import. Interrupts during a task are the task's
to handle (``translate`` saves what it finished); here they end the run, exit 130.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Run ``accord TASK [flags]`` (see accord.cli)."""
    try:
        from accord.cli import main as run  # noqa: PLC0415 - interruptible import

        run()
    except KeyboardInterrupt:
        print("accord: interrupted", file=sys.stderr)
        sys.exit(130)
