"""The bridge's own secret: BRIDGE_SECRET_KEY, else a random key kept in BRIDGE_DATA_DIR/console_secret_key
(made on first use, so restarts keep it). It signs the admin console's session cookie and the short-lived
links of reply images (bridge.media_links), each under its own salt. Every process that signs or checks one
of those must have the same key: set BRIDGE_SECRET_KEY where `serve` and the workers do not share a data
directory (Celery workers on other hosts or containers)."""
from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path

KEY_FILE = "console_secret_key"  # its name from when only the console used it; kept so existing keys stay


def configured(env: Mapping[str, str] | None = None) -> bool:
    """Whether the key is set in the environment (rather than kept in this process's data directory)."""
    return bool((os.environ if env is None else env).get("BRIDGE_SECRET_KEY"))


def secret_key(env: Mapping[str, str] | None = None) -> str:
    env = os.environ if env is None else env
    given = env.get("BRIDGE_SECRET_KEY")
    if given:
        return given
    path = Path(env.get("BRIDGE_DATA_DIR", "var")) / KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written whole under a temporary name, then linked into place: a process starting at the same moment
        # finds either no key or the whole of one, and the first link wins.
        draft = path.with_name(f".{KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
        with os.fdopen(os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as handle:
            handle.write(secrets.token_hex(32))
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links: create it in place, as the first one to get there
            try:
                with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as handle:
                    handle.write(draft.read_text())
            except FileExistsError:
                pass
        finally:
            draft.unlink()
    return path.read_text().strip()
