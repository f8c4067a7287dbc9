"""Listening on the real server software: the local atproto network's AppView answers
app.bsky.feed.searchPosts (through the PDS) and a real django-helpdesk takes the tickets.

The dev-env AppView has no search service: its data plane answers searchPosts itself with SQL
(`post.text LIKE '%<q>%'`, case-sensitive on PostgreSQL, newest first by sortAt, a time+CID cursor;
`since` and `sort` are ignored). That is enough to search for a brand name; the bridge never relies on
`since` anyway (it pages back to the newest post it took).

Posts written before the bridge starts are all found by its first search: the newest relevant ones up
to the rule's hourly cap become tickets; the rest are counted; more relevant posts in the same hour are
counted too, never ticketed."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bridge.devstack import LocalStack, StartError, default_helpdesk_python
from bridge.store import Store
from tests.channels.bluesky.test_real_network import write_post
from tests.conftest import REPO, free_port, need_service, wait_for
from tests.e2e.harness import Driver

pytestmark = [pytest.mark.atproto, pytest.mark.helpdesk]

BRAND = "Zyntrafon"  # a brand name no other test writes
LISTENING = f"""
auto_acknowledge:
  public: "Thanks, we're looking into it."
listening:
  brand_terms: [{BRAND}]
  rules:
    - {{name: brand-name, query: {BRAND}, max_per_hour: 2, every: 1s}}
"""


@pytest.fixture(scope="module")
def found_before(atproto_net):
    """Posts about the brand, none addressed to it, written before the bridge runs."""
    writer = atproto_net.create_account("fan")
    relevant = [f"why does my {BRAND} phone restart every night? ({n})" for n in range(4)]
    chatter = [f"unboxing my new {BRAND} today ({n})" for n in range(3)]
    posts = [write_post(writer, text) for text in chatter + relevant]
    atproto_net.wait_for(lambda: len(writer.get("app.bsky.feed.searchPosts", q=BRAND, limit=25)["posts"]) == 7,
                         timeout=30, what="the AppView to index the posts")
    return writer, posts, relevant


@pytest.fixture(scope="module")
def stack(tmp_path_factory, atproto_net, found_before):
    python = default_helpdesk_python()
    need_service("django-helpdesk", Path(python).is_file(), f"no helpdesk python at {python}; run `make helpdesk-env`")
    brand = atproto_net.create_account("zyntra")
    mappings = tmp_path_factory.mktemp("listening-mappings")
    shutil.copy(REPO / "mappings" / "sandbox.yaml", mappings / "sandbox.yaml")
    (mappings / "bluesky.yaml").write_text((REPO / "mappings" / "bluesky.yaml").read_text() + LISTENING)
    account = {"channel": "bluesky", "name": "zyntra", "handle": brand.handle, "app_password": brand.app_password,
               "pds_url": atproto_net.pds_url, "poll_every": "1s"}
    stack = LocalStack(tmp_path_factory.mktemp("listening-stack"), bridge_port=free_port(), helpdesk_port=free_port(),
                       extra_accounts=[account], mappings_dir=mappings)
    try:
        stack.start()
    except StartError as exc:
        stack.stop()
        need_service("django-helpdesk", False, str(exc)[:500])
    yield stack
    stack.stop()


def listener(stack) -> tuple[int, int, int]:
    rows = Store(stack.database_url).listeners.all()
    return (rows[0].ticketed, rows[0].irrelevant, rows[0].capped) if rows else (0, 0, 0)


def test_found_posts_become_tickets_only_when_relevant_and_within_the_cap(atproto_net, found_before, stack):
    driver = Driver(stack)
    writer, posts, relevant = found_before
    wait_for(lambda: listener(stack) == (2, 3, 2), timeout=60, what="the first search's counts")
    tickets = wait_for(lambda: [t for t in driver.tickets() if BRAND in t["description"]][1:] and
                       [t for t in driver.tickets() if BRAND in t["description"]], timeout=60, what="two tickets")
    # the two newest relevant posts, and nothing else
    assert sorted(t["description"].split("\n")[0] for t in tickets) == sorted(relevant[2:])
    for ticket in tickets:  # each says why it exists, in its first article
        assert (f"[Social bridge] Found by listening rule 'brand-name' ({BRAND}): names \"{BRAND}\" and asks a "
                "question.") in ticket["description"], ticket["description"]

    # more in the same hour: counted, not ticketed
    for n in range(3):
        write_post(writer, f"is {BRAND} support down? nobody answers ({n})")
    wait_for(lambda: listener(stack) == (2, 3, 5), timeout=60, what="the later posts counted over the cap")
    assert len([t for t in driver.tickets() if BRAND in t["description"]]) == 2
    # no automatic acknowledgement went to anyone who did not write to the brand
    for post in posts:
        thread = writer.get("app.bsky.feed.getPostThread", uri=post["uri"], depth=1)["thread"]
        assert not thread.get("replies"), thread.get("replies")
