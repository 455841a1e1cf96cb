"""The network's sections. Every page type of the app is importable from here."""

from pages.models.quality import QualityImprovementIndexPage, QualityMeasurePage
from pages.models.sections import ContentPage, SectionPage
from pages.models.staff_groups import StaffGroupContact, StaffGroupPage
from pages.models.training import TrainingCoursePage, TrainingIndexPage, TrainingSession

__all__ = [
    "ContentPage",
    "QualityImprovementIndexPage",
    "QualityMeasurePage",
    "SectionPage",
    "StaffGroupContact",
    "StaffGroupPage",
    "TrainingCoursePage",
    "TrainingIndexPage",
    "TrainingSession",
]
