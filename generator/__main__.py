"""`python -m generator` runs the `paperboard` command."""

from generator.cli import main

main()
