"""The pipeline's steps: the only code that reads and writes repository files.

Each step reads what it needs, calls the pure core, and writes the result:
sync, translate, check (and fix), status history, build. The tasks call them."""
