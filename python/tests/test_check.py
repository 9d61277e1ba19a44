"""`tthc.check` finds what `tthc check --format json` finds, with every diagnostic's
code, severity, place and both languages; `Catalogue.load` refuses a catalogue with
errors and carries the same diagnostics."""

from __future__ import annotations

import json
import shutil

import pytest

import tthc
from conftest import FIXTURES, PROCEDURES

RULE_FIXTURES = sorted((FIXTURES / "rules").glob("*.tthc"))


def _cli_check(cli, path, at: str, lang: str) -> dict:
    """`tthc check --format json`, run where a relative `path` is (the repository)."""
    done = cli.run("check", str(path), "--format", "json", "--at", at, lang=lang, cwd=PROCEDURES.parent)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


def _same_as_cli(result: tthc.CheckResult, report: dict, lang: str) -> None:
    assert [d.to_dict(lang) for d in result.diagnostics] == report["diagnostics"]
    assert (result.errors, result.warnings, result.procedures, result.files) == (
        report["errors"],
        report["warnings"],
        report["procedures"],
        report["files"],
    )
    assert result.ok == (report["errors"] == 0)


def test_every_rule_fixture_is_found_as_the_cli_finds_it(cli):
    assert len(RULE_FIXTURES) >= 30
    # Coverage (TTHC034, TTHC035) depends on the date asked about; every other fixture
    # triggers its own rule.
    for path in RULE_FIXTURES:
        result = tthc.check(path, at="2025-06-30")
        if path.stem not in ("TTHC034", "TTHC035"):
            assert path.stem in {d.code for d in result}, path.name
        for lang in ("en", "vi"):
            _same_as_cli(result, _cli_check(cli, path, "2025-06-30", lang), lang)


def test_a_diagnostic_in_both_languages():
    result = tthc.check(FIXTURES / "rules" / "TTHC001.tthc", at="2025-06-30")
    d = next(d for d in result if d.code == "TTHC001")
    assert d.severity == "error" and d.is_error
    assert d.message("en") == d.message_en and d.message("vi") == d.message_vi
    assert d.help("vi") == d.help_vi and d.help_en
    assert d.message_en != d.message_vi
    assert d.file.endswith("TTHC001.tthc") and "\\" not in d.file
    assert (d.line, d.column) <= (d.end_line, d.end_column)
    assert str(d).startswith(f"{d.file}:{d.line}:{d.column}: error TTHC001")
    with pytest.raises(ValueError):
        d.message("fr")


def test_the_bundled_catalogue_is_clean_then_lapses(cli, monkeypatch):
    monkeypatch.chdir(PROCEDURES.parent)
    clean = tthc.check("procedures", at="2025-06-30")
    assert (clean.errors, clean.warnings, len(clean)) == (0, 0, 0)
    assert clean.catalogue == "procedures" and clean.elsewhere is None
    # District-level items A.1–A.15 end on 30/06/2025 (tests/coverage.rs).
    lapsed = tthc.check("procedures", at="2025-07-01")
    assert lapsed.warnings == 15 and {d.code for d in lapsed} == {"TTHC034"}
    _same_as_cli(lapsed, _cli_check(cli, "procedures", "2025-07-01", "vi") | {}, "vi")


def test_a_file_inside_a_catalogue_is_checked_in_its_context(cli, monkeypatch):
    monkeypatch.chdir(PROCEDURES.parent)
    one = sorted((PROCEDURES / "1086-QD-UBND").glob("a01-*.tthc"))[0]
    rel = one.relative_to(PROCEDURES.parent)
    result = tthc.check(rel, at="2025-07-01")
    assert result.files == 1 and result.elsewhere == (0, 14)
    _same_as_cli(result, _cli_check(cli, rel, "2025-07-01", "en"), "en")


def test_loading_a_catalogue_with_errors_raises_its_diagnostics(tmp_path):
    broken = tmp_path / "procedures"
    shutil.copytree(PROCEDURES, broken)
    victim = sorted((broken / "1086-QD-UBND").glob("b16-*.tthc"))[0]
    victim.write_text(victim.read_text(encoding="utf-8").replace("step ", "stpe ", 1), encoding="utf-8")
    with pytest.raises(tthc.CatalogueError) as raised:
        tthc.Catalogue.load(broken)
    e = raised.value
    assert e.code == "invalid_catalogue"
    assert e.diagnostics and all(d.file.endswith(victim.name) for d in e.diagnostics if d.is_error)
    checked = tthc.check(broken, at="2025-06-30")
    assert [d.to_dict("vi") for d in e.diagnostics] == [d.to_dict("vi") for d in checked.diagnostics]
    assert e.message_en.startswith(f"the catalogue has {checked.errors} error")


def test_an_unreadable_path_is_a_catalogue_error(tmp_path):
    for call in (lambda p: tthc.Catalogue.load(p), lambda p: tthc.check(p)):
        with pytest.raises(tthc.CatalogueError) as raised:
            call(tmp_path / "nowhere")
        assert raised.value.code == "unreadable_sources"
        assert "nowhere" in raised.value.message_en and "nowhere" in raised.value.message_vi
        assert raised.value.diagnostics == []
