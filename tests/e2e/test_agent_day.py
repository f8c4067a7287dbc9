"""The agent's day in a real browser (Debian's chromium through Playwright) on the real django-helpdesk with
the bridge's app: internal by default, every reply's fate visible, who wrote what, the reply form's
destination and count; and `plugin install django-helpdesk` proving the wiring with a probe."""
from __future__ import annotations

import subprocess
import sys

import pytest

from bridge.devstack import REPO_DIR
from tests.conftest import wait_for
from tests.e2e.test_loop import driver, stack  # noqa: F401  (the same real stack, for this module)

pytestmark = pytest.mark.helpdesk


@pytest.fixture
def agent_page(driver, browser):  # noqa: F811
    """A browser page logged in to django-helpdesk as the agent."""
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(f"{driver.helpdesk}/login/")
    page.fill("input[name=username]", "agent")
    page.fill("input[name=password]", driver.stack.agent_password)
    page.click("button[type=submit], input[type=submit]")
    page.wait_for_url("**/helpdesk/**")
    yield page
    page.close()


def open_reply_form(page, helpdesk: str, ticket_id: int) -> None:
    page.goto(f"{helpdesk}/tickets/{ticket_id}/")
    page.locator("[data-bs-target='#respond-tab-pane'], #respond-tab").first.click()
    page.locator("#commentBox").wait_for(state="visible")


def test_an_internal_note_typed_in_the_browser_stays_internal_by_default(driver, agent_page):  # noqa: F811
    post = driver.post("@brand is my order 5521 on its way?", handle="ivy")
    ticket = driver.ticket_containing("my order 5521")
    open_reply_form(agent_page, driver.helpdesk, ticket["id"])
    assert not agent_page.is_checked("#id_public")  # nothing to remember: it starts off
    agent_page.fill("#commentBox", "internal: the warehouse says tomorrow")
    agent_page.click("#ticket-respond-form button[type=submit]")
    agent_page.wait_for_load_state()

    open_reply_form(agent_page, driver.helpdesk, ticket["id"])
    agent_page.fill("#commentBox", "Hi Ivy, it ships tomorrow morning.")
    agent_page.check("#id_public")  # the explicit choice
    agent_page.click("#ticket-respond-form button[type=submit]")

    replies = wait_for(lambda: driver.brand_replies_to(post["id"]), what="the reply the agent chose to send")
    assert [r["text"] for r in replies] == ["Hi Ivy, it ships tomorrow morning."]
    [note] = [f for f in driver.ticket(ticket["id"])["followup_set"] if "warehouse says" in f["comment"]]
    assert note["public"] is False


def test_the_reply_form_shows_the_destination_and_counts_as_the_platform_does(driver, agent_page):  # noqa: F811
    driver.post("@brand my voucher code does not work", handle="jack")
    ticket = driver.ticket_containing("my voucher code")
    open_reply_form(agent_page, driver.helpdesk, ticket["id"])

    destination = agent_page.locator("#social-destination-text")
    assert destination.inner_text() == "Public reply on Sandbox to @jack, as @brand (anyone can see it)"
    text = "Sorry, Jack! Ünïcode 👍 counts once each."
    agent_page.fill("#commentBox", text)
    assert agent_page.locator("#social-count").inner_text() == "40"  # code points, as the sandbox counts them
    assert len(text) == 40
    assert "/ 280" in agent_page.locator("#social-counter").inner_text()
    assert not agent_page.locator("#social-too-long").is_visible()

    agent_page.fill("#commentBox", "x" * 281)
    assert agent_page.locator("#social-too-long").is_visible()
    agent_page.fill("#commentBox", "#private Jack, here is a new code.")
    assert destination.inner_text() == "Private message to @jack"
    assert agent_page.locator("#social-count").inner_text() == str(len("Jack, here is a new code."))

    # X's rule, as the bridge counts it (twitter-text): the form must agree before the agent sends
    import twitter_text

    agent_page.evaluate("document.getElementById('social-counter').dataset.counting = 'x-weighted'")
    for sample in ["plain words", "日本語のテキストです", "thanks 👍 see https://example.com/a/long/path?x=1 ok",
                   "naïve café — “quotes”"]:
        agent_page.fill("#commentBox", sample)
        assert agent_page.locator("#social-count").inner_text() == str(twitter_text.parse_tweet(sample).weightedLength), sample


def test_a_reply_that_failed_is_visible_in_the_ticket_list(driver, agent_page):  # noqa: F811
    driver.post("@brand the app crashes on start", handle="kate")
    ticket = driver.ticket_containing("the app crashes on start")
    driver.agent_reply(ticket["id"], "We're on it. " * 30)  # 390 characters: the sandbox allows 280
    wait_for(lambda: driver.ticket(ticket["id"])["title"].startswith("[reply not sent] "),
             what="the ticket flagged as having a reply that did not go out")

    agent_page.goto(f"{driver.helpdesk}/tickets/")
    row = agent_page.locator("#ticketTable tr", has_text="the app crashes on start")
    row.wait_for()
    assert "[reply not sent]" in row.inner_text()
    assert agent_page.locator("#ticketTable thead", has_text="Priority").count() == 1  # shown by default
    assert agent_page.locator("#ticketTable thead", has_text="Due").count() == 1

    agent_page.goto(f"{driver.helpdesk}/dashboard/")  # the agent's dashboard: the flag, and priority by name
    dashboard_row = agent_page.locator("tr", has_text="the app crashes on start").first
    assert "[reply not sent]" in dashboard_row.inner_text() and "3. Normal" in dashboard_row.inner_text()

    agent_page.goto(f"{driver.helpdesk}/tickets/{ticket['id']}/")
    badge = agent_page.locator(".social-badge[data-social='not-sent']")
    assert badge.inner_text() == "NOT SENT"
    assert agent_page.locator("#followup-list", has_text="Shorten it and send it again").count() == 1

    driver.agent_reply(ticket["id"], "We're on it, Kate.")  # a reply that fits clears the flag
    wait_for(lambda: not driver.ticket(ticket["id"])["title"].startswith("["), what="the flag cleared")
    assert driver.ticket(ticket["id"])["due_date"] is None  # first response met


def test_a_customers_follow_up_is_shown_as_the_customers_with_their_context(driver, agent_page):  # noqa: F811
    driver.post("@brand do you ship to Norway?", handle="liam", followers=4200)  # an earlier conversation
    earlier = driver.ticket_containing("ship to Norway")
    first = driver.post("@brand card 4111 1111 1111 1111 was charged twice", handle="liam", followers=4200)
    ticket = driver.ticket_containing("was charged twice")
    driver.post("any update?", handle="liam", in_reply_to=first["id"])
    wait_for(lambda: any("any update?" in f["comment"] for f in driver.ticket(ticket["id"])["followup_set"]),
             what="the customer's follow-up on the ticket")

    agent_page.goto(f"{driver.helpdesk}/tickets/{ticket['id']}/")
    entry = agent_page.locator("#followup-list li", has_text="any update?")
    assert "Customer @liam on Sandbox" in entry.inner_text()
    assert entry.locator(".social-badge").inner_text() == "From the customer"
    assert "To submitter" not in entry.inner_text()
    panel = agent_page.locator("#social-customer")
    assert "@liam (Liam) on Sandbox · 4,200 followers" in panel.inner_text()
    assert f"Earlier tickets: #{earlier['id']}" in panel.inner_text()
    assert panel.locator("#social-sensitive").is_visible()  # the card number, flagged
    assert panel.locator("#social-post-link").get_attribute("href").endswith(f"#post-{first['id']}")
    assert agent_page.title() and "[sensitive]" in agent_page.locator("h2").first.inner_text()


def test_one_public_acknowledgement_per_conversation(driver):  # noqa: F811
    post = driver.post("@brand I need to change my address", handle="mia")
    ticket = driver.ticket_containing("change my address")
    driver.agent_reply(ticket["id"], "#private Mia, what is the new address?")
    wait_for(lambda: len(driver.brand_replies_to(post["id"])) == 2, timeout=60,
             what="the private reply and one acknowledgement")
    driver.agent_reply(ticket["id"], "#private Thanks Mia, it is changed.")
    wait_for(lambda: any(f["comment"].startswith("Sent as a private message") and "recently" in f["comment"]
                         for f in driver.ticket(ticket["id"])["followup_set"]), timeout=60,
             what="the second delivery note")
    public = [r for r in driver.timeline() if r["from_brand"] and r["kind"] == "public" and r["in_reply_to"] == post["id"]]
    assert [r["text"] for r in public] == ["We've sent you a private message."]


def test_plugin_install_proves_the_wiring_with_a_probe(stack):  # noqa: F811
    result = subprocess.run([sys.executable, "-m", "bridge.cli", "plugin", "install", "django-helpdesk"],
                            env=stack.env(), cwd=REPO_DIR, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "a probe follow-up reached the bridge" in result.stdout
    assert "bridge user id" in result.stdout and "is the token's user" in result.stdout
    assert stack.bridge_token not in result.stdout + result.stderr
    assert stack.webhook_token not in result.stdout + result.stderr
