"""Vendor Den Haag's theme: the design tokens of @gemeente-denhaag/design-tokens-components (EUPL-1.2),
fetched from npm, written to assets/themes/denhaag/ with the package's licence.

Of the package's 2,000-odd tokens it keeps the ones the dashboard's CSS reads (every `var(--utrecht-…)`
in assets/style.css) and the Den Haag tokens those refer to, values unchanged: 136 KB becomes a few
hundred bytes a phone has to fetch and parse. Run again (with network access to npm) to update:

    python scripts/vendor_denhaag_theme.py [version]
"""

import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "@gemeente-denhaag/design-tokens-components"
VERSION = sys.argv[1] if len(sys.argv) > 1 else "4.1.0"
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "assets" / "themes" / "denhaag"
DECLARATION = re.compile(r"^\s*(--[a-z0-9-]+):\s*(.+?);\s*$", re.M)
REFERENCE = re.compile(r"var\((--[a-z0-9-]+)")


def tokens_read(css):
    return set(REFERENCE.findall(css))


def main():
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
        with tarfile.open(next(Path(tmp).glob("*.tgz"))) as tar:
            theme = tar.extractfile("package/dist/theme/index.css").read().decode()
            licence = tar.extractfile("package/LICENSE.md").read().decode()
    declared = dict(DECLARATION.findall(theme))
    wanted = {name for name in tokens_read((ROOT / "assets" / "style.css").read_text()) if name.startswith("--utrecht-")}
    kept, todo = set(), [name for name in wanted if name in declared]
    while todo:  # the tokens read, and what they refer to
        name = todo.pop()
        if name not in kept:
            kept.add(name)
            todo.extend(ref for ref in REFERENCE.findall(declared[name]) if ref in declared)
    lines = [f"  {name}: {declared[name]};" for name in sorted(kept)]
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "tokens.css").write_text(
        f"/* Den Haag's design tokens: a selection of {PACKAGE}@{VERSION}, values unchanged.\n"
        " * Copyright (C) Gemeente Den Haag. Licensed under the EUPL-1.2 (LICENSE.md beside this file).\n"
        " * Written by scripts/vendor_denhaag_theme.py: the tokens the dashboard's CSS reads and those they refer to.\n"
        " * The house font (TheSans) is not included; the host's own font, where it is licensed, can be added\n"
        " * in a WIJKDASHBOARD_THEME_CSS file. */\n"
        ".denhaag-theme {\n" + "\n".join(lines) + "\n}\n")
    (OUT / "LICENSE.md").write_text(licence)
    print(f"{len(kept)} tokens of {len(declared)} → {OUT / 'tokens.css'}")


if __name__ == "__main__":
    main()
