"""Over: where every number comes from and what it means — each indicator's definition, unit, CBS
table and years; each raw file; how values are carried across boundary changes and aggregated; what
each segregation index means; the 1999 report's own terms; the policy documents."""

from .callbacks import register
from .layout import layout
from .text import NAME, PATH

__all__ = ["NAME", "PATH", "layout", "register"]
