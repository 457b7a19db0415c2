"""Stories (Verhaal): every shipped story is told from the layers in both languages, its numbers are the
raw files' values, a broken story stops the start with one line naming the file and the step, and a
changed raw value is the new number in the story after a rebuild."""

import csv
import html
import os
import re
import subprocess
import sys

import pandas as pd
import pytest

from wijkdashboard import settings
from wijkdashboard.app.context import EXTENSION
from wijkdashboard.app.stories.check import Checker
from wijkdashboard.app.stories.model import StoryError, load, load_all
from wijkdashboard.tools.serve import free_port, start_server, stop

CODE = "BU05991692"  # Hoogvliet-Noord: Nieuw Engeland
RAW_2014 = "stats/kwb2014_82931NED_statline-export_gemeente_wijk_buurt_GM0599_from_Vergewijk.csv"
RAW_2024 = "stats/kwb2024_85984NED_wijkbuurtkaart2024v2_buurt_Rijnmond_incl_GM0599_from_NPRZ-app.parquet"


@pytest.fixture(scope="module")
def told(app):
    return app.server.extensions[EXTENSION].parts["verhaal"]


def step_texts(page):
    """The text of every step of a story page, tags taken out, in order."""
    return [html.unescape(re.sub(r"<[^>]+>", "", body))
            for body in re.findall(r'<p class="story-body">(.*?)</p>', page)]


def raw_2014_row(raw_dir):
    """Hoogvliet-Noord's row of the 2014 StatLine export, read with the csv module (the build not used):
    the header's names are spread over four lines; the values of a row follow the same order."""
    with open(raw_dir / RAW_2014, encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    row = next(r for r in rows if CODE in r)
    names = [c.strip("|") for c in rows[3]]
    return row, names


def test_every_shipped_story_is_told_in_both_languages(told, dash_client):
    assert set(told.stories) == {"nieuw-engeland", "wijkbeleid-in-golven", "selwerd", "morgenstond-west"}
    for slug, story in told.stories.items():
        assert 5 <= len(story.steps) <= 12
        for lang in ("nl", "en"):
            steps = told.steps(slug, lang)
            assert len(steps) == len(story.steps)
            for step, figures, visual in steps:
                assert "<svg" in visual, f"{slug}: every step shows a map or a chart"
                assert set(figures) == set(step.numbers)
            # A step's text names its sources: a line per step, the figures' products in it.
            page = dash_client.transport.client.get(f"/verhaal?story={slug}&lang={lang}").get_data(as_text=True)
            assert page.count('class="story-source"') == len(story.steps)  # in the first paint: the whole story
            assert "{" not in "".join(step_texts(page)), "no placeholder left unfilled"


def test_the_numbers_are_the_raw_files_values(told, raw_dir):
    row, names = raw_2014_row(raw_dir)
    owner_2014 = int(row[names.index("Koopwoningen")])
    woz_2014 = int(row[names.index("Gemiddelde woningwaarde")])
    later = pd.read_parquet(raw_dir / RAW_2024)
    later = later[later["buurtcode"] == CODE].iloc[0]
    owner_2024, woz_2024 = int(later["percentage_koopwoningen"]), int(later["gemiddelde_woningwaarde"])
    # The story's own text holds placeholders, not figures: the figures come from the layers.
    assert str(owner_2014) not in told.stories["nieuw-engeland"].steps[3].text["nl"]
    steps = told.steps("nieuw-engeland", "nl")
    owner = steps[3][1]
    assert (owner["first"].text, owner["first"].attributes["year"]) == (f"{owner_2014},0 %", 2014)
    assert (owner["last"].text, owner["last"].attributes["year"]) == (f"{owner_2024},0 %", 2024)
    sign = "+" if owner_2024 > owner_2014 else "-" if owner_2024 < owner_2014 else ""
    assert owner["change"].text == f"{sign}{abs(owner_2024 - owner_2014)},0 procentpunt"
    woz = steps[5][1]
    assert woz["first"].text == f"€ {woz_2014}.000" and woz["last"].text == f"€ {woz_2024}.000"
    assert any("82931NED" in s for s in woz["first"].sources) and any("85984NED" in s for s in woz["last"].sources)
    english = told.steps("nieuw-engeland", "en")[3][1]
    assert english["change"].text == f"{sign}{abs(owner_2024 - owner_2014)}.0 percentage points"


def test_a_value_cbs_did_not_publish_is_unknown_with_its_reason_never_zero(told):
    selwerd = told.steps("selwerd", "nl")
    tenure = selwerd[-1][1]["tenure"]  # Groningen's buurten have no tenure figures in these layers
    assert not tenure.known and tenure.text.startswith("onbekend (") and "0" not in tenure.text


def write_story(folder, steps, name="broken.yaml"):
    folder.mkdir(exist_ok=True)
    import yaml
    (folder / name).write_text(yaml.safe_dump({
        "title": {"nl": "Proef", "en": "Trial"}, "summary": {"nl": "Een proef.", "en": "A trial."},
        "steps": steps}, allow_unicode=True), encoding="utf-8")
    return folder / name


GOOD = {"title": {"nl": "Stap", "en": "Step"}, "view": {"kind": "study", "area": "nieuw_engeland",
                                                         "indicator": "pct_owner_occupied"},
        "numbers": {"x": {"kind": "value", "indicator": "pct_owner_occupied", "area": "nieuw_engeland"}},
        "text": {"nl": "Koop: {x} in {x.year}.", "en": "Owned: {x} in {x.year}."}}


def broken(**change):
    step = {**GOOD, **{k: v for k, v in change.items() if k in GOOD}}
    if "number" in change:
        step = {**step, "numbers": {"x": {**GOOD["numbers"]["x"], **change["number"]}}}
    return step


@pytest.mark.parametrize("step, fault", [
    (broken(number={"indicator": "pct_unicorns"}), "unknown indicator 'pct_unicorns'"),
    (broken(number={"area": "atlantis"}), "unknown area 'atlantis'"),
    (broken(number={"year": 1975}), "year 1975 is not a year of 'pct_owner_occupied'"),
    (broken(view={"kind": "map", "city": "utrecht", "indicator": "pct_owner_occupied"}), "unknown city 'utrecht'"),
    (broken(text={"nl": "Koop: {y}.", "en": "Owned: {y}."}), "placeholder {y} (nl) is not among the step's numbers"),
    (broken(text={"nl": "Koop: {x.from}.", "en": "Owned: {x}."}), "{x.from}: a value has year"),
    (broken(text={"nl": "Koop: 56,0 %.", "en": "Owned: {x}."}), "a figure typed into the text (nl: '56,0')"),
])
def test_a_broken_story_names_its_file_and_step_in_one_line(told, tmp_path, step, fault):
    path = write_story(tmp_path / "stories", [GOOD, step])
    with pytest.raises(StoryError) as caught:
        Checker(told.numbers.store, told.numbers, told.numbers.slugs).story(load(path))
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}, step 2: ") and fault in message, message


def test_the_server_does_not_start_on_a_broken_story(tmp_path, built_dir):
    """The command a municipality runs: one line on stderr, exit 2, no traceback."""
    folder = tmp_path / "stories"
    write_story(folder, [GOOD, broken(number={"indicator": "pct_unicorns"})], "eigen.yaml")
    result = subprocess.run([sys.executable, "-m", "wijkdashboard.cli", "serve", "--dev", "--port", str(free_port())],
                            env={**_env(), "WIJKDASHBOARD_STORIES": str(folder), "WIJKDASHBOARD_LAYERS": str(built_dir),
                                 "WIJKDASHBOARD_CACHE_DIR": str(tmp_path / "cache")},
                            capture_output=True, text=True, timeout=180, cwd=settings.PROJECT_DIR)
    assert result.returncode == 2, result.stderr[-2000:]
    lines = result.stderr.strip().splitlines()
    assert lines == [f"error: {folder / 'eigen.yaml'}, step 2: unknown indicator 'pct_unicorns'"]


def test_a_municipality_adds_its_own_story_without_code(tmp_path, monkeypatch):
    folder = tmp_path / "stories"
    write_story(folder, [GOOD], "5_onze_wijk.yaml")
    monkeypatch.setattr(settings, "STORIES_DIR", str(folder))
    stories = load_all()
    assert list(stories)[-1] == "onze-wijk" and len(stories) == 5


def _env():
    return dict(os.environ)


@pytest.mark.build
def test_a_changed_raw_value_is_the_new_number_in_the_story(tmp_path, raw_dir):
    """Change Hoogvliet-Noord's 2014 mean WOZ value in a copy of the raw files, rebuild, serve: step 6 of
    the Nieuw Engeland story says the new value."""
    import shutil
    raw = tmp_path / "raw"
    shutil.copytree(raw_dir, raw)
    path = raw / RAW_2014
    row, names = raw_2014_row(raw_dir)
    old = int(row[names.index("Gemiddelde woningwaarde")])
    new = old - 5
    text = path.read_bytes()
    line = next(x for x in text.split(b"\n") if CODE.encode() in x)
    cells = line.split(b";")
    cells[names.index("Gemiddelde woningwaarde")] = str(new).encode()
    path.write_bytes(text.replace(line, b";".join(cells)))
    out = tmp_path / "layers"
    result = subprocess.run([sys.executable, "-m", "wijkdashboard.builder", "--raw", str(raw), "--out", str(out)],
                            capture_output=True, text=True, cwd=settings.PROJECT_DIR, timeout=600)
    assert result.returncode == 0, result.stderr
    process, url = start_server(WIJKDASHBOARD_LAYERS=str(out), WIJKDASHBOARD_CACHE_DIR=str(tmp_path / "cache"))
    try:
        import urllib.request
        page = urllib.request.urlopen(url + "/verhaal?story=nieuw-engeland&step=6", timeout=60).read().decode()
    finally:
        stop(process)
    woz = step_texts(page)[5]
    assert f"€ {new}.000 in 2014" in woz and f"€ {old}.000" not in woz, woz


def test_the_readmes_example_story_is_a_valid_story(told, tmp_path):
    """The README's how-to is what staff copy: it must load and pass the checks."""
    readme = (settings.PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    example = readme.split("### Writing a story", 1)[1].split("```yaml", 1)[1].split("```", 1)[0]
    path = tmp_path / "5_onze_wijk.yaml"
    path.write_text(example, encoding="utf-8")
    story = load(path)
    Checker(told.numbers.store, told.numbers, told.numbers.slugs).story(story)
    assert story.slug == "onze-wijk"
