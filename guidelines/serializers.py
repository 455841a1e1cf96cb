"""API v2 fields of a guideline: the controlled document's download URL and the
published versions, each with its stable address."""

from rest_framework import serializers

from core.access import document_hidden_for_request, visible_pages


def absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if request is not None else url


class DocumentDownloadField(serializers.Field):
    """The controlled document as ``{title, url, file_extension}``, or null (also when
    its collection keeps it from the requester).

    ``url`` is absolute; the file is served only to those who may see the guideline.
    """

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance.document if instance.document_id else None

    def to_representation(self, document):
        if document_hidden_for_request(self.context.get("request"), document):
            return None
        return {
            "title": document.title,
            "url": absolute(self.context.get("request"), document.url),
            "file_extension": document.file_extension.lower(),
        }


class VersionsField(serializers.Field):
    """Every published version, newest first, as ``{version, status, approved_on,
    review_due, first_published_at, html_url, document_url}`` (dates ISO 8601)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, page):
        request = self.context.get("request")
        page_url = page.get_full_url(request) or ""
        return [
            {
                "version": version.version,
                "status": version.status,
                "approved_on": version.approved_on.isoformat() if version.approved_on else None,
                "review_due": version.review_due.isoformat() if version.review_due else None,
                "first_published_at": version.first_published_at.isoformat(),
                "html_url": f"{page_url}{version.slug}/" if page_url else None,
                "document_url": (
                    absolute(request, version.document.url)
                    if version.document_id
                    and not document_hidden_for_request(request, version.document)
                    else None
                ),
            }
            for version in page.versions.all()
        ]


def visible_guideline_ids(request, model) -> frozenset[int]:
    """Ids of the guidelines the request's user may see, worked out once per request
    through the access rule, so that a listing's links cost one query in all."""
    cached = getattr(request, "_visible_guideline_ids", None) if request is not None else None
    if cached is None:
        user = getattr(request, "user", None)
        cached = frozenset(visible_pages(user, model.objects.all()).values_list("pk", flat=True))
        if request is not None:
            request._visible_guideline_ids = cached
    return cached


def _guideline_link(request, guideline):
    return {
        "id": guideline.pk,
        "reference": guideline.reference,
        "title": guideline.title,
        "html_url": guideline.get_full_url(request),
    }


class SupersedesField(serializers.Field):
    """The guideline this one replaces, as ``{id, reference, title, html_url}``, or null
    (also when the requester may not see it)."""

    openapi_schema = {
        "type": "object",
        "nullable": True,
        "description": "the guideline this one replaces: id, reference, title, html_url",
    }

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, page):
        if not page.supersedes_id:
            return None
        request = self.context.get("request")
        if page.supersedes_id not in visible_guideline_ids(request, type(page)):
            return None
        return _guideline_link(request, page.supersedes)


class SupersededByField(serializers.Field):
    """The guidelines that replace this one (normally one), newest first, as
    ``{id, reference, title, html_url}``; only those the requester may see."""

    openapi_schema = {
        "type": "array",
        "items": {"type": "object"},
        "description": "the guidelines that replace this one: id, reference, title, html_url",
    }

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, page):
        request = self.context.get("request")
        visible = visible_guideline_ids(request, type(page))
        replacements = sorted(
            (g for g in page.superseded_by.all() if g.pk in visible),
            key=lambda g: g.pk,
            reverse=True,
        )
        return [_guideline_link(request, guideline) for guideline in replacements]
