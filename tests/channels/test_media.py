"""Media customers post: each channel fills Post.media from its payloads, and the ticket lists them as links
that say whether they last. Payloads are the recorded fixtures with the media parts the platforms document
(X v2 attachments.media_keys + includes.media, v1.1 extended_entities, DM message_data.attachment; Meta
messaging attachments and feed photo/video links)."""
from __future__ import annotations

import copy
import json
from pathlib import Path

from bridge.channels.facebook.channel import FacebookChannel
from bridge.channels.x.channel import XChannel
from bridge.model import Media
from bridge.pipeline.mapping import media_lines

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
X_SETTINGS = {"consumer_secret": "s", "access_token": "t", "user_id": "1111111111111111111", "handle": "ExampleUser",
              "api_base": "https://api.x.test"}


def fixture(platform: str, name: str):
    return json.loads((FIXTURES / platform / f"{name}.json").read_text(encoding="utf-8"))


def x_channel() -> XChannel:
    return XChannel("acme", XChannel.account_schema().load(X_SETTINGS))


def test_x_v2_post_media_come_from_includes_by_media_key():
    payload = copy.deepcopy(fixture("x", "xaa_post_mention_create"))
    payload["data"]["payload"]["attachments"] = {"media_keys": ["3_1", "7_2"]}
    payload["data"]["includes"] = {**payload["data"].get("includes", {}), "media": [
        {"media_key": "3_1", "type": "photo", "url": "https://pbs.twimg.com/media/broken-box.jpg"},
        {"media_key": "7_2", "type": "video", "preview_image_url": "https://pbs.twimg.com/ext_tw_video_thumb/2.jpg"},
        {"media_key": "3_9", "type": "photo", "url": "https://pbs.twimg.com/media/not-this-post.jpg"}]}
    [post] = x_channel().parse(payload)
    assert post.media == (Media("image", "https://pbs.twimg.com/media/broken-box.jpg"),
                          Media("video", "https://pbs.twimg.com/ext_tw_video_thumb/2.jpg"))


def test_x_v1_tweet_media_take_the_best_mp4_of_a_video():
    payload = copy.deepcopy(fixture("x", "aaa_tweet_create_mention"))
    payload["tweet_create_events"][0]["extended_entities"] = {"media": [
        {"type": "photo", "media_url_https": "https://pbs.twimg.com/media/a.jpg"},
        {"type": "video", "media_url_https": "https://pbs.twimg.com/thumb.jpg", "video_info": {"variants": [
            {"content_type": "application/x-mpegURL", "url": "https://video.twimg.com/v.m3u8"},
            {"content_type": "video/mp4", "bitrate": 256000, "url": "https://video.twimg.com/low.mp4"},
            {"content_type": "video/mp4", "bitrate": 2176000, "url": "https://video.twimg.com/high.mp4"}]}}]}
    [post] = x_channel().parse(payload)
    assert post.media == (Media("image", "https://pbs.twimg.com/media/a.jpg"),
                          Media("video", "https://video.twimg.com/high.mp4"))


def test_x_dm_media_need_the_accounts_credentials():
    payload = copy.deepcopy(fixture("x", "xaa_dm_received"))
    event = payload["data"]["payload"]["direct_message_events"][0]
    event["message_create"]["message_data"]["attachment"] = {"type": "media", "media": {
        "type": "photo", "media_url_https": "https://ton.twitter.com/1.1/ton/data/dm/1/2/receipt.jpg"}}
    [post] = x_channel().parse(payload)
    assert post.media == (Media("image", "https://ton.twitter.com/1.1/ton/data/dm/1/2/receipt.jpg",
                                needs_credentials=True),)


def test_x_posts_without_media_have_none():
    [post] = x_channel().parse(fixture("x", "xaa_post_mention_create"))
    assert post.media == ()


def facebook_channel() -> FacebookChannel:
    settings = {"page_id": "104882365123456", "page_access_token": "token", "app_secret": "secret",
                "verify_token": "verify-token-123", "graph_base": "https://graph.facebook.test"}
    return FacebookChannel("page", FacebookChannel.account_schema().load(settings))


def test_messenger_attachments_are_expiring_links():
    [post] = facebook_channel().parse(fixture("facebook", "messenger_attachment"))
    assert post.media == (Media("image", "https://scontent.xx.fbcdn.net/v/t1.15752-9/photo.jpg", expires=True),)
    assert post.text == "(image attachment)"


def test_a_visitors_photo_post_carries_its_photo():
    payload = copy.deepcopy(fixture("facebook", "feed_visitor_post"))
    value = payload["entry"][0]["changes"][0]["value"]
    value["photo"] = "https://scontent.xx.fbcdn.net/v/t39.30808-6/visitor.jpg"
    [post] = facebook_channel().parse(payload)
    assert post.media == (Media("image", "https://scontent.xx.fbcdn.net/v/t39.30808-6/visitor.jpg", expires=True),)


def test_the_ticket_lists_media_as_links_and_says_which_expire():
    text = media_lines((Media("image", "https://pbs.twimg.com/a.jpg"),
                        Media("video", "https://scontent.xx.fbcdn.net/v.mp4", expires=True),
                        Media("image", "https://ton.twitter.com/dm.jpg", needs_credentials=True)))
    assert text.splitlines()[2:] == [
        "Attached to the post (links to the platform, not copies):",
        "- image: https://pbs.twimg.com/a.jpg (a lasting link)",
        "- video: https://scontent.xx.fbcdn.net/v.mp4 (the platform's link expires after a few days: open or save it soon)",
        "- image: https://ton.twitter.com/dm.jpg (opens only with the brand account's login on the platform)"]
    assert media_lines(()) == ""
