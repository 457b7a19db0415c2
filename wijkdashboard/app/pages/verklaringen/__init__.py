"""The statements the law asks of a public site: the accessibility statement (toegankelijkheidsverklaring,
after the Dutch model) and the privacy statement, in Dutch and English, linked from every page's footer.
What only the publishing municipality can say (who it is, how to reach it, the audited status) comes from
settings (wijkdashboard/settings.py)."""

from . import privacy, toegankelijkheid

__all__ = ["privacy", "toegankelijkheid"]
