import pytest

from tests.pages.factories import (
    QualityImprovementIndexPageFactory,
    StaffGroupFactory,
    TrainingIndexPageFactory,
)


@pytest.fixture
def groups(db):
    return {
        slug: StaffGroupFactory(name=name, slug=slug)
        for slug, name in [
            ("physiotherapists", "Physiotherapists"),
            ("trauma-surgeons", "Trauma surgeons"),
            ("critical-care-nurses", "Critical care nurses"),
        ]
    }


@pytest.fixture
def training(home_page):
    return TrainingIndexPageFactory(parent=home_page)


@pytest.fixture
def quality(home_page):
    return QualityImprovementIndexPageFactory(parent=home_page)
