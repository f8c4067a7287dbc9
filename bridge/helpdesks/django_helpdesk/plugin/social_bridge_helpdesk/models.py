# No models of its own: the app stores what it needs in django-helpdesk's custom fields and pre-set
# replies. The module exists so that Django sends this app post_migrate (see setup.py).
