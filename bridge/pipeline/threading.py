"""Which conversation (and so which ticket) a post belongs to."""
from __future__ import annotations

from bridge.model import Post


def thread_key(post: Post, parent_thread: str | None) -> str:
    """A DM conversation is one thread. A public post joins its parent's thread when the bridge already
    holds the parent (so a reply under a comment stays on that ticket); otherwise the platform's
    conversation id decides."""
    if post.kind.is_private:
        return f"dm:{post.conversation_id}"
    if parent_thread:
        return parent_thread
    return f"public:{post.conversation_id}"
