"""The build side: `wijkdashboard build --raw DIR --out DIR` turns the raw CBS files into
the layers (see layers/). Never imported by the app. The pipeline (geopandas, tobler, PySAL) loads
only when a build runs, so the fetch command can use the vocabulary without it."""


def build(raw_dir, out_dir, progress=True):
    from .pipeline import build as run
    return run(raw_dir, out_dir, progress)


def main(argv=None):
    from .pipeline import main as run
    return run(argv)
