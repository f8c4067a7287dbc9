"""End to end: a real django-helpdesk and the bridge (`social-bridge serve`, embedded queue, SQLite)
on loopback, driven over HTTP: sandbox post → ticket → agent follow-up → reply on the timeline."""
from __future__ import annotations

import pytest

from tests.conftest import wait_for
from tests.e2e.harness import Driver, running_stack

pytestmark = pytest.mark.helpdesk


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    with running_stack(tmp_path_factory.mktemp("stack")) as stack:
        yield stack


@pytest.fixture(scope="module")
def driver(stack):
    return Driver(stack)


def test_the_pages_a_newcomer_opens_answer(driver):
    import requests

    assert "Sandbox" in requests.get(f"{driver.bridge}/sandbox/", timeout=10).text
    assert requests.get(f"{driver.helpdesk}/login/", timeout=10).status_code == 200
    assert driver.health()["status"] == "ok"


def test_public_post_becomes_a_ticket_and_the_agent_reply_lands_in_the_thread(driver):
    post = driver.post("@brand my order 4521 arrived broken", followers=150_000)
    ticket = driver.ticket_containing("my order 4521 arrived broken")
    assert ticket["title"] == "Post from @alice: @brand my order 4521 arrived broken"
    assert ticket["priority"] == 2  # the sandbox mapping: 100k+ followers is high
    driver.agent_reply(ticket["id"], "So sorry! A new one ships today.")
    reply = wait_for(lambda: driver.brand_replies_to(post["id"]), what="the brand's reply on the sandbox")
    assert [(r["kind"], r["text"]) for r in reply] == [("public", "So sorry! A new one ships today.")]
    # the agent sees where it went, as a private note on the ticket
    notes = wait_for(lambda: [f for f in driver.ticket(ticket["id"])["followup_set"]
                              if not f["public"] and "Posted publicly" in f["comment"]], what="the delivery note")
    assert f"#post-{reply[0]['id']}" in notes[0]["comment"]


def test_customer_follow_up_stays_on_the_same_ticket(driver):
    first = driver.post("@brand the app logs me out every hour", handle="bob")
    ticket = driver.ticket_containing("logs me out every hour")
    driver.post("still happening after the update", handle="bob", in_reply_to=first["id"])
    wait_for(lambda: any("still happening" in f["comment"] for f in driver.ticket(ticket["id"])["followup_set"]),
             what="the follow-up post on the first ticket")
    assert sum("logs me out" in t["description"] or "still happening" in t["description"] for t in driver.tickets()) == 1


def test_dm_is_answered_privately(driver):
    dm = driver.post("my account email is wrong, can you fix it?", handle="carol", kind="dm")
    ticket = driver.ticket_containing("my account email is wrong")
    assert ticket["title"].startswith("DM from @carol")
    driver.agent_reply(ticket["id"], "Fixed, Carol. Thanks for telling us.")
    reply = wait_for(lambda: driver.brand_replies_to(dm["id"]), what="the DM reply")
    assert [(r["kind"], r["text"]) for r in reply] == [("dm", "Fixed, Carol. Thanks for telling us.")]


def test_private_follow_ups_and_the_bridges_own_notes_are_not_posted(driver):
    post = driver.post("@brand where is my refund?", handle="dave")
    ticket = driver.ticket_containing("where is my refund")
    driver.agent_reply(ticket["id"], "internal: check with billing first", public=False)
    driver.agent_reply(ticket["id"], "Your refund was sent this morning.")
    wait_for(lambda: driver.brand_replies_to(post["id"]), what="the public reply")
    replies = driver.brand_replies_to(post["id"])
    assert [r["text"] for r in replies] == ["Your refund was sent this morning."]


def test_same_helpdesk_webhook_twice_makes_one_post(driver):
    post = driver.post("@brand wrong size delivered", handle="erin")
    ticket = driver.ticket_containing("wrong size delivered")
    followup = driver.agent_reply(ticket["id"], "We'll swap it, Erin.")
    wait_for(lambda: driver.brand_replies_to(post["id"]), what="the first delivery")
    again = driver.redeliver_followup_webhook(ticket["id"], followup["id"])
    assert again.status_code == 200
    assert again.json()["replies"][0]["status"] == "duplicate"
    assert len(driver.brand_replies_to(post["id"])) == 1


def test_posts_wait_while_the_helpdesk_is_down_and_none_are_lost(driver, stack):
    stack.helpdesk.stop()
    try:
        texts = [f"outage check {n}: is the site down?" for n in range(3)]
        for n, text in enumerate(texts):
            driver.post(text, handle=f"waiter{n}")
        wait_for(lambda: driver.health()["backlog"]["inbound_events"].get("pending", {}).get("count", 0) >= 3,
                 what="three pending events while the helpdesk is down")
    finally:
        stack.helpdesk.start()
    for text in texts:
        driver.ticket_containing(text, timeout=60)
    assert all(sum(text in t["description"] for t in driver.tickets()) == 1 for text in texts)
    wait_for(lambda: "pending" not in driver.health()["backlog"]["inbound_events"], what="the backlog to drain")


def test_agent_marks_a_reply_private_and_the_thread_gets_only_an_acknowledgement(driver):
    post = driver.post("@brand I was charged twice for order 88", handle="gina")
    ticket = driver.ticket_containing("charged twice for order 88")
    driver.agent_reply(ticket["id"], "#private Gina, we refunded the second charge to your card.")
    replies = wait_for(lambda: len(driver.brand_replies_to(post["id"])) == 2 and driver.brand_replies_to(post["id"]),
                       what="the private reply and the public acknowledgement")
    assert sorted((r["kind"], r["text"]) for r in replies) == [
        ("dm", "Gina, we refunded the second charge to your card."),
        ("public", "We've sent you a private message.")]


def test_card_number_posted_publicly_is_masked_in_the_ticket(driver):
    driver.post("@brand refund to card 4111 1111 1111 1111 please", handle="hank")
    ticket = driver.ticket_containing("refund to card")
    assert "4111 1111" not in ticket["title"] + ticket["description"]
    assert "•••• 1111" in ticket["title"]


def test_a_customer_posts_on_the_sandbox_page_in_a_real_browser(driver, browser):
    page = browser.new_page()
    try:
        page.goto(f"{driver.bridge}/sandbox/")
        page.fill("input[name=handle]", "browser_customer")
        page.fill("textarea[name=text]", "@brand typed in a real browser: my parcel is late")
        page.click("button[type=submit]")
        page.locator("#timeline").get_by_text("typed in a real browser").first.wait_for(timeout=15000)
    finally:
        page.close()
    assert driver.ticket_containing("typed in a real browser")["title"]


def test_an_agent_reply_whose_webhook_timed_out_is_recovered_and_posted_once(driver, stack):
    """django-helpdesk posts its follow-up webhook once and drops it on a timeout. Here the bridge's port
    accepts connections and never answers (a hung bridge): the agent's reply is saved, the webhook lost. When
    the bridge is back, its first sweep reads the recent follow-ups and posts the reply, once."""
    import socket

    post = driver.post("@brand my parcel says delivered but it is not here", handle="frank")
    ticket = driver.ticket_containing("says delivered but it is not here")
    serve = stack.processes["serve"]
    serve.stop()
    hung = socket.socket()
    try:
        hung.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        hung.bind(("127.0.0.1", stack.bridge_port))
        hung.listen(16)  # connections wait in the backlog; nothing ever answers
        driver.agent_reply(ticket["id"], "Frank, we've opened a claim with the courier.")
    finally:
        hung.close()
    serve.start()
    reply = wait_for(lambda: driver.brand_replies_to(post["id"]), timeout=60, what="the recovered reply")
    assert [r["text"] for r in reply] == ["Frank, we've opened a claim with the courier."]
    wait_for(lambda: any(not f["public"] and "Posted publicly" in f["comment"]
                         for f in driver.ticket(ticket["id"])["followup_set"]), what="the delivery note")
    assert len(driver.brand_replies_to(post["id"])) == 1
    assert "reached the bridge only through the sweep (its webhook was lost)" in serve.log_path.read_text()
