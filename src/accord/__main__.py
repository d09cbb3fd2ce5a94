"""``python -m accord`` ≡ the ``accord`` console script."""

from accord.entry import main

main()
