"""`newsgraph eval` dispatches to the benchmark scripts and reports unknown names clearly."""

from __future__ import annotations

from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.commands.evaluate import BENCHMARKS, bench_dir

runner = CliRunner()


def test_every_benchmark_has_a_script():
    folder = bench_dir()
    assert folder is not None
    missing = [name for name in BENCHMARKS if not (folder / f"{name}.py").exists()]
    assert not missing


def test_unknown_benchmark_is_a_clear_error():
    result = runner.invoke(app, ["eval", "nope"])
    assert result.exit_code == 2
    assert "unknown benchmark" in result.output
