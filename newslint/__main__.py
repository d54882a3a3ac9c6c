"""``python -m newslint`` runs the command line."""

from newslint.cli import console_main

console_main()
