"""Media on S3-compatible storage (cms/settings/storage.py), against moto's S3 server on
loopback: uploads land in the bucket, the API's rendition URLs are fetched from it, private
documents are served only through Wagtail's permission check, deletions remove the objects."""

from __future__ import annotations

import urllib.error
import urllib.request
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file_jpeg
from wagtail.models import Collection, CollectionViewRestriction

from tests.api.graphql.test_toolboxes import add_module, add_toolbox, block, ok
from tests.support.s3 import Bucket

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 private plan\n"
RENDITION_QUERY = """
query { module(toolboxSlug: "protect", slug: "module") { body {
  ... on ImageBlock { image { medium: rendition(size: MEDIUM) { url width height } } }
} } }
"""


def unsigned_get(url: str) -> tuple[int, bytes]:
    """A plain GET, as an app or a stranger would send it: no credentials, no signature."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def served(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def upload_image(admin_client: Any, title: str = "Hands") -> Any:
    jpeg = get_test_image_file_jpeg(filename="hands.jpg", size=(1200, 800)).file.getvalue()
    upload = SimpleUploadedFile("hands.jpg", jpeg, content_type="image/jpeg")
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": title, "file": upload, "collection": Collection.get_first_root_node().pk},
    )
    assert response.status_code == 302, response.context["form"].errors
    return get_image_model().objects.get(title=title)


def private_collection(group: Group) -> Collection:
    collection = Collection.get_first_root_node().add_child(name="Shelter plans")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    return collection


def test_an_image_uploaded_in_the_admin_lands_in_the_bucket(
    s3_bucket: Bucket, admin_client: Any
) -> None:
    image = upload_image(admin_client)
    assert s3_bucket.object_keys() == [image.file.name]
    assert image.file.name == "original_images/hands.jpg"
    assert s3_bucket.body(image.file.name)[:3] == b"\xff\xd8\xff"
    # The original is private: a plain GET is refused, the admin's URL is signed and expires.
    assert unsigned_get(s3_bucket.object_url(image.file.name)) == (403, b"")
    assert "X-Amz-Signature=" in image.file.url
    assert "X-Amz-Expires=300" in image.file.url


def test_the_apis_rendition_url_is_fetched_from_the_bucket(
    s3_bucket: Bucket, admin_client: Any, toolbox_index: Any
) -> None:
    image = upload_image(admin_client)
    toolbox = add_toolbox(toolbox_index, "protect")
    add_module(
        toolbox, "module", body=[block("image", {"image": image.pk, "alt_text": "", "caption": ""})]
    )

    [answer] = ok(RENDITION_QUERY)["module"]["body"]
    medium = answer["image"]["medium"]

    [rendition] = image.renditions.filter(filter_spec="width-960")
    assert medium == {
        "url": s3_bucket.object_url(rendition.file.name),
        "width": 960,
        "height": 640,
    }
    assert rendition.file.name == "images/hands.width-960.jpg"
    assert rendition.file.name in s3_bucket.object_keys()
    # Unsigned and without credentials: any app can fetch it, from the storage itself.
    status, body = unsigned_get(medium["url"])
    assert status == 200
    assert body == s3_bucket.body(rendition.file.name)
    assert body[:3] == b"\xff\xd8\xff"
    head = s3_bucket.client.head_object(Bucket=s3_bucket.name, Key=rendition.file.name)
    assert head["CacheControl"] == "public, max-age=86400"
    assert head["ContentType"] == "image/jpeg"


def test_a_private_document_is_refused_without_permission_and_served_with_it(
    s3_bucket: Bucket, client: Any, django_user_model: Any
) -> None:
    staff = Group.objects.create(name="Shelter staff")
    document = get_document_model().objects.create(
        title="Plan",
        file=ContentFile(PDF, name="plan.pdf"),
        collection=private_collection(staff),
    )
    assert s3_bucket.object_keys() == ["documents/plan.pdf"]

    refused = client.get(document.url)
    assert refused.status_code == 302
    assert refused["Location"] == f"/_util/login/?next={document.url}"
    # Nor is the object itself readable without a signature.
    assert unsigned_get(s3_bucket.object_url("documents/plan.pdf")) == (403, b"")

    outsider = django_user_model.objects.create_user("outsider", password="pw-outsider")
    client.force_login(outsider)
    assert client.get(document.url).status_code == 302

    member = django_user_model.objects.create_user("member", password="pw-member")
    member.groups.add(staff)
    client.force_login(member)
    response = client.get(document.url)
    assert response.status_code == 200
    assert served(response) == PDF
    # Streamed by the app, never a redirect to a (signed) storage URL.
    assert "Location" not in response
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_a_public_document_is_served_through_the_app(s3_bucket: Bucket, client: Any) -> None:
    document = get_document_model().objects.create(
        title="Leaflet", file=ContentFile(b"%PDF-1.4 leaflet\n", name="leaflet.pdf")
    )
    response = client.get(document.url)
    assert response.status_code == 200
    assert served(response) == b"%PDF-1.4 leaflet\n"
    assert response["Content-Type"] == "application/pdf"
    assert unsigned_get(s3_bucket.object_url("documents/leaflet.pdf")) == (403, b"")


def test_deleting_a_document_or_an_image_removes_its_objects(
    s3_bucket: Bucket, admin_client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    document = get_document_model().objects.create(
        title="Old", file=ContentFile(PDF, name="old.pdf")
    )
    image = upload_image(admin_client)
    image.get_rendition("width-480")
    assert len(s3_bucket.object_keys()) == 3

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("wagtaildocs:delete", args=[document.pk]))
    assert response.status_code == 302
    assert s3_bucket.object_keys() == ["images/hands.width-480.jpg", "original_images/hands.jpg"]

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("wagtailimages:delete", args=[image.pk]))
    assert response.status_code == 302
    assert s3_bucket.object_keys() == []
