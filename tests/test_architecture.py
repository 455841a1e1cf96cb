"""The layers of docs/architecture.md hold: the import-linter contracts in pyproject.toml."""

import tomllib
from pathlib import Path

from django.apps import apps

from wagtail.fields import StreamField as WagtailStreamField

from importlinter import cli

from core.fields import StreamField

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


def test_every_streamfield_keeps_its_blocks_out_of_migrations():
    """Block edits must not produce migrations: every project StreamField is core's."""
    project_fields = [
        field
        for model in apps.get_models()
        if Path(apps.get_app_config(model._meta.app_label).path).resolve().parent == ROOT
        for field in model._meta.get_fields()
        if isinstance(field, WagtailStreamField)
    ]
    assert project_fields
    for field in project_fields:
        assert isinstance(field, StreamField), field
        name, path, args, kwargs = field.deconstruct()
        assert path == "core.fields.StreamField"
        assert args == [[]]
        assert "block_lookup" not in kwargs
