"""`social-bridge plugin install|build <helpdesk>`: each helpdesk's package says what it installs or
builds (Helpdesk.plugin_actions); this module only finds it and hands it the manifest and settings."""
from __future__ import annotations

import argparse
from pathlib import Path

from bridge import registry
from bridge.errors import ConfigError
from bridge.helpdesks.base import PluginContext


def add_plugin_parser(sub: argparse._SubParsersAction) -> None:
    plugin = sub.add_parser("plugin", help="install, build or check the helpdesk plugin")
    plugin_sub = plugin.add_subparsers(dest="plugin_command", required=True)
    for action, help_text, func in (
        ("install", "apply the plugin manifest to the configured helpdesk", cmd_plugin_install),
        ("build", "write the helpdesk's package or addon", cmd_plugin_build),
    ):
        parser = plugin_sub.add_parser(action, help=help_text)
        helpdesks = _helpdesks_with(action)
        sub_helpdesks = parser.add_subparsers(dest="helpdesk", required=True, metavar="{" + ",".join(helpdesks) + "}")
        for name, cls in helpdesks.items():
            one = sub_helpdesks.add_parser(name, help=f"{action} for {name}")
            if action == "install":
                one.add_argument("--dry-run", action="store_true", help="show what would change; change nothing")
            else:
                one.add_argument("--output", type=Path, help="file to write (default: in the current directory)")
            one.add_argument("--manifest-dir", type=Path, help="plugin manifest directory (default: plugin_manifest/)")
            cls.add_plugin_arguments(action, one)
            one.set_defaults(func=func)


def _helpdesks_with(action: str) -> dict:
    return {name: cls for name, cls in registry.helpdesks().items() if action in cls.plugin_actions}


def _manifest_loader(args):
    from bridge.plugin.manifest import DEFAULT_MANIFEST_DIR, load_manifest

    directory = args.manifest_dir or DEFAULT_MANIFEST_DIR
    if not (directory / "manifest.yaml").is_file():
        raise ConfigError(f"{directory}: no manifest.yaml here; pass --manifest-dir")
    return lambda: load_manifest(registry.channel_labels(), directory, registry.reply_rules())


def cmd_plugin_install(args) -> int:
    from bridge.config import load_settings
    from bridge.pipeline.mapping import load_mappings
    from bridge.store import Store

    settings = load_settings()
    if settings.helpdesk_kind != args.helpdesk:
        raise ConfigError(f"{settings.config_path}: helpdesk.kind is {settings.helpdesk_kind}; "
                          f"`plugin install {args.helpdesk}` needs helpdesk.kind {args.helpdesk}")
    context = PluginContext(
        config_path=settings.config_path, helpdesk_settings=settings.helpdesk_settings, public_url=settings.public_url,
        account_channels=tuple(channel for channel, _ in settings.accounts),
        load_mappings=lambda: load_mappings(settings.mappings_dir, registry.sla_defaults()),
        load_manifest=_manifest_loader(args),
        open_store=lambda: Store(settings.database_url),
    )
    return registry.helpdesks()[args.helpdesk].plugin_install(context, args)


def cmd_plugin_build(args) -> int:
    print(registry.helpdesks()[args.helpdesk].plugin_build(_manifest_loader(args)(), args))
    return 0
