"""Social Helpdesk Bridge: social posts become helpdesk tickets, agent replies go back to the thread."""

__version__ = "0.1.0"
