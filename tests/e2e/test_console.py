"""The admin console in a real browser (Debian's chromium through Playwright) against the real loop:
a django-helpdesk and `social-bridge serve` on loopback, the sandbox as the platform. The agent's replies
are held for review here, so an admin approves them in the console."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bridge.devstack import LocalStack, StartError, default_helpdesk_python
from tests.conftest import REPO, free_port, need_service, wait_for
from tests.e2e.harness import Driver

pytestmark = pytest.mark.helpdesk

ADMIN, PASSWORD = "admin", "console-test-password"


def reloaded(page):
    """The page, reloaded (to poll it with wait_for)."""
    page.reload()
    return page


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    python = default_helpdesk_python()
    need_service("django-helpdesk", Path(python).is_file(), f"no helpdesk python at {python}; run `make helpdesk-env`")
    data = tmp_path_factory.mktemp("console-stack")
    mappings = data / "mappings"
    shutil.copytree(REPO / "mappings", mappings)  # the console writes these
    stack = LocalStack(data, bridge_port=free_port(), helpdesk_port=free_port(), mappings_dir=mappings)
    try:
        stack.data_dir.mkdir(parents=True, exist_ok=True)
        seed = stack.helpdesk.start()
        stack.extra_config = {"review": [{"agents": [str(seed.agent_user_id)], "mode": "before"}]}
        stack.write_config()
        stack.start_bridge()
        stack.create_admin(ADMIN, PASSWORD)
    except StartError as exc:
        stack.stop()
        need_service("django-helpdesk", False, str(exc)[:500])
    yield stack
    stack.stop()


@pytest.fixture(scope="module")
def driver(stack):
    return Driver(stack)


@pytest.fixture
def page(browser, stack):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{stack.bridge_url}/admin/")
    assert "/admin/login" in page.url
    page.fill("input[name=username]", ADMIN)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.get_by_role("heading", name="Overview").wait_for()
    yield page
    context.close()


def test_a_wrong_password_does_not_sign_in(browser, stack):
    page = browser.new_page()
    try:
        page.goto(f"{stack.bridge_url}/admin/login")
        page.fill("input[name=username]", ADMIN)
        page.fill("input[name=password]", "not the password")
        page.click("button[type=submit]")
        page.get_by_text("Unknown user or wrong password.").wait_for(timeout=10000)
        assert "/admin/login" in page.url
    finally:
        page.close()


def test_editing_a_mapping_changes_the_live_preview_and_saving_applies_it(page, stack, driver):
    driver.post("@brand the preview should show this post", handle="preview_fan", followers=150_000)
    wait_for(lambda: driver.ticket_containing("the preview should show this post"), what="the ticket")
    page.goto(f"{stack.bridge_url}/admin/mappings/sandbox")
    wait_for(lambda: reloaded(page).locator("#sample option").count() > 1, what="a recent post to preview")
    page.select_option("#sample", index=1)
    queue = page.locator("dd[data-field=queue]").first
    queue.wait_for()
    assert queue.inner_text() == "Social"
    assert "high" in page.locator("dd[data-field=priority]").first.inner_text()  # 150k followers, with the reason
    text = page.input_value("#yaml")
    page.fill("#yaml", text.replace("Post{% endif %} from", "Post{% endif %} (console) from"))
    page.locator("dd[data-field=title]", has_text="Post (console) from @preview_fan").wait_for()
    page.click("#save")
    page.get_by_text("Saved sandbox.yaml and applied it").wait_for()
    assert "(console)" in (stack.mappings_dir / "sandbox.yaml").read_text()
    assert list(stack.mappings_dir.glob("sandbox.yaml.*.bak"))
    # applied without a restart: the running bridge renders the next ticket with it
    driver.post("@brand after the mapping was saved", handle="after_save")
    assert driver.ticket_containing("after the mapping was saved")["title"].startswith("Post (console) from @after_save")


def test_an_invalid_mapping_is_refused_and_never_saved(page, stack):
    before = (stack.mappings_dir / "sandbox.yaml").read_text()
    page.goto(f"{stack.bridge_url}/admin/mappings/sandbox")
    page.fill("#yaml", before.replace("{{ author.handle }}", "{{ author.nobody }}", 1))
    page.locator("#validation .error", has_text="nobody").wait_for()
    assert page.is_disabled("#save")
    # even a form sent while the check disagrees is refused by the server
    page.evaluate("document.getElementById('save').disabled = false")
    page.click("#save")
    page.locator(".error", has_text="nobody").first.wait_for()
    assert (stack.mappings_dir / "sandbox.yaml").read_text() == before


def test_a_held_reply_is_approved_in_the_console_and_appears_on_the_sandbox(page, stack, driver):
    post = driver.post("@brand approve me please, my parcel is lost", handle="held_customer")
    ticket = driver.ticket_containing("approve me please")
    driver.agent_reply(ticket["id"], "We found your parcel; it arrives tomorrow.")
    page.goto(f"{stack.bridge_url}/admin/outbox?state=awaiting_approval")
    row = page.locator("tr", has_text="We found your parcel")
    # (the helpdesk's webhook, then the bridge's look-up of the agent: on a loaded CI machine, seconds each)
    wait_for(lambda: reloaded(page) and row.count(), timeout=60, what="the held reply in the outbox")
    assert driver.brand_replies_to(post["id"]) == []
    row.locator("button.approve").click()
    page.get_by_text("approved.").wait_for()
    replies = wait_for(lambda: driver.brand_replies_to(post["id"]), what="the approved reply on the sandbox")
    assert [r["text"] for r in replies] == ["We found your parcel; it arrives tomorrow."]
    timeline = page.context.new_page()
    timeline.goto(f"{stack.bridge_url}/sandbox/")
    timeline.locator("#timeline").get_by_text("We found your parcel; it arrives tomorrow.").wait_for()
    page.goto(f"{stack.bridge_url}/admin/audit?reviewer={ADMIN}")
    assert page.locator("td", has_text="posted_public").count() >= 1


def test_a_failed_event_is_retried_from_the_console(page, stack, driver):
    mapping = stack.mappings_dir / "sandbox.yaml"
    good = mapping.read_text()
    page.goto(f"{stack.bridge_url}/admin/mappings/sandbox")
    page.fill("#yaml", good.replace("high{% else %}", "hihg{% else %}"))
    page.locator("#validation", has_text="Valid.").wait_for()
    page.click("#save")
    page.get_by_text("Saved sandbox.yaml").wait_for()
    driver.post("@brand this one fails first", handle="retry_customer", followers=200_000)  # a 'hihg' priority
    page.goto(f"{stack.bridge_url}/admin/events")
    row = page.locator("tr", has_text="'hihg' is not one of")
    wait_for(lambda: reloaded(page) and row.count(), what="the failed event in the console")
    page.goto(f"{stack.bridge_url}/admin/mappings/sandbox")
    page.fill("#yaml", good)
    page.locator("#validation", has_text="Valid.").wait_for()
    page.click("#save")
    page.get_by_text("Saved sandbox.yaml").wait_for()
    page.goto(f"{stack.bridge_url}/admin/events")
    row.locator("button.retry").click()
    page.get_by_text("offered again").wait_for()
    assert driver.ticket_containing("this one fails first")["title"]
