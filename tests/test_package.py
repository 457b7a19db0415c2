"""`pip install .` gives a working `wijkdashboard`: the wheel holds every module, the assets, the
catalogues and the embedded layers, and the installed copy serves the dashboard away from the checkout."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from wijkdashboard import settings

pytestmark = pytest.mark.build
CHECKOUT = settings.PACKAGE_DIR.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), str(CHECKOUT)],
                   check=True, capture_output=True, timeout=300)
    return next(out.glob("wijkdashboard-*.whl"))


def test_the_wheel_holds_every_module_and_the_files_beside_them(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {p.relative_to(CHECKOUT).as_posix() for p in settings.PACKAGE_DIR.rglob("*.py") if "share" not in p.parts}
    assert modules - names == set()
    for folder in ("assets", "data", "layers"):
        files = {f"wijkdashboard/share/{p.relative_to(CHECKOUT).as_posix()}"
                 for p in (CHECKOUT / folder).rglob("*") if p.is_file()}
        assert files and files - names == set(), folder
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "wijkdashboard = wijkdashboard.cli:main" in zipfile.ZipFile(wheel).read(entry).decode()


def test_the_installed_package_serves_its_embedded_layers_away_from_the_checkout(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    code = ("import wijkdashboard, wijkdashboard.settings as s; from wijkdashboard.app import create_app; "
            "c = create_app().server.test_client(); "
            "print(wijkdashboard.__file__, s.INSTALLED, c.get('/').status_code, c.get('/assets/style.css').status_code)")
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(target), "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    where, installed, page, css = result.stdout.split()
    assert Path(where).is_relative_to(target) and installed == "True" and page == "200" and css == "200"
    helped = subprocess.run([str(target / "bin" / "wijkdashboard"), "build", "--help"], env=env, capture_output=True,
                            text=True, timeout=120)
    assert helped.returncode == 0 and "usage: wijkdashboard build" in helped.stdout


def test_every_module_imports():
    """A module moved without its imports (the CBS vocabulary into core) fails here, not in a user's build."""
    import importlib
    import pkgutil

    import wijkdashboard
    names = [m.name for m in pkgutil.walk_packages(wijkdashboard.__path__, "wijkdashboard.")
             if not m.name.endswith("__main__") and ".share" not in m.name]
    assert len(names) > 80
    for name in names:
        importlib.import_module(name)
