"""The task queue: django-tasks' database backend, retries with backoff, the administrators'
report of background tasks."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cms.delivery.queue import backoff, retried

pytestmark = pytest.mark.django_db
# The worker takes its own transactions (an exclusive one on SQLite): these tests commit.
worker_test = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@retried()
def always_fails(*, label: str, attempt: int = 1) -> None:
    raise RuntimeError(f"The build of {label} failed.")


@retried()
def succeeds(*, label: str, attempt: int = 1) -> str:
    return f"built {label}"


def run_worker() -> None:
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def test_the_backoff_doubles_from_ten_seconds():
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [10, 20, 40, 80]


@worker_test
def test_a_failed_task_is_kept_and_tried_again_later(settings):
    settings.TASKS = DATABASE_QUEUE
    before = timezone.now()

    always_fails.enqueue(label="brussels/fr")
    run_worker()

    failed = DBTaskResult.objects.get(status="FAILED")
    assert failed.exception_class_path == "builtins.RuntimeError"
    assert "The build of brussels/fr failed." in failed.traceback
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["kwargs"] == {"label": "brussels/fr", "attempt": 2}
    assert (
        before + datetime.timedelta(seconds=10)
        <= retry.run_after
        <= timezone.now() + datetime.timedelta(seconds=10)
    )


@worker_test
def test_a_task_is_tried_at_most_the_set_number_of_times(settings):
    settings.TASKS = DATABASE_QUEUE
    settings.TASK_MAX_ATTEMPTS = 3

    always_fails.enqueue(label="rome/it")
    for _ in range(3):
        run_worker()
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())

    assert DBTaskResult.objects.filter(status="FAILED").count() == 3
    assert not DBTaskResult.objects.filter(status="READY").exists()


@worker_test
def test_a_task_that_succeeds_is_not_retried(settings):
    settings.TASKS = DATABASE_QUEUE

    succeeds.enqueue(label="rome/it")
    run_worker()

    assert list(DBTaskResult.objects.values_list("status", "return_value")) == [
        ("SUCCESSFUL", "built rome/it")
    ]


def test_without_a_queue_a_failure_is_not_retried_in_the_request(settings):
    # make demo and the tests: the immediate backend runs the task as it is enqueued.
    result = always_fails.enqueue(label="brussels/fr")

    assert result.status == "FAILED"
    assert not DBTaskResult.objects.exists()


@worker_test
def test_administrators_see_failed_tasks(admin_client, settings):
    settings.TASKS = DATABASE_QUEUE
    always_fails.enqueue(label="brussels/fr")
    run_worker()

    response = admin_client.get("/admin/delivery/tasks/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "always_fails" in html
    assert "RuntimeError: The build of brussels/fr failed." in html
    assert "1 failed attempt." in html
    only_failed = admin_client.get("/admin/delivery/tasks/", {"status": "FAILED"})
    assert only_failed.content.decode().count("RuntimeError: The build of") == 1


def test_the_report_says_when_tasks_run_in_the_web_process(admin_client):
    response = admin_client.get("/admin/delivery/tasks/")

    assert "run in the web process" in response.content.decode()


def test_only_administrators_see_the_task_queue(client, django_user_model):
    from django.contrib.auth.models import Permission

    editor = django_user_model.objects.create_user("editor", password="x")  # noqa: S106
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)

    refused = client.get("/admin/delivery/tasks/")  # Wagtail's refusal: back to the dashboard
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert "Background tasks" not in client.get("/admin/reports/").content.decode()
