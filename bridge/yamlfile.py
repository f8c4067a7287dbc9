"""Reading an admin's YAML file, with errors that name the file."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bridge.errors import ConfigError


def load_yaml_mapping(path: Path) -> dict[str, Any]:
    source = str(path)
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{source}: cannot read: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{source}: not valid YAML: {exc}") from exc
    if not isinstance(document, dict):
        raise ConfigError(f"{source}: expected a mapping of keys at the top level")
    return document
