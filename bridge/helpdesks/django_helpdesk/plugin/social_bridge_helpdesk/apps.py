from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SocialBridgeConfig(AppConfig):
    name = "social_bridge_helpdesk"
    verbose_name = "Social Helpdesk Bridge"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from social_bridge_helpdesk.setup import install

        post_migrate.connect(install, sender=self, dispatch_uid="social_bridge_helpdesk.install")
