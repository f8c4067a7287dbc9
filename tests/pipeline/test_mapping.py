from dataclasses import replace
from pathlib import Path

import pytest

from bridge import registry
from bridge.errors import ConfigError
from bridge.model import Author, PostKind, Priority
from bridge.pipeline.mapping import SAMPLE_POST, load_mapping, load_mappings, render_article, render_ticket

REPO_MAPPINGS = Path(__file__).resolve().parents[2] / "mappings"

GOOD = """\
channel: x
title: "{{ author.handle }}: {{ text }}"
queue: Social
priority: "{% if author.followers and author.followers > 1000 %}high{% else %}normal{% endif %}"
tags: [social, "{{ kind }}"]
customer:
  login: "x:{{ author.platform_id }}"
  name: "{{ author.display_name }}"
  fields: {web: "https://x.com/{{ author.handle }}"}
body: "{{ text }}"
fields: {social_channel: x}
"""


def write(tmp_path, text, name="x.yaml"):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_shipped_mappings_load_and_render():
    mappings = load_mappings(REPO_MAPPINGS, registry.sla_defaults())
    assert {"x", "sandbox"} <= set(mappings)
    post = replace(SAMPLE_POST, platform="x", text="my parcel is lost", kind=PostKind.DIRECT_MESSAGE)
    draft = render_ticket(mappings["x"], post)
    assert draft.title == "DM from @sample_user: my parcel is lost"
    assert draft.customer.login == "x:42"
    assert draft.tags == ("social", "x", "direct_message")
    assert draft.fields["social_channel"] == "x"
    assert "my parcel is lost" in draft.body


def test_render_uses_post_fields(tmp_path):
    mapping = load_mapping(write(tmp_path, GOOD))
    post = replace(SAMPLE_POST, author=Author("7", "bigfan", "Big Fan", followers=5000))
    draft = render_ticket(mapping, post)
    assert draft.priority is Priority.HIGH
    assert draft.title == "bigfan: Sample text"
    assert draft.customer.fields == {"web": "https://x.com/bigfan"}
    assert render_article(mapping, post).body == "Sample text"


def test_title_is_one_line_and_bounded(tmp_path):
    mapping = load_mapping(write(tmp_path, GOOD))
    draft = render_ticket(mapping, replace(SAMPLE_POST, text="line one\nline two " + "x" * 400))
    assert "\n" not in draft.title
    assert len(draft.title) == 200


@pytest.mark.parametrize("change, expected", [
    (("title: \"{{ author.handle }}: {{ text }}\"", "title: \"{{ author.handle \""), "x.yaml: title: template error"),
    (("body: \"{{ text }}\"", "body: \"{{ nosuchthing }}\""), "x.yaml: body: 'nosuchthing' is undefined"),
    (("queue: Social\n", ""), "x.yaml: queue: Missing data for required field."),
    (("priority: \"{% if", "priority: \"urgentish\"\nx_unused: \"{% if"), "x.yaml: x_unused: Unknown field."),
    (("channel: x", "channel: facebook"), "channel: is 'facebook' but the file is named for 'x'"),
    (("tags: [social, \"{{ kind }}\"]", "tags: social"), "x.yaml: tags: Not a valid list."),
])
def test_errors_name_the_file_and_the_key(tmp_path, change, expected):
    old, new = change
    assert old in GOOD
    with pytest.raises(ConfigError) as caught:
        load_mapping(write(tmp_path, GOOD.replace(old, new)))
    assert expected in str(caught.value)
    assert str(tmp_path / "x.yaml") in str(caught.value)


def test_bad_priority_is_caught_at_load(tmp_path):
    text = GOOD.replace('priority: "{% if author.followers and author.followers > 1000 %}high{% else %}normal{% endif %}"',
                        "priority: critical")
    with pytest.raises(ConfigError, match="priority: 'critical' is not one of low, normal, high, urgent"):
        load_mapping(write(tmp_path, text))


def test_sandbox_blocks_unsafe_template_access(tmp_path):
    text = GOOD.replace('body: "{{ text }}"', 'body: "{{ text.__class__.__mro__ }}"')
    with pytest.raises(ConfigError, match="body"):
        load_mapping(write(tmp_path, text))


def test_invalid_yaml_is_reported(tmp_path):
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_mapping(write(tmp_path, "channel: [x\n"))


def test_missing_directory(tmp_path):
    with pytest.raises(ConfigError, match="mappings directory not found"):
        load_mappings(tmp_path / "nope", registry.sla_defaults())
