"""The layers of docs/architecture.md hold: the import-linter contracts in pyproject.toml."""

import tomllib
from pathlib import Path

from django.apps import apps

from importlinter import cli

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"


def test_import_contracts_are_kept():
    assert cli.lint_imports(config_filename=str(PYPROJECT), no_cache=True, no_logo=True) == 0


def test_every_project_app_is_under_the_contracts():
    """An app left out of ``root_packages`` would escape every contract."""
    config = tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]
    project_apps = {
        app.name.split(".")[0]
        for app in apps.get_app_configs()
        if Path(app.path).resolve().parent == ROOT
    }
    assert project_apps <= set(config["root_packages"])
    layered = {
        name.strip()
        for contract in config["contracts"]
        if contract["type"] == "layers"
        for layer in contract["layers"]
        for name in layer.split("|")
    }
    assert project_apps <= layered
