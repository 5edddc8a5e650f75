"""Give the demo's city people a password and print how to sign in as each."""

import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cms.core.models import City
from cms.core.secret_files import read_secret, write_secret
from cms.demo.city_people import ensure_city_people


class Command(BaseCommand):
    help = (
        "Make the demo's Rome city editor, Brussels city verifier and Gothenburg coordinator, "
        "set one random password on them (kept in var/demo-city-people.txt, readable by its "
        "owner only) and print their logins. For local development only (DEBUG)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--credentials-file",
            default=str(Path(settings.BASE_DIR) / "var" / "demo-city-people.txt"),
            help="Where the generated password is kept between runs.",
        )

    def handle(self, *args: Any, credentials_file: str, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("Demo city people are for local development only (DEBUG).")
        if not City.objects.filter(slug__in=["rome", "brussels", "gothenburg"]).exists():
            raise CommandError("No demo city: run `manage.py seed_demo` first.")
        path = Path(credentials_file)
        password = read_secret(path) or secrets.token_urlsafe(12)
        write_secret(path, password)
        people = ensure_city_people()
        for person, _group in people:
            user = get_user_model().objects.get(username=person.username)
            if not user.check_password(password):
                user.set_password(password)
                user.save(update_fields=["password"])
        self.stdout.write(self.style.SUCCESS("Demo city people, with one password:"))
        self.stdout.write(f"  Password: {password}")
        for person, group in people:
            self.stdout.write(f"  {person.username:<30} {group}")
