"""``python -m accord`` ≡ the ``accord`` console script."""

from accord.cli import main

main()
