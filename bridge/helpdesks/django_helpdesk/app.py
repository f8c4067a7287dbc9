"""`social-bridge plugin build django-helpdesk`: the Django app `social_bridge_helpdesk` (plugin/), zipped with
the canned replies of the plugin manifest. The site adds it to INSTALLED_APPS before "helpdesk"."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

from bridge import __version__
from bridge.plugin.manifest import Manifest

APP_NAME = "social_bridge_helpdesk"
APP_DIR = Path(__file__).resolve().parent / "plugin" / APP_NAME
CANNED_REPLIES_FILE = "canned_replies.json"


def canned_replies_json(manifest: Manifest) -> str:
    """The manifest's canned replies, as the app's setup reads them (django-helpdesk pre-set replies)."""
    replies = [{"name": reply.name, "text": reply.text} for reply in manifest.canned_replies]
    return json.dumps(replies, indent=2, ensure_ascii=False) + "\n"


def _app_files(app_dir: Path) -> list[Path]:
    return sorted(p for p in app_dir.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                  and p.name != CANNED_REPLIES_FILE)


def build_app(manifest: Manifest, output: Path | None) -> Path:
    path = Path(output) if output else Path(f"{APP_NAME}-{__version__}.zip")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for source in _app_files(APP_DIR):
            archive.writestr(f"{APP_NAME}/{source.relative_to(APP_DIR).as_posix()}", source.read_bytes())
        archive.writestr(f"{APP_NAME}/{CANNED_REPLIES_FILE}", canned_replies_json(manifest))
    return path
