"""`python -m tui` runs the `jixiao` command."""

from tui.cli import main

main()
