"""The helpdesk plugin's shared part: the manifest (plugin_manifest/manifest.yaml) every helpdesk
package reads, and the `plugin install|build` commands, which ask each helpdesk what it does."""
