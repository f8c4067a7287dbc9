"""GET /media/<token>: an agent's image at its short-lived signed link, for a platform that fetches a reply's
images by URL (bridge.media_links). Anything but a valid, unexpired token is answered 404 with nothing about
why; there is no listing, and GET (with HEAD) is the only method."""
from __future__ import annotations

import logging

from flask import Blueprint, Response
from sqlalchemy.exc import SQLAlchemyError

from bridge.web.webhooks import runtime

log = logging.getLogger("bridge.web.media")
bp = Blueprint("media", __name__)

HEADERS = {
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex, nofollow",
    "Content-Disposition": "inline",
}


@bp.route("/media/<token>", methods=["GET"], provide_automatic_options=False)
def media(token: str):
    try:
        found = runtime().media_links.open(token)
    except SQLAlchemyError as exc:  # the token is not logged; only that the store could not be read
        log.warning("media link not served: the store could not be read (%s)", type(exc).__name__)
        return Response("unavailable\n", status=503, mimetype="text/plain", headers={"Retry-After": "5"})
    if found is None:
        return Response("not found\n", status=404, mimetype="text/plain", headers={"Cache-Control": "no-store"})
    content_type, data = found
    return Response(data, status=200, content_type=content_type, headers=HEADERS)
