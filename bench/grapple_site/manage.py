#!/usr/bin/env python
"""The grapple baseline site's manage.py: run it with var/grapple-venv's Python."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "grapple_site.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
