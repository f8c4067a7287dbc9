"""The plugin manifest: the shipped one is valid and agrees with the bridge; bad ones name the file and key."""
from __future__ import annotations

import shutil

import pytest
import yaml

from bridge import registry
from bridge.errors import ConfigError
from bridge.helpdesks.zammad.adapter import REVIEW_ATTRIBUTE, REVIEW_DECISIONS
from bridge.helpdesks.zammad.installer import load_rendering
from bridge.model import ReplyMode
from bridge.pipeline.mapping import SAMPLE_POST, load_mappings
from bridge.plugin.manifest import DEFAULT_MANIFEST_DIR, load_manifest
from tests.conftest import REPO

SHIPPED = load_manifest(registry.channel_labels())


# -- the shipped manifest ---------------------------------------------------------------------
def test_the_shipped_manifest_describes_the_social_fields():
    fields = {f.name: f for f in SHIPPED.fields}
    assert list(fields) == ["social_channel", "social_reply_mode", "social_author_handle", "social_author_url",
                            "social_followers", "social_post_url", "social_sensitive", "social_brand",
                            "social_private_thread"]
    assert fields["social_reply_mode"].default == "public"
    assert {f.name: f.type for f in SHIPPED.fields if f.type != "select"} == {
        "social_author_handle": "text", "social_author_url": "url", "social_followers": "integer",
        "social_post_url": "url", "social_sensitive": "boolean", "social_brand": "text",
        "social_private_thread": "boolean"}
    assert [m.name for m in SHIPPED.macros] == ["Social: reply privately", "Social: hand off to phone",
                                                "Social: approve held reply", "Social: reject held reply"]
    assert [r.name for r in SHIPPED.canned_replies] == ["Social: acknowledge", "Social: move to DM",
                                                        "Social: apology", "Social: outage update"]
    assert SHIPPED.slas == () and SHIPPED.calendars == ()


def test_the_social_channel_options_are_the_registered_channels():
    assert SHIPPED.field("social_channel").options == registry.channel_labels()
    assert SHIPPED.field("social_channel").options["x"] == "X"


def test_a_manifest_that_lists_channel_options_by_hand_is_refused(manifest_dir):
    path = manifest_dir / "manifest.yaml"
    path.write_text(path.read_text().replace("    # options: one per channel", "    options: {x: X}\n    # options: one per channel", 1))
    with pytest.raises(ConfigError, match="social_channel: its options are the bridge's channels"):
        load_manifest(registry.channel_labels(), manifest_dir)


def test_the_reply_modes_are_the_bridges():
    assert list(SHIPPED.field("social_reply_mode").options) == [mode.value for mode in ReplyMode]


def test_the_review_macros_set_the_decisions_the_zammad_adapter_reads():
    review = SHIPPED.review_field
    assert (review.name, review.type, review.default) == (REVIEW_ATTRIBUTE, "select", None)
    assert set(review.options) == set(REVIEW_DECISIONS)
    decisions = {m.name: m.set_fields for m in SHIPPED.macros if REVIEW_ATTRIBUTE in m.set_fields}
    assert decisions == {"Social: approve held reply": {REVIEW_ATTRIBUTE: "approve"},
                         "Social: reject held reply": {REVIEW_ATTRIBUTE: "reject"}}
    assert all(not m.add_tags for m in SHIPPED.macros)  # a tag alone fires no Zammad trigger


def test_the_mappings_fill_only_manifest_fields_and_tag_tickets_for_the_trigger():
    names = {f.name for f in SHIPPED.fields}
    for channel, mapping in load_mappings(REPO / "mappings", registry.sla_defaults()).items():
        assert {key.removeprefix("fields.") for key in mapping.keys("fields.")} <= names, channel
        tags = [mapping.render(key, SAMPLE_POST) for key in mapping.keys("tags[")]
        assert SHIPPED.ticket_tag in tags, f"{channel}: tickets without the tag never reach Zammad's trigger"


def test_canned_replies_fit_the_smallest_platform_limit():
    assert all(len(reply.text) <= 280 and "\n" not in reply.text for reply in SHIPPED.canned_replies)


def test_the_zammad_rendering_covers_every_field_type():
    rendering = load_rendering()
    assert {f.type for f in SHIPPED.fields} <= set(rendering["attributes"]["data_types"])


# -- errors name the file and the key ---------------------------------------------------------
@pytest.fixture
def manifest_dir(tmp_path):
    shutil.copytree(DEFAULT_MANIFEST_DIR, tmp_path / "plugin_manifest")
    return tmp_path / "plugin_manifest"


def edit(directory, change) -> None:
    path = directory / "manifest.yaml"
    document = yaml.safe_load(path.read_text())
    change(document)
    path.write_text(yaml.safe_dump(document, sort_keys=False))


CALENDAR = {"name": "Social hours", "timezone": "Europe/Berlin", "business_hours": {"mon": ["08:00-20:00"]}}
SLA = {"name": "Social X", "channel": "x", "calendar": "Social hours", "first_response_minutes": 60}


@pytest.mark.parametrize("change, message", [
    (lambda d: d["fields"][1].update(type="dropdown"), "fields.1.type: Must be one of"),
    (lambda d: d["fields"][1].pop("options"), "fields.1.options: a select field needs options"),
    (lambda d: d["fields"][1].update(default="email"), "fields.1.default: 'email' is not one of the options"),
    (lambda d: d["fields"][4].update(default="many"), "fields.4.default: 'many' is not a valid integer default"),
    (lambda d: d["fields"][2].update(options={"a": "A"}), "fields.2.options: only select fields have options, not text"),
    (lambda d: d["fields"][2].update(name="Social Author"), "fields.2.name: use 3-60 lowercase letters"),
    (lambda d: d["fields"][2].update(lable="Author"), "fields.2.lable: Unknown field."),
    (lambda d: d["fields"].append(dict(d["fields"][0])), "fields.9.name: 'social_channel' is listed twice"),
    (lambda d: d["fields"].pop(0), "fields: the manifest needs a select field social_channel"),
    (lambda d: d["macros"][0].update(set_fields={"social_reply_mode": "carrier pigeon"}),
     "macros.0.set_fields: social_reply_mode: 'carrier pigeon' is not one of its options"),
    (lambda d: d["macros"][1].update(set_fields={"social_followers": "1"}),
     "macros.1.set_fields: social_followers is not a select field of this manifest"),
    (lambda d: d["macros"][2].update(set_fields={}), "macros.2.set_fields: a macro needs set_fields or add_tags"),
    (lambda d: d["macros"][2].update(set_fields={"social_review": "maybe"}),
     "macros.2.set_fields: social_review: 'maybe' is not one of its options"),
    (lambda d: d["review_field"].update(name="social_approval"),
     "review_field: must be the select field social_review with the options approve and reject"),
    (lambda d: d["review_field"]["options"].pop("reject"),
     "review_field: must be the select field social_review with the options approve and reject"),
    (lambda d: d["review_field"].update(default="approve"),
     "review_field.default: a review field has no default"),
    (lambda d: d["fields"].append(dict(d["review_field"])),
     "fields: social_review is the review_field; it cannot be in fields too"),
    (lambda d: d["canned_replies"][0].update(text="x" * 281), "canned_replies.0.text: Length must be between 1 and 280"),
    (lambda d: d["canned_replies"][1].update(text="Fish & chips"), "canned_replies.1.text: no <, > or &"),
    (lambda d: d["canned_replies"][2].update(text="Hello\n\nthere"), "canned_replies.2.text: one paragraph"),
    (lambda d: d.update(slas=[SLA | {"channel": "myspace"}], calendars=[CALENDAR]),
     "slas.0.channel: 'myspace' is not a social_channel option"),
    (lambda d: d.update(slas=[SLA | {"response_minutes": 30, "update_minutes": 60}]),
     "slas.0.update_minutes: give response_minutes or update_minutes, not both"),
    (lambda d: d.update(slas=[{"name": "Social X", "channel": "x", "calendar": "Social hours"}]),
     "slas.0.first_response_minutes: an SLA needs at least one of"),
    (lambda d: d.update(calendars=[CALENDAR | {"timezone": "Mars/Olympus"}]), "calendars.0.timezone: unknown time zone"),
    (lambda d: d.update(calendars=[CALENDAR | {"business_hours": {"mon": ["20:00-08:00"]}}]),
     "calendars.0.business_hours.mon.value: '20:00-08:00' ends before it starts"),
    (lambda d: d.update(calendars=[CALENDAR | {"business_hours": {"funday": ["08:00-20:00"]}}]),
     "calendars.0.business_hours.funday.key: Must be one of"),
    (lambda d: d.pop("ticket_tag"), "ticket_tag: Missing data for required field."),
])
def test_an_invalid_manifest_names_the_file_and_the_key(manifest_dir, change, message):
    edit(manifest_dir, change)
    with pytest.raises(ConfigError) as caught:
        load_manifest(registry.channel_labels(), manifest_dir)
    assert str(caught.value).startswith(f"{manifest_dir / 'manifest.yaml'}: ")
    assert message in str(caught.value)


def test_slas_with_their_calendars_load(manifest_dir):
    edit(manifest_dir, lambda d: d.update(calendars=[CALENDAR], slas=[SLA | {"update_minutes": 240}]))
    manifest = load_manifest(registry.channel_labels(), manifest_dir)
    assert manifest.calendars[0].business_hours == {"mon": (("08:00", "20:00"),)}
    assert (manifest.slas[0].channel, manifest.slas[0].update_minutes, manifest.slas[0].response_minutes) == ("x", 240, None)


def test_a_missing_manifest_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match=f"{tmp_path / 'manifest.yaml'}: cannot read"):
        load_manifest(registry.channel_labels(), tmp_path)
