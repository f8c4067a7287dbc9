"""The admin API's contract: an OpenAPI 3 document built with apispec from marshmallow schemas (the request
schemas the API loads with, and the answer schemas below), served at /admin/api/openapi.json, with a
browsable page at /admin/api/docs.

apispec rather than flask-smorest: the document is produced from the schemas without rewriting the API's
views around another framework's decorators, so the existing routes (and parallel work on them) stay as they
are; a test checks that every /admin/api route is in the document and schemathesis checks the answers."""
from __future__ import annotations

from functools import cache

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Blueprint, jsonify, render_template, request
from marshmallow import Schema, fields, validate

from bridge.model import DeliveryState
from bridge.web.admin import ReviewSchema

bp = Blueprint("api_docs", __name__, url_prefix="/admin/api", template_folder="templates")


class ErrorSchema(Schema):
    error = fields.String(required=True)


class DeliverySchema(Schema):
    id = fields.Integer(required=True)
    helpdesk = fields.String(required=True)
    ticket_id = fields.String(required=True)
    article_id = fields.String(required=True)
    state = fields.String(required=True, validate=validate.OneOf([s.value for s in DeliveryState]))
    route = fields.String(allow_none=True, required=True)
    requested_mode = fields.String(required=True)
    agent = fields.String(required=True)
    review = fields.String(allow_none=True, required=True)
    reviewed_by = fields.String(allow_none=True, required=True)
    sensitive_kinds = fields.List(fields.String(), required=True)
    external_url = fields.String(allow_none=True, required=True)
    last_error = fields.String(allow_none=True, required=True)
    created_at = fields.DateTime(required=True)
    text = fields.String(metadata={"description": "only for held replies and replies to review after publishing"})


class FailedEventSchema(Schema):
    id = fields.Integer(required=True)
    channel = fields.String(required=True)
    account = fields.String(required=True)
    event_id = fields.String(required=True)
    state = fields.String(required=True)
    attempts = fields.Integer(required=True)
    reason = fields.String(allow_none=True, required=True, metadata={"description": "sensitive values masked"})
    received_at = fields.DateTime(required=True)
    failed_at = fields.DateTime(allow_none=True, required=True)


class RetriedEventSchema(Schema):
    id = fields.Integer(required=True)
    state = fields.String(required=True)


class KpiRowSchema(Schema):
    channel = fields.String(allow_none=True, required=True)
    day = fields.Date(allow_none=True, required=True)
    volume = fields.Integer(required=True)
    responded = fields.Integer(required=True)
    first_response_p50_minutes = fields.Float(allow_none=True, required=True)
    first_response_p90_minutes = fields.Float(allow_none=True, required=True)
    sla_met = fields.Integer(required=True)
    sla_missed = fields.Integer(required=True)
    sla_open = fields.Integer(required=True)
    sla_met_share = fields.Float(allow_none=True, required=True)


class KpiReportSchema(Schema):
    days = fields.Integer(required=True)
    tz = fields.String(required=True)
    total = fields.Nested(KpiRowSchema, required=True)
    by_channel = fields.List(fields.Nested(KpiRowSchema), required=True)
    by_day = fields.List(fields.Nested(KpiRowSchema), required=True)
    by_channel_day = fields.List(fields.Nested(KpiRowSchema), required=True)


class WebhookAcceptedSchema(Schema):
    status = fields.String(required=True, validate=validate.OneOf(["accepted", "duplicate"]))
    event = fields.Integer(required=True)


class HelpdeskWebhookSchema(Schema):
    replies = fields.List(fields.Dict(), required=True)
    reviews = fields.List(fields.Dict(), required=True)


def _error(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": "Error"}}}


def _json(description: str, schema) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


AUTH = {"401": _error("no or wrong bearer token"), "403": _error("the admin API is off (no admin_token set)")}
MAX_ID = 2147483647  # ids are 32-bit integer columns (PostgreSQL's integer); the routes refuse larger ones


def ID(name: str) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "integer", "minimum": 0, "maximum": MAX_ID}}


def _review_operation(summary: str, description: str) -> dict:
    return {"post": {
        "summary": summary, "description": description, "tags": ["outbox"], "security": [{"bearer": []}],
        "parameters": [ID("delivery_id")],
        "requestBody": {"required": True, "content": {"application/json": {"schema": "Review"}}},
        "responses": {"200": _json("the delivery after the decision", "Delivery"), "400": _error("invalid body"),
                      "404": _error("no such route (an id that is not a number)"),
                      "403": _error("the reviewer may not approve this reply, or the admin API is off"),
                      "401": AUTH["401"], "409": _error("not awaiting this decision")},
    }}


def _zones() -> list[str]:
    from zoneinfo import available_timezones

    return sorted(available_timezones() | {"UTC"})


@cache
def build_spec() -> dict:
    spec = APISpec(title="Social Helpdesk Bridge admin API", version="1", openapi_version="3.0.3",
                   info={"description": "Token-protected admin API (Authorization: Bearer <admin_token>), and the "
                                        "answers of the public webhook routes."},
                   plugins=[MarshmallowPlugin()])
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    for name, schema in (("Error", ErrorSchema), ("Delivery", DeliverySchema), ("Review", ReviewSchema),
                         ("FailedEvent", FailedEventSchema),
                         ("RetriedEvent", RetriedEventSchema), ("KpiRow", KpiRowSchema), ("KpiReport", KpiReportSchema),
                         ("WebhookAccepted", WebhookAcceptedSchema), ("HelpdeskWebhook", HelpdeskWebhookSchema)):
        spec.components.schema(name, schema=schema)
    spec.path(path="/admin/api/deliveries", operations={"get": {
        "summary": "Replies in the outbox", "tags": ["outbox"], "security": [{"bearer": []}],
        "parameters": [
            {"name": "state", "in": "query", "schema": {"type": "string", "enum": [s.value for s in DeliveryState]}},
            {"name": "review", "in": "query", "schema": {"type": "string", "enum": ["after"]},
             "description": "after: published replies still to be reviewed"}],
        "responses": {"200": _json("newest first", {"type": "array", "items": "Delivery"}),
                      "400": _error("unknown state or review value"), **AUTH}}})
    spec.path(path="/admin/api/deliveries/{delivery_id}/approve", operations=_review_operation(
        "Approve a held reply", "Optionally with the reviewer's edited text. The same path as a decision in the helpdesk."))
    spec.path(path="/admin/api/deliveries/{delivery_id}/reject", operations=_review_operation(
        "Reject a held reply", "The agent is told on the ticket, with the reason."))
    spec.path(path="/admin/api/deliveries/{delivery_id}/reviewed", operations=_review_operation(
        "Mark a reply published under 'review after' as reviewed", ""))
    spec.path(path="/admin/api/events", operations={"get": {
        "summary": "Failed inbound events, newest first (never the payload)", "tags": ["events"],
        "security": [{"bearer": []}],
        "parameters": [{"name": "state", "in": "query", "schema": {"type": "string", "enum": ["failed"],
                                                                    "default": "failed"}}],
        "responses": {"200": _json("failed events, with the id POST /events/{event_id}/retry takes",
                                   {"type": "array", "items": "FailedEvent"}),
                      "400": _error("a state other than failed"), **AUTH}}})
    spec.path(path="/admin/api/events/{event_id}/retry", operations={"post": {
        "summary": "Offer a failed inbound event again", "tags": ["events"], "security": [{"bearer": []}],
        "parameters": [ID("event_id")],
        "responses": {"200": _json("queued again", "RetriedEvent"), "409": _error("the event has not failed"),
                      "404": _error("no such route (an id that is not a number)"), **AUTH}}})
    spec.path(path="/admin/api/kpis", operations={"get": {
        "summary": "First-response KPIs per channel and day", "tags": ["kpis"], "security": [{"bearer": []}],
        "parameters": [
            {"name": "days", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 366, "default": 30}},
            {"name": "tz", "in": "query", "schema": {"type": "string", "default": "UTC", "enum": _zones()},
             "description": "IANA time zone for the days' boundaries"}],
        "responses": {"200": _json("the report", "KpiReport"), "400": _error("bad days or tz"), **AUTH}}})
    spec.path(path="/admin/api/openapi.json", operations={"get": {
        "summary": "This document", "tags": ["meta"],
        "responses": {"200": {"description": "OpenAPI 3 document", "content": {"application/json": {"schema": {"type": "object"}}}}}}})
    helpdesk_name = {"name": "name", "in": "path", "required": True, "schema": {"type": "string", "pattern": "^[a-z0-9_-]{1,40}$"}}
    channel = {"name": "channel", "in": "path", "required": True, "schema": {"type": "string", "pattern": "^[a-z0-9_-]{1,40}$"}}
    account = {"name": "account", "in": "path", "required": True, "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$"}}
    raw = {"required": True, "content": {"application/json": {"schema": {"type": "object"}}}}
    spec.path(path="/webhooks/{channel}/{account}", operations={
        "get": {"summary": "A platform's subscription handshake (X CRC, Meta hub.challenge)", "tags": ["webhooks"],
                "parameters": [channel, account],
                "responses": {"200": {"description": "the challenge answered",
                                      "content": {"application/json": {"schema": {"type": "object"}},
                                                  "text/plain": {"schema": {"type": "string"}}}},
                              "400": {"description": "a wrong or missing challenge",
                                      "content": {"application/json": {"schema": {"type": "object"}},
                                                  "text/plain": {"schema": {"type": "string"}}}},
                              "403": {"description": "the verify token does not match",
                                      "content": {"application/json": {"schema": {"type": "object"}},
                                                  "text/plain": {"schema": {"type": "string"}}}},
                              "404": _error("unknown account"), "405": _error("this channel has no handshake")}},
        "post": {"summary": "A platform's webhook delivery (verified on the raw body, stored, then acknowledged)",
                 "tags": ["webhooks"], "parameters": [channel, account], "requestBody": raw,
                 "responses": {"200": _json("stored (or already stored)", "WebhookAccepted"),
                               "400": _error("malformed delivery"), "401": _error("signature check failed"),
                               "404": _error("unknown account")}}})
    spec.path(path="/webhooks/helpdesk/{name}", operations={
        "post": {"summary": "The helpdesk's webhook: agent replies and review decisions", "tags": ["webhooks"],
                 "parameters": [helpdesk_name], "requestBody": raw,
                 "responses": {"200": _json("replies queued and decisions applied", "HelpdeskWebhook"),
                               "400": _error("malformed webhook"), "401": _error("signature check failed"),
                               "404": _error("unknown helpdesk"),
                               "503": _error("the helpdesk could not be read; send it again")}}})
    return spec.to_dict()


JSON_PREFIXES = ("/admin/api/", "/webhooks/")


@bp.app_errorhandler(404)
@bp.app_errorhandler(405)
def _json_errors(exc):
    """The API and the webhooks answer in JSON even for a route that does not exist (`/deliveries/abc`)."""
    if not request.path.startswith(JSON_PREFIXES):
        return exc
    answer = jsonify(error=f"{exc.name}: {request.method} {request.path}")
    answer.status_code = exc.code
    if getattr(exc, "valid_methods", None):
        answer.headers["Allow"] = ", ".join(exc.valid_methods)
    return answer


@bp.get("/openapi.json")
def openapi_json():
    return jsonify(build_spec())


@bp.get("/docs")
def docs():
    return render_template("console/api_docs.html", spec=build_spec(), page="api")
