"""Screenshots of each console page for docs/console/: `python -m tests.e2e.console_screenshots docs/console`.

Starts the real loop (LocalStack), makes some traffic (posts, a held reply, a failed event), signs in with
Debian's chromium and saves one PNG per page."""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from bridge.devstack import LocalStack
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, REPO, free_port, wait_for
from tests.e2e.harness import Driver
from tests.e2e.test_console import reloaded

PAGES = [("overview", "/admin/"), ("mappings", "/admin/mappings/sandbox"), ("routing", "/admin/routing"),
         ("outbox", "/admin/outbox"), ("events", "/admin/events"), ("kpis", "/admin/kpis?days=7"),
         ("audit", "/admin/audit"), ("api", "/admin/api/docs")]


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    data = Path(tempfile.mkdtemp(prefix="console-shots-"))
    shutil.copytree(REPO / "mappings", data / "mappings")
    stack = LocalStack(data, bridge_port=free_port(), helpdesk_port=free_port(), mappings_dir=data / "mappings")
    try:
        data.mkdir(exist_ok=True)
        seed = stack.helpdesk.start()
        stack.extra_config = {"review": [{"agents": [str(seed.agent_user_id)], "mode": "before"}]}
        stack.write_config()
        stack.start_bridge()
        stack.create_admin("admin", "screenshot-password")
        driver = Driver(stack)
        first = driver.post("@brand my order 4521 arrived broken", handle="alice", followers=150_000)
        refund_post = driver.post("@brand refund to card 4111 1111 1111 1111 please", handle="hank")
        ticket = driver.ticket_containing("arrived broken")
        driver.agent_reply(ticket["id"], "So sorry! A new one ships today.")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1200, "height": 760})
            page.goto(f"{stack.bridge_url}/admin/login")
            page.fill("input[name=username]", "admin")
            page.fill("input[name=password]", "screenshot-password")
            page.click("button[type=submit]")

            def save_mapping(text: str) -> None:
                page.goto(f"{stack.bridge_url}/admin/mappings/sandbox")
                page.fill("#yaml", text)
                page.locator("#validation", has_text="Valid.").wait_for()
                page.click("#save")
                page.get_by_text("Saved sandbox.yaml").wait_for()

            good = (stack.mappings_dir / "sandbox.yaml").read_text()
            save_mapping(good.replace("high{% else %}", "hihg{% else %}"))  # a typo only posts by big accounts reach
            driver.post("@brand does anyone read this?", handle="carol", followers=250_000)
            wait_for(lambda: driver.health()["backlog"]["inbound_events"].get("failed"), what="a failed event")
            save_mapping(good)
            # one held reply approved (for the audit log and the KPIs), one left held (for the outbox)
            refund = driver.ticket_containing("refund to card")
            driver.agent_reply(refund["id"], "Done: the refund is on its way.")
            page.goto(f"{stack.bridge_url}/admin/outbox?state=awaiting_approval")
            wait_for(lambda: reloaded(page).locator("tr", has_text="refund is on its way").count(),
                     what="the held reply")
            page.locator("tr", has_text="refund is on its way").locator("button.approve").click()
            page.get_by_text("approved.").wait_for()
            wait_for(lambda: driver.brand_replies_to(refund_post["id"]), what="the approved reply")
            for name, path in PAGES:
                page.goto(stack.bridge_url + path)
                if name == "mappings":
                    page.select_option("#sample", index=1)
                    page.locator("dd[data-field=title]").first.wait_for()
                if name == "routing":
                    page.fill("textarea[name=text]", "Your card 4111 1111 1111 1111 has been refunded.")
                    page.click("form.stack button[type=submit]")
                    page.locator("#route-result").wait_for()
                page.screenshot(path=str(out / f"{name}.png"))
            browser.close()
        print(f"saved {len(PAGES)} screenshots in {out} (first post #{first['id']})")
        return 0
    finally:
        stack.stop()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/console")))
