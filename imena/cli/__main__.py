"""``python -m imena.cli``."""

from imena.cli import main

main()
