"""Wagtail's workflow action dialog, as the admin's JavaScript drives it: the URL of an action
on a page or a snippet, the XHR post, and the step the dialog answers with."""

from __future__ import annotations

import json
from typing import Any

from django.urls import reverse
from wagtail.models import Page, TaskState


def current_task_state(obj: Any) -> TaskState:
    return type(obj).objects.get(pk=obj.pk).current_workflow_task_state


def action_url(obj: Any, action: str, task_state: TaskState) -> str:
    if isinstance(obj, Page):
        return reverse("wagtailadmin_pages:workflow_action", args=[obj.pk, action, task_state.pk])
    name = obj.snippet_viewset.get_url_name("workflow_action")
    return reverse(name, args=[obj.pk, action, task_state.pk])


def act(
    client: Any, user: Any, obj: Any, action: str, task_state: TaskState | None = None, **data: Any
) -> Any:
    """``user`` takes ``action`` in Wagtail's workflow action dialog (an XHR post)."""
    task_state = task_state or current_task_state(obj)
    client.force_login(user)
    return client.post(
        action_url(obj, action, task_state), data, headers={"x-requested-with": "XMLHttpRequest"}
    )


def modal_step(response: Any) -> str:
    return json.loads(response.content)["step"]
