"""`python -m generator` runs the `paperboard` command."""

from .cli import main

main()
