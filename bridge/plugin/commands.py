"""`social-bridge plugin …`: install the manifest into Zammad, build the Zammad package and the
Odoo addon, check a django-helpdesk setup."""
from __future__ import annotations

import argparse
import os
from datetime import datetime, timezone
from pathlib import Path

from bridge.errors import ConfigError

ADMIN_TOKEN_ENV = "ZAMMAD_ADMIN_TOKEN"


def add_plugin_parser(sub: argparse._SubParsersAction) -> None:
    plugin = sub.add_parser("plugin", help="install, build or check the helpdesk plugin")
    plugin_sub = plugin.add_subparsers(dest="plugin_command", required=True)

    install = plugin_sub.add_parser("install", help="apply the plugin manifest to the configured helpdesk")
    install.add_argument("helpdesk", choices=("zammad", "django-helpdesk"))
    install.add_argument("--dry-run", action="store_true", help="show what would change; change nothing")
    install.add_argument("--manifest-dir", type=Path, help="plugin manifest directory (default: plugin_manifest/)")
    install.set_defaults(func=cmd_plugin_install)

    build = plugin_sub.add_parser("build", help="write the Zammad package or the Odoo addon zip")
    build.add_argument("helpdesk", choices=("zammad", "odoo"))
    build.add_argument("--output", type=Path, help="file to write (default: in the current directory)")
    build.add_argument("--flavour", choices=("helpdesk_mgmt", "helpdesk"), default="helpdesk_mgmt",
                       help="odoo: OCA helpdesk_mgmt (default) or Odoo Enterprise's helpdesk")
    build.add_argument("--manifest-dir", type=Path, help="plugin manifest directory (default: plugin_manifest/)")
    build.set_defaults(func=cmd_plugin_build)


def _manifest_dir(args) -> Path:
    from bridge.plugin.manifest import DEFAULT_MANIFEST_DIR

    directory = args.manifest_dir or DEFAULT_MANIFEST_DIR
    if not (directory / "manifest.yaml").is_file():
        raise ConfigError(f"{directory}: no manifest.yaml here; pass --manifest-dir")
    return directory


def cmd_plugin_install(args) -> int:
    from bridge.config import load_settings

    settings = load_settings()
    wanted_kind = args.helpdesk
    if settings.helpdesk_kind != wanted_kind:
        raise ConfigError(f"{settings.config_path}: helpdesk.kind is {settings.helpdesk_kind}; "
                          f"`plugin install {wanted_kind}` needs helpdesk.kind {wanted_kind}")
    if wanted_kind == "django-helpdesk":
        return _check_django_helpdesk(settings, args)
    return _install_zammad(settings, args)


def _install_zammad(settings, args) -> int:
    from bridge.pipeline.mapping import load_mappings
    from bridge.plugin.manifest import load_manifest
    from bridge.plugin.zammad import ZammadInstaller, channel_slas, describe_plan, describe_report, load_rendering

    directory = _manifest_dir(args)
    installer = ZammadInstaller(
        settings.helpdesk_settings, settings.public_url, load_manifest(directory), load_rendering(directory),
        admin_token=os.environ.get(ADMIN_TOKEN_ENV) or None,
        channel_slas=channel_slas(load_mappings(settings.mappings_dir), [channel for channel, _ in settings.accounts]),
    )
    plan = installer.plan()
    print("\n".join(describe_plan(plan, dry_run=args.dry_run)), flush=True)
    if args.dry_run or plan.nothing_to_change:
        return 0
    print("\n".join(describe_report(installer.apply(plan))))
    return 0


def _check_django_helpdesk(settings, args) -> int:
    from bridge.pipeline.mapping import SAMPLE_POST, load_mappings
    from bridge.plugin.django_helpdesk import FAIL, Finding, check_django_helpdesk, describe_findings

    if not args.dry_run:
        raise ConfigError("django-helpdesk is set up on its own side (queue, staff user, webhook setting); "
                          "run `social-bridge plugin install django-helpdesk --dry-run` to check it")
    findings: list[Finding] = []
    mapping_queues: dict[str, str] = {}
    try:
        for channel, mapping in load_mappings(settings.mappings_dir).items():
            mapping_queues[channel] = mapping.render("queue", SAMPLE_POST)
    except ConfigError as exc:
        findings.append(Finding(FAIL, "mappings", str(exc)))
    findings += check_django_helpdesk(settings, mapping_queues)
    print("\n".join(describe_findings(findings)))
    return 1 if any(f.status == FAIL for f in findings) else 0


def cmd_plugin_build(args) -> int:
    directory = _manifest_dir(args)
    if args.helpdesk == "zammad":
        from bridge.plugin.zammad_package import build_package, write_package

        path = write_package(build_package(directory, datetime.now(timezone.utc)), args.output)
        print(f"wrote {path}: upload it in Zammad (Admin → System → Packages), then run "
              "`zammad run rake zammad:package:migrate` and restart Zammad")
        return 0
    from bridge.plugin.manifest import load_manifest
    from bridge.plugin.odoo_addon import ADDON_NAME, build_addon

    path = build_addon(directory, load_manifest(directory), args.flavour, args.output)
    print(f"wrote {path}: unzip it into an Odoo addons path, update the Apps list and install {ADDON_NAME}")
    return 0
