"""Entry point for ``python -m chronicle``."""

from chronicle.entry import main

main()
