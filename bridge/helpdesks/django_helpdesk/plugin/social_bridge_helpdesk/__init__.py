"""Social Helpdesk Bridge inside django-helpdesk (2.6.x): a Django app for the helpdesk's site.

- follow-ups are internal notes unless the agent explicitly chooses to send one to the customer; the
  reply form says where a reply goes (public on X as @brand, private message, phone) and counts its
  length the way that platform does;
- the customer (handle, profile, followers, earlier tickets, sensitive data) at the top of each ticket;
- priority names in the dashboard, priority and due date in the ticket list;
- the bridge's custom fields and canned replies (pre-set replies), created on `manage.py migrate`;
- `followup_webhook_urls`, for HELPDESK_GET_FOLLOWUP_WEBHOOK_URLS, and a status page the bridge's
  `social-bridge plugin install django-helpdesk` checks.

Put it in INSTALLED_APPS *before* "helpdesk" (its templates must win), include its URLs, and point
django-helpdesk's follow-up webhook at the bridge; see docs/helpdesks/django-helpdesk.md.
"""
VERSION = "1"
