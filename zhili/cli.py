"""The ``zhili`` command: Django's management commands under a shorter name (``zhili verify FILE.pdf``)."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhili.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["zhili", *sys.argv[1:]])
