"""Odoo's scenario for the adapter contract suite."""
from __future__ import annotations

from bridge.helpdesks.base import Helpdesk
from bridge.helpdesks.odoo.adapter import OdooHelpdesk
from tests.helpdesks.contract import (
    AGENT_REPLY,
    AUTH,
    BRIDGE_MESSAGE,
    CUSTOMER_MESSAGE,
    FIXTURES,
    INTERNAL_NOTE,
    SERVER,
    Delivery,
    ExpectedReply,
)
from tests.helpdesks.odoo.test_adapter import ENDPOINT as ODOO_ENDPOINT
from tests.helpdesks.odoo.test_adapter import SETTINGS as ODOO_SETTINGS
from tests.helpdesks.odoo.test_adapter import TICKET as ODOO_TICKET
from tests.helpdesks.odoo.test_adapter import WEBHOOK_TOKEN as ODOO_WEBHOOK_TOKEN
from tests.helpdesks.odoo.test_adapter import OdooRpc, logged_in


# -- Odoo -------------------------------------------------------------------------------------
class OdooScenario:
    name = "odoo"
    created = ("42", "901")
    article_id = "901"
    note_id = "903"
    reply = ExpectedReply("42", "912", "Hi Alice,\n\nsorry about the delay & thanks for waiting. Your order #123 ships "
                          "today, tracking: here (https://track.example.com/123).")
    webhooks = {
        AGENT_REPLY: "webhook_agent_reply",
        INTERNAL_NOTE: "webhook_agent_note",
        CUSTOMER_MESSAGE: "webhook_customer_message",
        BRIDGE_MESSAGE: "webhook_bridge_note",
    }

    def make(self) -> Helpdesk:
        return OdooHelpdesk(ODOO_SETTINGS)

    def mock_create(self, mocked) -> None:
        rpc = OdooRpc(mocked)
        logged_in(rpc)
        rpc.execute("res.partner", "search_read", "partner_found")
        rpc.execute("helpdesk.team", "search_read", "team_found")
        rpc.execute("helpdesk.tag", "search_read", "tags_found")
        rpc.execute(ODOO_TICKET, "create", "ticket_created")
        rpc.execute(ODOO_TICKET, "message_post", "message_posted")

    def mock_add_article_to_closed_ticket(self, mocked) -> None:
        rpc = OdooRpc(mocked)
        logged_in(rpc)
        rpc.execute("res.partner", "search_read", "partner_found")
        rpc.execute(ODOO_TICKET, "read", "ticket_closed")
        rpc.execute("helpdesk.stage", "fields_get", "fields_enterprise_stage")
        rpc.execute("helpdesk.stage", "read", "stage_folded")
        rpc.execute("helpdesk.stage", "search_read", "stage_open_found")
        rpc.execute(ODOO_TICKET, "write", "written")
        rpc.execute(ODOO_TICKET, "message_post", "message_posted")

    def mock_add_note(self, mocked) -> None:
        rpc = OdooRpc(mocked)
        rpc.common("authenticate", "authenticate")
        rpc.execute("res.users", "read", "bridge_user")
        rpc.execute(ODOO_TICKET, "message_post", "note_posted")

    def mock_failing_note(self, mocked, failure: str) -> None:
        rpc = OdooRpc(mocked)
        if failure == AUTH:
            rpc.common("authenticate", "authenticate_refused")
        elif failure == SERVER:
            mocked.post(ODOO_ENDPOINT, body="<html>502 Bad Gateway</html>", status=502,
                        content_type="text/html")
        else:
            rpc.common("authenticate", "authenticate")
            rpc.execute("res.users", "read", "bridge_user")
            rpc.execute(ODOO_TICKET, "message_post", "error_validation")

    def mock_webhook_reads(self, mocked, kind: str) -> None:
        rpc = OdooRpc(mocked)
        rpc.common("authenticate", "authenticate")
        rpc.execute("res.users", "read", "bridge_user")  # the bridge's partner: its own messages
        if kind == BRIDGE_MESSAGE:
            return
        rpc.execute("ir.model.data", "search_read", "subtype_comment")  # notes have another subtype
        if kind == INTERNAL_NOTE:
            return
        rpc.execute("res.users", "search_read", "agent_user" if kind == AGENT_REPLY else "no_internal_user")
        if kind == AGENT_REPLY:
            rpc.execute(ODOO_TICKET, "fields_get", "fields_enterprise_ticket")
            rpc.execute(ODOO_TICKET, "search_read", "ticket_reply_mode_unset")

    def effects(self, mocked) -> list[str]:
        found = []
        for call in OdooRpc(mocked).calls():
            if (call.model, call.method) == (ODOO_TICKET, "write") and "stage_id" in call.args[1]:
                found.append("reopen")
            elif (call.model, call.method) == (ODOO_TICKET, "message_post"):
                internal = call.kwargs["subtype_xmlid"] == "mail.mt_note"
                found.append("internal note" if internal else "article")
        return found

    def delivery(self, kind: str) -> Delivery:
        body = (FIXTURES / "odoo" / f"{self.webhooks[kind]}.json").read_bytes()
        return Delivery({"Content-Type": "application/json"}, body, {"token": ODOO_WEBHOOK_TOKEN})

    def forged(self, delivery: Delivery) -> Delivery:
        return Delivery(delivery.headers, delivery.body, {"token": "guessed-token-0000"})



SCENARIO = OdooScenario()
