from tests.pages.conftest import groups, training  # noqa: F401 (fixtures shared here)
