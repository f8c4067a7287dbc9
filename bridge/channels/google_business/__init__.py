"""Google Business Profile: a location's reviews, polled, with their star rating; the business's one
public reply to each (editable)."""
from bridge.channels.google_business.channel import GoogleBusinessChannel

CHANNEL = GoogleBusinessChannel
