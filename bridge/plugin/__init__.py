"""The helpdesk plugin: what the bridge installs inside a helpdesk (plugin_manifest/), and the
commands that install it (Zammad, over its API), build it (a Zammad package, an Odoo addon) or
check it (django-helpdesk)."""
