from guidelines.models.pages import GuidelineIndexPage, GuidelinePage
from guidelines.models.records import ConsultationComment, GuidelineVersion, ReviewReminder

__all__ = [
    "ConsultationComment",
    "GuidelineIndexPage",
    "GuidelinePage",
    "GuidelineVersion",
    "ReviewReminder",
]
