# Where the next social reply goes and how long it is as the platform counts it: what the ticket form's
# "Social reply" box shows. Plain Python (no Odoo import), so the bridge's tests run it as it is.
#
# The route follows the bridge's: a private conversation is answered privately whatever the mode; a
# phone handoff posts nothing; the Private mode, or sensitive data in the conversation, answers
# privately; and a private answer on a platform without private messages becomes a phone handoff. The
# bridge measures every reply again before sending and never cuts one: a reply too long is refused.
import re
import unicodedata

URL = re.compile(r"https?://\S+")
ZERO_WIDTH_JOINER = "\u200d"


def surface(rule, mode, private_thread, sensitive, handle, brand):
    """(kind, where it goes, limit, counting rule) for a channel's rule (label, public limit, public counting,
    private limit, private counting)."""
    label, public_limit, public_counting, private_limit, private_counting = rule
    handle = handle or "the customer"
    as_brand = ", as %s" % brand if brand else ""
    kind = "phone" if mode == "phone" else "public"
    if mode == "private" or (kind == "public" and sensitive):
        kind = "private"
    if private_thread:
        kind = "private"
    if kind == "private" and not private_limit:
        why = "" if mode == "phone" else " (%s has no private messages)" % label
        return "phone", "Phone handoff: nothing is posted; call %s back%s" % (handle, why), 0, "characters"
    if kind == "phone":
        return "phone", "Phone handoff: nothing is posted; call %s back" % handle, 0, "characters"
    if kind == "private":
        return "private", "Private message on %s to %s%s" % (label, handle, as_brand), private_limit, private_counting
    return ("public", "Public reply on %s to %s%s (anyone can see it)" % (label, handle, as_brand),
            public_limit, public_counting)


def length(text, counting):
    """The text's length: code points ("characters"), UTF-8 bytes, user-perceived characters
    ("graphemes", approximated: combining marks, variation selectors and joined emoji count with the
    character before them) or X's weighting (twitter-text v3: a URL 23, most non-Latin characters 2)."""
    if counting == "utf8-bytes":
        return len(text.encode("utf-8"))
    if counting == "graphemes":
        return _graphemes(text)
    if counting != "x-weighted":
        return len(text)
    total = 23 * len(URL.findall(text))
    joined, regional = False, False
    for char in URL.sub("", text):
        point = ord(char)
        # an emoji sequence (skin tone, variation selector, joined emoji, flag) counts as its first emoji
        if char == ZERO_WIDTH_JOINER:
            joined = True
            continue
        if joined or 0xFE00 <= point <= 0xFE0F or 0x1F3FB <= point <= 0x1F3FF:
            joined = False
            continue
        if 0x1F1E6 <= point <= 0x1F1FF:
            regional = not regional
            if not regional:
                continue
        else:
            regional = False
        light = point <= 4351 or 8192 <= point <= 8205 or 8208 <= point <= 8223 or 8242 <= point <= 8247
        total += 1 if light else 2
    return total


def _graphemes(text):
    count, joined, regional = 0, False, False
    for char in text:
        point = ord(char)
        if char == ZERO_WIDTH_JOINER:
            joined = True
            continue
        if joined or unicodedata.category(char).startswith("M") or 0xFE00 <= point <= 0xFE0F \
                or 0x1F3FB <= point <= 0x1F3FF:
            joined = False
            continue
        if 0x1F1E6 <= point <= 0x1F1FF:  # flags are pairs of regional indicators
            regional = not regional
            if not regional:
                continue
        else:
            regional = False
        count += 1
    return count


def describe(text, where):
    """One line under the reply box: "280 / 280 characters", or why nothing is counted."""
    kind, _, limit, counting = where
    if kind == "phone":
        return "Nothing is posted"
    unit = "bytes" if counting == "utf8-bytes" else "characters"
    count = length(text or "", counting)
    over = ": too long, the bridge will not send it" if limit and count > limit else ""
    return "%d / %d %s%s" % (count, limit, unit, over)
