"""The words a guideline is described in, shared by models, filters, the API and docs."""

from django.db import models


class DocumentType(models.TextChoices):
    GUIDELINE = "guideline", "Guideline"
    PATHWAY = "pathway", "Pathway"
    POLICY = "policy", "Policy"
    SOP = "sop", "Standard operating procedure (SOP)"
    PATIENT_INFORMATION = "patient-information", "Patient information"


class Pathway(models.TextChoices):
    ADULT_CRITICAL_CARE = "adult-critical-care", "Adult critical care"
    MAJOR_TRAUMA = "major-trauma", "Major trauma"
    BOTH = "both", "Adult critical care and major trauma"


def pathway_values(value: str) -> list[str]:
    """The stored pathways a ``pathway`` filter value stands for (empty if unknown).

    A guideline for both pathways is found under either of them.
    """
    if value in (Pathway.ADULT_CRITICAL_CARE, Pathway.MAJOR_TRAUMA):
        return [value, Pathway.BOTH.value]
    return [value] if value == Pathway.BOTH else []


class GuidelineStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    CONSULTATION = "consultation", "Out for consultation"
    APPROVED = "approved", "Approved"
    SUPERSEDED = "superseded", "Superseded"
    WITHDRAWN = "withdrawn", "Withdrawn"


# Statuses whose guideline is the network's guidance and so has a review date to keep.
IN_FORCE = (GuidelineStatus.APPROVED,)
# Statuses that say a guideline is no longer the network's guidance.
RETIRED = (GuidelineStatus.SUPERSEDED, GuidelineStatus.WITHDRAWN)

# Controlled documents are PDF or Word files, whose text is indexed for search.
DOCUMENT_EXTENSIONS = ("pdf", "docx")
