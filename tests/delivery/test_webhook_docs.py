"""The verification examples of docs/api-clients.md ("Webhooks"), run as written: Python with
the standardwebhooks library, Node.js with its crypto module, against a real delivery and the
specification's published test vector."""

import json
import re
import shutil
import subprocess
from datetime import UTC, datetime
from typing import Any

import pytest
from django.conf import settings

from cms.delivery.factories import WebhookSubscriptionFactory
from cms.delivery.webhooks import encode, new_message_id, signed_headers

DOCS = settings.BASE_DIR / "docs" / "api-clients.md"

# The Standard Webhooks specification's test vector (its libraries' own tests).
SPEC_HEADERS = {
    "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
    "webhook-timestamp": "1614265330",
    "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
}
SPEC_NOW = 1614265330
SPEC: dict[str, Any] = {
    "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    "headers": SPEC_HEADERS,
    "body": '{"test": 2432232314}',
    "now": SPEC_NOW,
}


def example(language: str) -> str:
    section = DOCS.read_text().split("## Webhooks\n", 1)[1].split("\n## ", 1)[0]
    (code,) = re.findall(rf"```{language}\n(.*?)```", section, re.S)
    return code


def python_answer(secret: str, body: str, headers: dict[str, str]) -> int:
    namespace: dict = {}
    exec(example("python").replace('"whsec_..."', repr(secret)), namespace)  # noqa: S102
    return namespace["handle"](body.encode(), headers)


NODE_RUN = """
import { readFileSync } from "node:fs";
import { verifyWebhook } from "%(module)s";
const given = JSON.parse(readFileSync(process.argv[1], "utf8"));
try {
  const event = verifyWebhook(given.secret, given.headers, Buffer.from(given.body), given.now);
  console.log(JSON.stringify(event));
} catch (error) {
  console.log(error.message);
}
"""


def node_answer(tmp_path, given: dict) -> str:
    module = tmp_path / "verify.mjs"
    module.write_text(example("js"))
    case = tmp_path / "case.json"
    case.write_text(json.dumps(given))
    done = subprocess.run(  # noqa: S603 - our own script and files
        [
            shutil.which("node") or "node",
            "--input-type=module",
            "-e",
            NODE_RUN % {"module": module},
            "--",
            str(case),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.strip()


@pytest.fixture
def delivery(db) -> dict:
    secret = WebhookSubscriptionFactory().secret
    body = encode(
        {
            "type": "content.published",
            "timestamp": "2026-12-04T10:02:11.204318Z",
            "data": {"type": "toolbox", "id": "6f1c", "locale": "en", "city": None, "version": 7},
        }
    )
    now = datetime.now(UTC)
    headers = signed_headers(secret, new_message_id(), body, now)
    return {"secret": secret, "headers": headers, "body": body, "now": int(now.timestamp())}


def test_the_python_example_accepts_a_delivery_and_refuses_a_changed_one(delivery, capsys):
    accepted = python_answer(delivery["secret"], delivery["body"], delivery["headers"])
    changed = python_answer(
        delivery["secret"], delivery["body"].replace("6f1c", "6f1d"), delivery["headers"]
    )

    assert (accepted, changed) == (204, 400)
    assert capsys.readouterr().out == "content.published toolbox 6f1c en\n"


def test_the_node_example_accepts_a_delivery_and_the_specifications_vector(delivery, tmp_path):
    assert json.loads(node_answer(tmp_path, delivery)) == json.loads(delivery["body"])
    assert json.loads(node_answer(tmp_path, SPEC)) == {"test": 2432232314}


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"body": '{"test": 2432232315}'}, "No matching webhook signature"),
        ({"secret": "whsec_" + "A" * 43 + "="}, "No matching webhook signature"),
        ({"now": SPEC_NOW + 301}, "Webhook timestamp too far from now"),
        (
            {"headers": {**SPEC_HEADERS, "webhook-id": "msg_other"}},
            "No matching webhook signature",
        ),
        ({"headers": {"webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek"}}, "Missing webhook headers"),
    ],
)
def test_the_node_example_refuses_what_does_not_match(tmp_path, change, error):
    assert node_answer(tmp_path, {**SPEC, **change}) == error


def test_the_documented_body_has_the_keys_a_delivery_has(
    db, receiver, django_capture_on_commit_callbacks
):
    from safe_spaces.factories import SafeSpaceFactory

    documented = json.loads(example("json"))
    WebhookSubscriptionFactory(url=receiver.url)
    listing = SafeSpaceFactory()
    with django_capture_on_commit_callbacks(execute=True):
        listing.save_revision().publish()
    sent = json.loads(receiver.requests[0].body)

    assert set(documented) == set(sent) == {"type", "timestamp", "data"}
    assert set(documented["data"]) == set(sent["data"])
    assert receiver.requests[0].body.decode() == encode(sent)  # compact, keys sorted
