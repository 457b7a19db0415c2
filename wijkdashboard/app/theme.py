"""The house style, the NL Design System way: a theme is a stylesheet of design tokens (CSS custom
properties under a class such as .denhaag-theme) plus that class on the page. The dashboard's CSS
(assets/style.css) reads the tokens, with neutral fallbacks.

Served as one stylesheet, /theme.css: the neutral tokens first (assets/themes/wijkdashboard), then the
chosen shipped theme (WIJKDASHBOARD_THEME), then a municipality's own file (WIJKDASHBOARD_THEME_CSS), so
a theme sets what it has and the neutral tokens fill in the rest. Its address carries a digest of its
content: cached for a year, replaced when it changes."""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .. import settings

THEMES_DIR = settings.PROJECT_DIR / "assets" / "themes"
NEUTRAL = "wijkdashboard"
PATH = "/theme.css"


class ThemeError(ValueError):
    """A theme that cannot be served: said in one line at start."""


@dataclass(frozen=True)
class Theme:
    name: str
    css: str

    @property
    def body_class(self):
        return " ".join(dict.fromkeys([f"{NEUTRAL}-theme", f"{self.name}-theme"]))

    @property
    def href(self):
        return f"{PATH}?m={hashlib.sha256(self.css.encode()).hexdigest()[:12]}"


def shipped():
    return sorted(p.name for p in THEMES_DIR.iterdir() if (p / "tokens.css").is_file())


def chosen(name=None, own_css=None):
    """The theme to serve: by name (a shipped one, or the name of the class a municipality's own token
    file sets), and that file."""
    name = (name or settings.THEME).strip().lower()
    own_css = own_css if own_css is not None else settings.THEME_CSS
    if not name.replace("-", "").isalnum():
        raise ThemeError(f"WIJKDASHBOARD_THEME={name!r}: a theme's name is letters, digits and hyphens")
    parts = [(THEMES_DIR / NEUTRAL / "tokens.css").read_text(encoding="utf-8")]
    if name != NEUTRAL and name in shipped():
        parts.append((THEMES_DIR / name / "tokens.css").read_text(encoding="utf-8"))
    elif name != NEUTRAL and not own_css:
        raise ThemeError(f"WIJKDASHBOARD_THEME={name!r}: no such theme (shipped: {', '.join(shipped())}); "
                         f"a municipality's own theme also needs WIJKDASHBOARD_THEME_CSS=<its token file>")
    if own_css:
        path = Path(own_css)
        if not path.is_file():
            raise ThemeError(f"WIJKDASHBOARD_THEME_CSS={own_css}: no such file")
        parts.append(path.read_text(encoding="utf-8"))
    return Theme(name, "\n".join(parts))


def register(server, theme):
    """/theme.css, and the class the page's <body> carries (firstpaint/index_page.py)."""
    from flask import Response

    @server.route(PATH)
    def theme_css():
        return Response(theme.css, mimetype="text/css")
