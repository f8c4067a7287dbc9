"""GET /media/<token>: an agent's image at its short-lived signed link (bridge.media_links), through the Flask app
and the real store. Time is the links' clock, moved by the tests."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

import pytest
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import delete

from bridge.media_links import LINK_LIFETIME, SALT, MediaLinks, internal_address
from bridge.model import AttachedFile
from bridge.store.tables import MediaFile

T0 = datetime(2026, 12, 1, 9, 0, 0, tzinfo=timezone.utc)
PNG = b"\x89PNG\r\n\x1a\n" + b"\2" * 300
JPEG = b"\xff\xd8\xff\xe0" + b"\3" * 300


class Clock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock(rt) -> Clock:
    clock = Clock(T0)
    rt.media_links = MediaLinks(rt.store.media, "https://bridge.acme.example", lambda: "media-test-secret", clock=clock)
    return clock


def path_of(url: str) -> str:
    assert url.startswith("https://bridge.acme.example/media/")
    return urlsplit(url).path


def test_a_link_serves_its_file_from_creation_until_it_expires_and_not_after(client, rt, clock):
    url = rt.media_links.link(AttachedFile("label.png", "image/png", PNG))
    first = client.get(path_of(url))
    assert (first.status_code, first.content_type, first.data) == (200, "image/png", PNG)
    assert first.headers["X-Content-Type-Options"] == "nosniff"
    assert first.headers["Cache-Control"] == "private, no-store"
    assert "label.png" not in str(first.headers)  # the file's name is not handed out
    clock.now = T0 + LINK_LIFETIME - timedelta(seconds=1)
    assert client.get(path_of(url)).data == PNG  # as often as asked, until it expires
    clock.now = T0 + LINK_LIFETIME + timedelta(seconds=1)
    gone = client.get(path_of(url))
    assert (gone.status_code, gone.data) == (404, b"not found\n")


def test_each_file_answers_with_its_own_content_type(client, rt, clock):
    png = rt.media_links.link(AttachedFile("a.png", "image/png", PNG))
    jpeg = rt.media_links.link(AttachedFile("b.jpg", "image/jpeg", JPEG))
    assert png != jpeg
    assert (client.get(path_of(jpeg)).content_type, client.get(path_of(jpeg)).data) == ("image/jpeg", JPEG)
    assert client.get(path_of(png)).content_type == "image/png"


def test_expired_files_are_deleted_from_the_store(client, rt, clock):
    rt.media_links.link(AttachedFile("a.png", "image/png", PNG))
    clock.now = T0 + timedelta(minutes=2)
    later = rt.media_links.link(AttachedFile("b.png", "image/png", PNG))
    assert len(rt.store.media.keys()) == 2
    clock.now = T0 + LINK_LIFETIME + timedelta(seconds=1)
    assert rt.media_links.purge() == 1  # the first one ran out; the second has time left
    assert client.get(path_of(later)).status_code == 200
    clock.now = T0 + timedelta(minutes=2) + LINK_LIFETIME
    rt.media_links.link(AttachedFile("c.png", "image/png", PNG))
    assert rt.media_links.purge() == 1  # the second one ran out too; the new one is kept
    assert len(rt.store.media.keys()) == 1


def test_the_sweep_deletes_expired_files(app, rt, clock):
    from bridge.queue import sweep

    rt.media_links.link(AttachedFile("a.png", "image/png", PNG))
    clock.now = T0 + LINK_LIFETIME + timedelta(seconds=1)
    sweep(rt)
    assert rt.store.media.keys() == []


def tampered(token: str) -> list[str]:
    payload, stamp, signature = token.rsplit(".", 2)
    flip = "A" if signature[-2] != "A" else "B"
    return [f"{payload}.{stamp}.{signature[:-2]}{flip}{signature[-1]}",  # the signature changed
            f"{payload[:-1]}{'A' if payload[-1] != 'A' else 'B'}.{stamp}.{signature}",  # the key changed
            f"{payload}.{'A' if stamp[0] != 'A' else 'B'}{stamp[1:]}.{signature}",  # the time changed
            f"{payload}.{stamp}"]  # no signature


def test_a_tampered_token_is_refused(client, rt, clock):
    url = rt.media_links.link(AttachedFile("a.png", "image/png", PNG))
    token = path_of(url).rsplit("/", 1)[1]
    for bad in tampered(token):
        answer = client.get(f"/media/{bad}")
        assert answer.status_code == 404 and answer.data == b"not found\n", bad
    assert client.get(path_of(url)).status_code == 200  # the real one still works


def test_a_token_signed_with_another_key_or_salt_is_refused(client, rt, clock):
    url = rt.media_links.link(AttachedFile("a.png", "image/png", PNG))
    [key] = rt.store.media.keys()
    forged_key = URLSafeTimedSerializer("someone-elses-secret", salt=SALT).dumps(key)
    console_salt = URLSafeTimedSerializer("media-test-secret", salt="cookie-session").dumps(key)
    for token in (forged_key, console_salt):
        assert client.get(f"/media/{token}").status_code == 404
    assert client.get(path_of(url)).status_code == 200


def test_a_valid_token_for_a_file_no_longer_kept_is_not_found(client, rt, clock):
    url = rt.media_links.link(AttachedFile("a.png", "image/png", PNG))
    with rt.store.session() as s:  # gone from the store while the token is still in time
        s.execute(delete(MediaFile))
    assert client.get(path_of(url)).status_code == 404


@pytest.mark.parametrize("token", ["x", "a.b.c", "..", "eyJhIjoxfQ.AAAA.BBBB", "%00", "é", "A" * 5000,
                                   "InN0cmluZyI.Z0s.bad"])
def test_garbage_is_not_found_never_an_error(client, clock, token):
    answer = client.get(f"/media/{token}")
    assert answer.status_code == 404


def test_no_listing_and_only_get(client, rt, clock):
    url = rt.media_links.link(AttachedFile("a.png", "image/png", PNG))
    assert client.get("/media/").status_code == 404
    assert client.get("/media").status_code == 404
    for method in (client.post, client.put, client.delete):
        assert method(path_of(url)).status_code == 405
    assert client.options(path_of(url)).status_code == 405
    head = client.head(path_of(url))  # HEAD is GET without the body
    assert (head.status_code, head.content_type, head.data) == (200, "image/png", b"")


def test_the_link_is_never_logged(client, rt, clock, caplog):
    caplog.set_level(logging.DEBUG)
    url = rt.media_links.link(AttachedFile("a.png", "image/png", PNG))
    token = path_of(url).rsplit("/", 1)[1]
    client.get(path_of(url))
    client.get(f"/media/{tampered(token)[0]}")
    clock.now = T0 + LINK_LIFETIME * 2
    client.get(path_of(url))
    rt.media_links.purge()
    assert token not in caplog.text and "/media/" not in caplog.text


@pytest.mark.parametrize("url, why", [
    ("http://127.0.0.1:8000", "a loopback address"),
    ("http://localhost:8000", "a loopback address"),
    ("http://[::1]:8000", "a loopback address"),
    ("http://10.0.0.7", "a private or reserved address"),
    ("http://192.168.1.20:8000", "a private or reserved address"),
    ("https://bridge.acme.example", None),
    ("https://203.0.113.9", "a private or reserved address"),  # TEST-NET-3: documentation only, not on the internet
    ("https://8.8.8.8", None),
])
def test_addresses_the_internet_cannot_reach(url, why):
    assert internal_address(url) == why


def test_the_default_public_url_is_unreachable(rt):
    assert rt.settings.public_url == "http://127.0.0.1:8000"
    assert rt.media_links.unreachable() == "BRIDGE_PUBLIC_URL is http://127.0.0.1:8000, a loopback address"


# -- the signing key -----------------------------------------------------------------------------
def test_the_key_is_bridge_secret_key_else_one_kept_in_the_data_directory(tmp_path):
    from bridge.secret_key import KEY_FILE, configured, secret_key

    assert secret_key({"BRIDGE_SECRET_KEY": "given-key", "BRIDGE_DATA_DIR": str(tmp_path)}) == "given-key"
    assert configured({"BRIDGE_SECRET_KEY": "given-key"}) and not configured({})
    assert not (tmp_path / KEY_FILE).exists()
    env = {"BRIDGE_DATA_DIR": str(tmp_path / "data")}
    made = secret_key(env)
    assert len(made) == 64 and secret_key(env) == made  # kept: a restart signs with the same key
    assert (tmp_path / "data" / KEY_FILE).stat().st_mode & 0o777 == 0o600
    assert [p.name for p in (tmp_path / "data").iterdir()] == [KEY_FILE]  # no draft left behind


def test_links_made_in_one_process_are_served_by_another_with_the_same_key(client, rt, clock, tmp_path):
    """A worker makes the link, `serve` answers it: two MediaLinks over one store and one data directory."""
    env = {"BRIDGE_DATA_DIR": str(tmp_path)}
    from bridge.secret_key import secret_key

    worker = MediaLinks(rt.store.media, "https://bridge.acme.example", lambda: secret_key(env), clock=clock)
    rt.media_links = MediaLinks(rt.store.media, "https://bridge.acme.example", lambda: secret_key(env), clock=clock)
    url = worker.link(AttachedFile("a.png", "image/png", PNG))
    assert client.get(path_of(url)).data == PNG
    rt.media_links = MediaLinks(rt.store.media, "https://bridge.acme.example", lambda: "another-key", clock=clock)
    assert client.get(path_of(url)).status_code == 404
