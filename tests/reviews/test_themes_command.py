"""`vawdasv themes evaluate`, as the issue's "Command line" section specifies. No database."""

import csv
import json
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from vawdasv.reviews.fictional import corpus


def write_csv(path, header, rows):
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def labelled(tmp_path):
    rows = [
        (i, text, ";".join(sorted(themes)), "ignored")
        for i, (text, themes) in enumerate(corpus(150))
    ]
    return write_csv(tmp_path / "labelled.csv", ["id", "text", "themes", "note"], rows)


def run_json(*args):
    from io import StringIO

    out = StringIO()
    call_command("themes", "evaluate", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_json_output_has_the_documented_shape(labelled):
    result = run_json("--labelled", str(labelled))
    assert set(result) == {"classifier", "keyword_baseline", "n_texts", "themes"}
    assert result["n_texts"] == 150
    for side in ("classifier", "keyword_baseline"):
        assert isinstance(result[side]["micro_f1"], float)
        assert isinstance(result[side]["macro_f1"], float)
        assert set(result[side]["per_theme"]) == set(result["themes"])
    assert "coercive-control" in result["themes"]


def test_the_same_file_gives_the_same_scores(labelled):
    assert run_json("--labelled", str(labelled)) == run_json("--labelled", str(labelled))


def test_the_classifier_is_not_worse_than_the_keywords_it_is_given(labelled):
    result = run_json("--labelled", str(labelled))
    assert result["classifier"]["micro_f1"] >= result["keyword_baseline"]["micro_f1"]


def test_keywords_for_codes_outside_the_codebook_come_from_a_file(tmp_path):
    rows = [(f"The {w} was fixated on her {i}", "obsession") for i, w in enumerate(["man"] * 6)]
    rows += [(f"The meeting on day {i} was quorate", "governance") for i in range(6)]
    labelled = write_csv(tmp_path / "l.csv", ["text", "themes"], rows)
    keywords = write_csv(tmp_path / "k.csv", ["theme", "keywords"], [("obsession", "fixated")])
    result = run_json("--labelled", str(labelled), "--keywords", str(keywords))
    per_theme = result["keyword_baseline"]["per_theme"]
    assert per_theme["obsession"]["recall"] == 1.0
    assert per_theme["governance"]["recall"] == 0.0


def test_fewer_than_two_themes_with_enough_examples_is_refused(tmp_path):
    rows = [("text one", "a")] * 10 + [("text two", "b")] * 3
    labelled = write_csv(tmp_path / "l.csv", ["text", "themes"], rows)
    with pytest.raises(CommandError, match="fewer than two themes") as raised:
        call_command("themes", "evaluate", "--labelled", str(labelled))
    assert raised.value.returncode == 2


def test_a_file_without_the_columns_is_refused(tmp_path):
    labelled = write_csv(tmp_path / "l.csv", ["sentence", "codes"], [("x", "y")])
    with pytest.raises(CommandError, match="no column text, themes") as raised:
        call_command("themes", "evaluate", "--labelled", str(labelled))
    assert raised.value.returncode == 2


def test_an_unreadable_file_exits_2_with_the_reason_on_stderr(tmp_path):
    (tmp_path / "bad.csv").write_bytes(b"\xff\xfe\x00not utf-8 \xff")
    command = [sys.executable, "-m", "vawdasv", "themes", "evaluate", "--labelled"]
    done = subprocess.run(
        [*command, str(tmp_path / "bad.csv")], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert "not UTF-8" in done.stderr
    assert done.stdout == ""
