"""Create or reuse the demo administrator and the demo editor, and print how to sign in."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError

from cms.core.secret_files import read_secret, write_secret

EDITORS_GROUP = "Editors"
# What an editor does with safe-space listings: write and submit them, never publish them.
EDITOR_SNIPPET_PERMISSIONS = (
    "add_safespace",
    "change_safespace",
    "add_helpline",
    "change_helpline",
)


class Command(BaseCommand):
    help = (
        "Create the demo administrator (a superuser) and the demo editor (in the 'Editors' "
        "group: edits and submits content to its panel, publishes nothing under a panel) with "
        "a random password each on first run; later runs reuse them. The passwords are kept "
        "in var/demo-admin.txt and var/demo-editor.txt (readable by their owner only) so that "
        "`make demo` can print them again."
    )

    def add_arguments(self, parser):
        var = Path(settings.BASE_DIR) / "var"
        parser.add_argument("--username", default="demo-admin")
        parser.add_argument("--email", default="demo-admin@equalcity.example")
        parser.add_argument(
            "--credentials-file",
            default=str(var / "demo-admin.txt"),
            help="Where the administrator's generated password is kept between runs.",
        )
        parser.add_argument("--editor-username", default="demo-editor")
        parser.add_argument(
            "--editor-credentials-file",
            default=str(var / "demo-editor.txt"),
            help="Where the editor's generated password is kept between runs.",
        )
        parser.add_argument(
            "--reset-password", action="store_true", help="Generate and set new passwords."
        )

    def handle(self, *args, username, email, credentials_file, reset_password, **options):
        if not settings.DEBUG:
            raise CommandError("The demo accounts are for local development only (DEBUG).")
        base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")

        state, password = self.ensure(
            username, Path(credentials_file), reset_password, email=email, superuser=True
        )
        self.stdout.write(self.style.SUCCESS(f"{state} the demo administrator."))
        self.stdout.write(f"  Admin:    {base_url}/admin/")
        self.stdout.write(f"  Username: {username}")
        self.stdout.write(f"  Password: {password}")

        editor = options["editor_username"]
        state, password = self.ensure(
            editor,
            Path(options["editor_credentials_file"]),
            reset_password,
            email=f"{editor}@equalcity.example",
            superuser=False,
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{state} the demo editor (edits and submits to the panels, can't publish "
                "what a panel reviews)."
            )
        )
        self.stdout.write(f"  Username: {editor}")
        self.stdout.write(f"  Password: {password}")

    def ensure(self, username: str, path: Path, reset: bool, *, email: str, superuser: bool):
        """The account ``username``, its password kept in ``path``: (what was done, password)."""
        user_model = get_user_model()
        user = user_model.objects.filter(username=username).first()
        password = read_secret(path)
        if user is None:
            password = secrets.token_urlsafe(12)
            if superuser:
                user_model.objects.create_superuser(
                    username=username, email=email, password=password
                )
            else:
                user = user_model.objects.create_user(
                    username=username,
                    email=email,
                    password=password,
                    first_name="Demo",
                    last_name="Editor",
                )
            state = "Created"
        elif reset or password is None or not user.check_password(password):
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.save(update_fields=["password"])
            state = "Reset the password of"
        else:
            state = "Reusing"
        if not superuser:
            user = user or user_model.objects.get(username=username)
            user.groups.add(editors_group())
        write_secret(path, password)
        return state, password


def editors_group() -> Group:
    """Wagtail's "Editors" group (add and edit pages, no publish), with the snippet
    permissions an editor needs to write safe spaces and helplines (no publish either)."""
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="safe_spaces", codename__in=EDITOR_SNIPPET_PERMISSIONS
        ),
    )
    return group
