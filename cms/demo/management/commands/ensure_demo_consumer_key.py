"""Create or reuse the consumer key the demo pages use, and print it."""

from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from api.consumers import ConsumerRejected, authenticate
from api.models import ConsumerKey, normalise_origin
from cms.core.secret_files import read_secret, write_secret

DEMO_KEY_NAME = "Demo pages"


class Command(BaseCommand):
    help = (
        "Create the demo pages' consumer key (every city and language, the development "
        "server's origin) on first run; later runs reuse it. The key is kept in "
        "var/demo-consumer-key.txt (readable by its owner only) so that `make demo` can print "
        "it again. Development (DEBUG) only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--origins",
            nargs="+",
            metavar="ORIGIN",
            help="Origins of the demo pages; default: WAGTAILADMIN_BASE_URL's.",
        )
        parser.add_argument(
            "--credentials-file",
            default=str(Path(settings.BASE_DIR) / "var" / "demo-consumer-key.txt"),
            help="Where the key is kept between runs.",
        )

    def handle(self, *args, origins, credentials_file, **options):
        if not settings.DEBUG:
            raise CommandError("The demo consumer key is for local development only (DEBUG).")
        try:
            wanted = [normalise_origin(origin) for origin in origins or [self._default_origin()]]
        except ValidationError as error:
            raise CommandError(error.messages[0]) from None
        path = Path(credentials_file)
        raw_key = read_secret(path)
        key = self._stored_key(raw_key)
        if key is None:
            key = ConsumerKey(
                name=DEMO_KEY_NAME,
                kind=ConsumerKey.Kind.WIDGET,
                all_cities=True,
                all_locales=True,
                allowed_origins=wanted,
            )
            raw_key = key.set_new_key()
            key.full_clean()
            key.save()
            write_secret(path, raw_key)
            state = "Created"
        else:
            missing = [origin for origin in wanted if origin not in key.allowed_origins]
            if missing:
                key.allowed_origins = [*key.allowed_origins, *missing]
                key.save(update_fields=["allowed_origins"])
            state = "Reusing"
        self.stdout.write(self.style.SUCCESS(f"{state} the demo pages' consumer key."))
        self.stdout.write(f"  Origins:  {', '.join(key.allowed_origins)}")
        self.stdout.write(f"  Key:      {raw_key}")

    @staticmethod
    def _default_origin() -> str:
        parts = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        return f"{parts.scheme}://{parts.netloc}"

    @staticmethod
    def _stored_key(raw_key: str | None) -> ConsumerKey | None:
        """The active key the stored raw key belongs to, if any."""
        if not raw_key:
            return None
        try:
            consumer = authenticate(raw_key)
        except ConsumerRejected:
            return None
        return ConsumerKey.objects.get(pk=consumer.pk)
