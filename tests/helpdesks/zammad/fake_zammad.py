"""A small state-backed Zammad admin API behind `responses`, so install → re-install is realistic.

It keeps what a real Zammad keeps, in the shapes docs.zammad.org documents: attributes wait for
migration (data_option_new, to_create/to_config flags) until execute_migrations; webhooks never
return their signature token; every answer needs a token with the collection's permission. It
refuses what app/models/sla.rb and calendar.rb refuse: an SLA with both a response and an update
time or with an unknown calendar, a calendar without business hours; a PUT replaces a calendar's
public holidays whole. Overviews take their roles by name and answer role_ids (application_model/
can_associations.rb); one without a role is refused, as app/models/overview.rb validates.
"""
from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "zammad_admin"
BASE = "https://zammad.test"
MASK = "**********"
PERMISSIONS = {
    "object_manager_attributes": "admin.object",
    "object_manager_attributes_execute_migrations": "admin.object",
    "webhooks": "admin.webhook",
    "triggers": "admin.trigger",
    "macros": "admin.macro",
    "text_modules": "admin.text_module",
    "calendars": "admin.calendar",
    "slas": "admin.sla",
    "overviews": "admin.overview",
}
ROLES = {"Admin": 1, "Agent": 2, "Customer": 3}  # db/seeds/roles.rb
ALL_ADMIN = frozenset(PERMISSIONS.values())
_COLLECTION = re.compile(rf"^{re.escape(BASE)}/api/v1/(?P<collection>[a-z_]+)(?:/(?P<id>\d+|me))?(?:\?.*)?$")


def fixture(name: str):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


class FakeZammad:
    def __init__(self, mock, *, tokens: dict[str, frozenset[str]], me: dict | None = None) -> None:
        self.tokens = tokens  # token → permissions
        self.me = me or fixture("users_me.json")
        self.state: dict[str, list[dict]] = {name: [] for name in PERMISSIONS if "execute" not in name}
        self.state["object_manager_attributes"] = fixture("object_manager_attributes.json")
        self.secrets: dict[int, str] = {}  # webhook id → the signature token it was given
        self.writes: list[tuple[str, str, dict | None]] = []
        self.failures: dict[tuple[str, str], tuple[int, str]] = {}
        self._next_id = 100
        for method in ("GET", "POST", "PUT"):
            mock.add_callback(method, _COLLECTION, callback=self._handle)

    # -- test controls --------------------------------------------------------------------------
    def fail(self, method: str, collection: str, status: int, fixture_name: str) -> None:
        self.failures[(method, collection)] = (status, fixture_name)

    def add(self, collection: str, record: dict) -> dict:
        self.state[collection].append(copy.deepcopy(record))
        return self.state[collection][-1]

    def find(self, collection: str, name: str) -> dict:
        matches = [r for r in self.state[collection] if r["name"] == name]
        assert len(matches) == 1, f"{len(matches)} {collection} named {name!r}"
        return matches[0]

    def names(self, collection: str) -> list[str]:
        return [r["name"] for r in self.state[collection]]

    def writes_to(self, collection: str) -> list[tuple[str, str, dict | None]]:
        return [w for w in self.writes if f"/api/v1/{collection}" in w[1]]

    # -- the API ------------------------------------------------------------------------------
    def _handle(self, request):
        url = urlsplit(request.url)
        match = _COLLECTION.match(request.url)
        collection, record_id = match["collection"], match["id"]
        token = request.headers.get("Authorization", "").removeprefix("Token token=")
        if token not in self.tokens:
            return self._answer(401, fixture("error_401.json"))
        if url.path == "/api/v1/users/me":
            return self._answer(200, self.me)  # any valid token may read its own user
        if PERMISSIONS.get(collection) not in self.tokens[token]:
            return self._answer(403, fixture("error_403.json"))
        body = json.loads(request.body) if request.body else None
        if request.method != "GET":
            self.writes.append((request.method, url.path, body))
        failure = self.failures.get((request.method, collection))
        if failure:
            return self._answer(failure[0], fixture(failure[1]))
        if collection == "object_manager_attributes_execute_migrations":
            return self._answer(200, self._execute_migrations())
        if request.method == "GET":
            query = parse_qs(url.query)
            page, per_page = int(query.get("page", ["1"])[0]), int(query.get("per_page", ["500"])[0])
            records = [self._shown(collection, r) for r in self.state[collection]]
            return self._answer(200, records[(page - 1) * per_page: page * per_page])
        if request.method == "POST":
            return self._create(collection, body)
        return self._update(collection, int(record_id), body)

    def _create(self, collection: str, body: dict):
        if any(r["name"].lower() == body["name"].lower() and r.get("object", "") == body.get("object", "")
               for r in self.state[collection]):
            return self._answer(422, {"error": "Object already exists!", "error_human": "Object already exists!"})
        if collection == "triggers" and not self._webhook_exists(body):
            return self._answer(422, fixture("error_422_trigger.json"))
        refused = self._refused(collection, body)
        if refused:
            return self._answer(422, fixture(refused))
        self._next_id += 1
        record = {"id": self._next_id, **copy.deepcopy(body)}
        if collection == "overviews":
            unknown = [name for name in record.get("roles", []) if name not in ROLES]
            if unknown:
                return self._answer(422, {"error": f"No lookup value found for 'roles': {unknown[0]!r}"})
            record["role_ids"] = [ROLES[name] for name in record.pop("roles", [])]
            if not record["role_ids"]:
                return self._answer(422, {"error": "Roles can't be blank", "error_human": "Roles can't be blank"})
            record.update(link=record["name"].lower().replace(" ", "_"), prio=1100 + self._next_id)
        if collection == "object_manager_attributes":
            record["data_option"] = {**record["data_option"], "null": True, "relation": ""}
            record.update(data_option_new={}, to_create=True, to_migrate=True, to_delete=False, to_config=False)
        if collection == "webhooks":
            self.secrets[record["id"]] = record.pop("signature_token", "")
        self.state[collection].append(record)
        return self._answer(201, self._shown(collection, record))

    def _update(self, collection: str, record_id: int, body: dict):
        record = next((r for r in self.state[collection] if r["id"] == record_id), None)
        if record is None:
            return self._answer(404, {"error": "Couldn't find", "error_human": "No such object."})
        refused = self._refused(collection, {**record, **body})
        if refused:
            return self._answer(422, fixture(refused))
        changes = copy.deepcopy(body)
        if collection == "object_manager_attributes":
            # The new options wait for the migration; the rest applies at once.
            record["data_option_new"] = {**changes.pop("data_option"), "null": True, "relation": ""}
            record["to_config"] = True
        if collection == "webhooks" and "signature_token" in changes:
            self.secrets[record_id] = changes.pop("signature_token")
        record.update(changes)
        return self._answer(200, self._shown(collection, record))

    def _execute_migrations(self) -> dict:
        for record in self.state["object_manager_attributes"]:
            if record.get("data_option_new"):
                record["data_option"], record["data_option_new"] = record["data_option_new"], {}
            record.update(to_create=False, to_migrate=False, to_delete=False, to_config=False)
        return {}

    def _refused(self, collection: str, record: dict) -> str | None:
        """The fixture of the 422 Zammad would answer for this SLA or calendar, if any."""
        if collection == "slas":
            if record.get("response_time") not in (None, "") and record.get("update_time") not in (None, ""):
                return "error_422_sla_times.json"
            if not any(str(c["id"]) == str(record.get("calendar_id")) for c in self.state["calendars"]):
                return "error_422_sla_calendar.json"
        if collection == "calendars":
            hours = record.get("business_hours") or {}
            if not any(day.get("active") and day.get("timeframes") for day in hours.values()):
                return "error_422_calendar_hours.json"
        return None

    def _webhook_exists(self, trigger: dict) -> bool:
        webhook_id = trigger.get("perform", {}).get("notification.webhook", {}).get("webhook_id")
        return any(str(w["id"]) == str(webhook_id) for w in self.state["webhooks"])

    def _shown(self, collection: str, record: dict) -> dict:
        shown = copy.deepcopy(record)
        if collection == "webhooks":
            shown["signature_token"] = MASK  # Zammad never returns stored secrets
        return shown

    @staticmethod
    def _answer(status: int, body) -> tuple[int, dict, str]:
        return status, {"Content-Type": "application/json"}, json.dumps(body)
