"""Give the seeded demo panel members and language reviewers a password and print how to sign
in as one."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cms.core.secret_files import read_secret, write_secret
from cms.demo.panels import DEMO_EMAIL_DOMAIN, demo_members


class Command(BaseCommand):
    help = (
        "Set one random password (generated on first run, kept in var/demo-panel-members.txt, "
        "readable by its owner only) on every demo panel member and demo language reviewer "
        "that seed_demo created, and print the logins of the language reviewers and of the "
        "members with a review waiting (--all: every member). For local development only "
        "(DEBUG)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--credentials-file",
            default=str(Path(settings.BASE_DIR) / "var" / "demo-panel-members.txt"),
            help="Where the generated password is kept between runs.",
        )
        parser.add_argument(
            "--reset-password", action="store_true", help="Generate and set a new password."
        )
        parser.add_argument("--all", action="store_true", help="List every demo member.")

    def handle(self, *args, credentials_file, reset_password, all, **options):
        if not settings.DEBUG:
            raise CommandError("Demo panel members are for local development only (DEBUG).")
        members = demo_members()
        if not members:
            raise CommandError("No demo panel member: run `manage.py seed_demo` first.")
        path = Path(credentials_file)
        password = None if reset_password else read_secret(path)
        if password is None:
            password = secrets.token_urlsafe(12)
        write_secret(path, password)

        reviewers = list(
            get_user_model()
            .objects.filter(
                username__startswith="reviewer-", email__endswith=f"@{DEMO_EMAIL_DOMAIN}"
            )
            .order_by("username")
        )
        users = get_user_model().objects.filter(
            username__in=[member.username for member in members]
            + [reviewer.username for reviewer in reviewers]
        )
        for user in users:
            if not user.check_password(password):
                user.set_password(password)
                user.save(update_fields=["password"])

        shown = [m for m in members if all or m.reviews_waiting]
        base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        self.stdout.write(
            self.style.SUCCESS(f"Demo panel members: {len(members)}, all with one password.")
        )
        self.stdout.write(f"  Admin:    {base_url}/admin/")
        self.stdout.write(f"  Password: {password}")
        for member in shown:
            count = member.reviews_waiting
            waiting = f"  ({count} review waiting)" if count else ""
            self.stdout.write(
                f"  {member.username:<30} {member.constituency:<25} {member.panel}{waiting}"
            )
        if len(shown) < len(members):
            self.stdout.write(
                f"  ... and {len(members) - len(shown)} more: "
                "manage.py ensure_demo_panel_members --all"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo language reviewers: {len(reviewers)}, with the same password."
            )
        )
        for reviewer in reviewers:
            self.stdout.write(f"  {reviewer.username:<30} {reviewer.last_name}")
