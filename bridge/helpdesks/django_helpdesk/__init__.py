"""django-helpdesk: the REST adapter, its follow-up webhook, and the set-up check."""
from bridge.helpdesks.django_helpdesk.adapter import DjangoHelpdesk

HELPDESK = DjangoHelpdesk
