"""Create the users, token and queue the bridge expects. Idempotent: safe to run on every start.

Run after `manage.py migrate`, with the same HD_DB:   python seed.py
Environment:
  HD_BRIDGE_TOKEN     (required) the DRF token the bridge sends (DRF's column holds 40
                      characters; SQLite does not enforce that, PostgreSQL would)
  HD_AGENT_PASSWORD   password of the agent login `agent` (default "agent-pass", dev only)
Prints one JSON line: {"queue_id": .., "bridge_user_id": .., "agent_user_id": ..}
"""
import json
import os
import sys
from pathlib import Path

QUEUE_SLUG = "social"
QUEUE_TITLE = "Social"


def main() -> int:
    bridge_token = os.environ.get("HD_BRIDGE_TOKEN", "")
    if not bridge_token.strip():
        print("seed: set HD_BRIDGE_TOKEN to the token the bridge will send", file=sys.stderr)
        return 2
    agent_password = os.environ.get("HD_AGENT_PASSWORD") or "agent-pass"

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hdsite.settings")
    import django

    django.setup()

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission
    from django.db import transaction
    from helpdesk.models import Queue
    from rest_framework.authtoken.models import Token

    users = get_user_model()
    with transaction.atomic():
        queue, _ = Queue.objects.get_or_create(
            slug=QUEUE_SLUG, defaults={"title": QUEUE_TITLE, "allow_public_submission": False}
        )

        agent, _ = users.objects.get_or_create(username="agent", defaults={"email": "agent@example.invalid"})
        agent.is_staff = agent.is_superuser = agent.is_active = True
        agent.set_password(agent_password)  # every run, so a changed HD_AGENT_PASSWORD applies
        agent.save()

        # Staff, not superuser: with per-queue permissions off (settings) is_staff reaches every
        # queue; the queue permission below keeps it working if they are turned on.
        bridge, _ = users.objects.get_or_create(username="bridge", defaults={"email": ""})
        bridge.is_staff = bridge.is_active = True
        bridge.is_superuser = False
        bridge.set_unusable_password()  # API only, through its token
        bridge.save()
        app_label, codename = queue.permission_name.split(".", 1)
        bridge.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))

        Token.objects.filter(user=bridge).exclude(key=bridge_token).delete()
        Token.objects.get_or_create(user=bridge, key=bridge_token)

    print(json.dumps({"queue_id": queue.id, "bridge_user_id": bridge.id, "agent_user_id": agent.id}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
