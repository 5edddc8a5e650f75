"""Create or reuse the demo administrator and print how to sign in."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cms.core.demo_credentials import read_secret, write_secret


class Command(BaseCommand):
    help = (
        "Create the demo administrator with a random password on first run; later runs reuse "
        "it. The password is kept in var/demo-admin.txt (readable by its owner only) so that "
        "`make demo` can print it again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="demo-admin")
        parser.add_argument("--email", default="demo-admin@equalcity.example")
        parser.add_argument(
            "--credentials-file",
            default=str(Path(settings.BASE_DIR) / "var" / "demo-admin.txt"),
            help="Where the generated password is kept between runs.",
        )
        parser.add_argument(
            "--reset-password", action="store_true", help="Generate and set a new password."
        )

    def handle(self, *args, username, email, credentials_file, reset_password, **options):
        if not settings.DEBUG:
            raise CommandError("The demo administrator is for local development only (DEBUG).")
        path = Path(credentials_file)
        user_model = get_user_model()
        user = user_model.objects.filter(username=username).first()
        password = read_secret(path)

        if user is None:
            password = secrets.token_urlsafe(12)
            user_model.objects.create_superuser(username=username, email=email, password=password)
            state = "Created"
        elif reset_password or password is None or not user.check_password(password):
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.save(update_fields=["password"])
            state = "Reset the password of"
        else:
            state = "Reusing"
        write_secret(path, password)

        base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        self.stdout.write(self.style.SUCCESS(f"{state} the demo administrator."))
        self.stdout.write(f"  Admin:    {base_url}/admin/")
        self.stdout.write(f"  Username: {username}")
        self.stdout.write(f"  Password: {password}")
