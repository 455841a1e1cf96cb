"""The OpenAPI 3 description of API v2, served at /api/v2/schema/.

It is generated on each request from what is registered: the router's endpoints,
every page model's ``api_fields`` (typed from the model field behind each) and
``api_query_parameters``, and the settings that bound the parameters. A page type
added to the project appears here without any edit to this module.
"""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import JsonResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, get_page_models

from core.models import StaffGroup

PAGE_ID = {"type": "string", "pattern": r"^(root|[1-9][0-9]{0,9})$"}
ERROR = {"$ref": "#/components/schemas/Error"}
FIELDS = {
    "name": "fields",
    "in": "query",
    "required": False,
    "schema": {"type": "string"},
    "description": "fields to add or remove (-name), * for all, _ for none",
}
RICH_TEXT_FORMAT = {
    "name": "rich_text_format",
    "in": "query",
    "required": False,
    "schema": {"type": "string", "enum": ["html", "db_html", "markdown", "db_markdown"]},
    "description": "how rich text is written: html (default; links as full URLs), "
    "markdown, or the stored forms db_html and db_markdown",
}
CACHE_BUSTER = {
    "name": "_",
    "in": "query",
    "required": False,
    "schema": {"type": "string"},
    "description": "ignored: the cache-busting parameter some HTTP clients add",
}


def model_label(model) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


def field_schema(model, api_field: APIField) -> dict:
    """The JSON type of one API field, read from the model field behind it."""
    declared = getattr(api_field.serializer, "openapi_schema", None)
    if declared is not None:
        return dict(declared)
    if api_field.serializer is not None:
        return {"description": "computed by the page type"}
    try:
        field = model._meta.get_field(api_field.name)
    except FieldDoesNotExist:
        return {"description": "computed by the page type"}
    if isinstance(field, StreamField):
        return {"type": "array", "items": {"$ref": "#/components/schemas/Block"}}
    if field.many_to_many or field.one_to_many:
        return {"type": "array", "items": {"type": "object"}}
    if field.is_relation:
        schema = {"type": "object", "description": f"the related {field.related_model.__name__}"}
    elif isinstance(field, models.BooleanField):
        schema = {"type": "boolean"}
    elif isinstance(field, models.IntegerField | models.AutoField):
        schema = {"type": "integer"}
    elif isinstance(field, models.FloatField):
        schema = {"type": "number"}
    elif isinstance(field, models.DateTimeField):
        schema = {"type": "string", "format": "date-time"}
    elif isinstance(field, models.DateField):
        schema = {"type": "string", "format": "date"}
    elif isinstance(field, RichTextField):
        schema = {"type": "string", "description": "HTML"}
    elif isinstance(field, models.CharField | models.TextField | models.DecimalField):
        schema = {"type": "string"}
        if field.choices:
            schema["enum"] = [str(value) for value, _ in field.flatchoices]
    else:
        schema = {}
    if field.null and schema:
        schema["nullable"] = True
    return schema


def page_type_schema(model, viewset) -> dict:
    fields = {
        field.name: field_schema(model, field)
        for field in viewset.get_body_fields(model)
        if field.name not in ("id", "title")
    }
    common = page_filters(viewset, Page)
    return {
        "allOf": [
            {"$ref": "#/components/schemas/Page"},
            {"type": "object", "properties": fields, "description": model.__doc__ or ""},
        ],
        # The filters ``?type=<this type>`` adds to those every page takes.
        "x-filters": {
            name: schema
            for name, schema in page_filters(viewset, model).items()
            if name not in common
        },
    }


def query(name, schema, description, required=False) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": required,
        "schema": schema,
        "description": description,
    }


def listing_parameters(extra=()) -> list:
    from api.views import MAX_OFFSET

    limit_max = settings.WAGTAILAPI_LIMIT_MAX
    return [
        query(
            "limit",
            {"type": "integer", "minimum": 0, "maximum": limit_max},
            f"items per response (default {min(20, limit_max)}, at most {limit_max})",
        ),
        query("offset", {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET}, "items to skip"),
        FIELDS,
        query("order", {"type": "string"}, "field names, '-' for descending; random is refused"),
        query("search", {"type": "string"}, "full-text search"),
        query("search_operator", {"type": "string", "enum": ["and", "or"]}, "how terms combine"),
        RICH_TEXT_FORMAT,
        CACHE_BUSTER,
        *extra,
    ]


def page_parameters(viewset) -> list:
    """The pages listing's parameters: Wagtail's, the filters every page takes, then each
    filter that only some page types take (with ``type=``), naming those types in its
    description and in ``x-page-types``. Each type's own list is in its component
    (``x-filters``)."""
    from api.views import MAX_ID

    page_models = [model for model in get_page_models() if model is not Page]
    languages = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    parameters = [
        query(
            "type",
            {"type": "string", "enum": [model_label(model) for model in page_models]},
            "page type; its own fields and filters become available",
        ),
        query("child_of", PAGE_ID, "children of this page (id, or root)"),
        query("descendant_of", PAGE_ID, "descendants of this page (id, or root)"),
        query("ancestor_of", {"type": "integer", "minimum": 1, "maximum": MAX_ID}, "ancestors"),
        query("translation_of", PAGE_ID, "translations of this page"),
        query(
            "locale",
            {"type": "string", "enum": languages},
            "pages in this language (without it: every language)",
        ),
    ]
    common = page_filters(viewset, Page)
    for name, schema in common.items():
        parameters.append(query(name, schema, f"pages whose {name} is this value"))
    by_name = {}
    for model in page_models:
        for name, schema in page_filters(viewset, model).items():
            if name in common:
                continue
            by_name.setdefault(name, []).append((model, schema))
    for name, takers in sorted(by_name.items()):
        labels = [model_label(model) for model, _schema in takers]
        parameter = query(
            name,
            merged_schema([schema for _model, schema in takers]),
            f"filter of (with type=) {', '.join(labels)}"
            + (f": {takers[0][1]['description']}" if "description" in takers[0][1] else ""),
        )
        parameter["schema"].pop("description", None)
        parameter["x-page-types"] = labels
        parameters.append(parameter)
    return listing_parameters(parameters)


def merged_schema(schemas: list[dict]) -> dict:
    """One schema for a parameter several page types take: theirs when they agree, the
    union of their values when each lists values, else any text."""
    first = dict(schemas[0])
    if all(schema == schemas[0] for schema in schemas):
        return first
    if all("enum" in schema for schema in schemas):
        values = []
        for schema in schemas:
            values += [value for value in schema["enum"] if value not in values]
        return {"type": "string", "enum": values}
    return {"type": "string"}


def page_filters(viewset, model) -> dict:
    """Filter name -> schema of every filter a listing of ``model`` takes besides Wagtail's
    own parameters: its filterable fields (exact match) and the filters it declares."""
    from api.views import filterable_fields

    filters = {name: field_filter_schema(model, name) for name in filterable_fields(viewset, model)}
    for name in getattr(model, "api_query_parameters", ()):
        filters[name] = parameter_schema(model, name)
    return dict(sorted(filters.items()))


def slugs_schema(model, several=True) -> dict:
    """Slugs of ``model``'s items (``x-slugs-of`` names it); several are separated by commas."""
    label = model._meta.verbose_name_plural if several else model._meta.verbose_name
    slug = "[-a-zA-Z0-9_]+"
    return {
        "type": "string",
        "pattern": f"^{slug}(,{slug})*$" if several else f"^{slug}$",
        "x-slugs-of": model._meta.label,
        "description": (
            f"{label}, by slug; several separated by commas (any of them)"
            if several
            else f"a {label}, by slug"
        ),
    }


def field_filter_schema(model, name) -> dict:
    """The values ``?<field>=`` takes: read from the model field."""
    from api.views import MAX_ID

    field = model._meta.get_field(name)
    if field.many_to_many:
        return slugs_schema(field.related_model)
    if field.is_relation or isinstance(field, models.AutoField):
        return {"type": "integer", "minimum": 1, "maximum": MAX_ID}
    if getattr(field, "choices", None):
        return {"type": "string", "enum": [str(value) for value, _ in field.flatchoices]}
    if isinstance(field, models.BooleanField):
        return {"type": "boolean"}
    if isinstance(field, models.DateTimeField):
        return {"type": "string", "format": "date-time"}
    if isinstance(field, models.DateField):
        return {"type": "string", "format": "date"}
    if isinstance(field, models.IntegerField):
        limits = {type(v): v.limit_value for v in field.validators}
        return {
            "type": "integer",
            "minimum": max(limits.get(MinValueValidator, -MAX_ID), -MAX_ID),
            "maximum": min(limits.get(MaxValueValidator, MAX_ID), MAX_ID),
        }
    if isinstance(field, models.DecimalField):
        return {"type": "number"}
    schema = {"type": "string"}
    if isinstance(field, models.URLField):
        schema["format"] = "uri"
    elif isinstance(field, models.EmailField):
        schema["format"] = "email"
    elif isinstance(field, models.SlugField):
        schema["pattern"] = "^[-a-zA-Z0-9_]+$"
    if getattr(field, "max_length", None):
        schema["maxLength"] = field.max_length
    return schema


# Filters some page types declare under a shared name, with one meaning everywhere.
SHARED_PARAMETER_SCHEMAS = {
    "staff_groups": lambda: slugs_schema(StaffGroup, several=True),
}


def parameter_schema(model, name) -> dict:
    """A page type's own query parameter: as the type declares it in
    ``api_query_parameter_schemas``, else as the shared vocabulary defines it, else an
    enum of the model field's choices, else text."""
    declared = getattr(model, "api_query_parameter_schemas", {}).get(name)
    if declared is not None:
        return dict(declared)
    if name in SHARED_PARAMETER_SCHEMAS:
        return SHARED_PARAMETER_SCHEMAS[name]()
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return {"type": "string"}
    if getattr(field, "choices", None):
        return {"type": "string", "enum": [str(value) for value, _ in field.flatchoices]}
    return {"type": "string"}


def error_response(description: str) -> dict:
    """A 4xx answer: JSON with a ``message``."""
    return {"description": description, "content": {"application/json": {"schema": ERROR}}}


def error_responses(not_found="not found or not visible") -> dict:
    return {
        "400": error_response("malformed request"),
        "401": error_response("bad or revoked token"),
        "404": error_response(not_found),
    }


def responses(ok: dict, description="OK") -> dict:
    return {
        "200": {"description": description, "content": {"application/json": {"schema": ok}}},
        **error_responses(),
    }


def listing(item_ref: str) -> dict:
    return {
        "type": "object",
        "required": ["meta", "items"],
        "properties": {
            "meta": {
                "type": "object",
                "required": ["total_count"],
                "properties": {"total_count": {"type": "integer", "minimum": 0}},
            },
            "items": {"type": "array", "items": {"$ref": item_ref}},
        },
    }


def detail_id():
    return [
        {
            "name": "id",
            "in": "path",
            "required": True,
            "schema": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
        }
    ]


def endpoint_paths(name, item_ref, detail_ref, parameters, summary) -> dict:
    return {
        f"/api/v2/{name}/": {
            "get": {
                "operationId": f"list_{name}",
                "summary": f"List {summary}",
                "parameters": parameters,
                "responses": responses(listing(item_ref)),
            }
        },
        f"/api/v2/{name}/{{id}}/": {
            "get": {
                "operationId": f"get_{name}",
                "summary": f"One of the {summary}",
                "parameters": detail_id() + [FIELDS, RICH_TEXT_FORMAT],
                "responses": responses({"$ref": detail_ref}),
            }
        },
    }


def components(page_models, pages_viewset) -> dict:
    meta = {
        "type": "object",
        "properties": {"type": {"type": "string"}, "detail_url": {"type": "string"}},
        "additionalProperties": True,
    }
    schemas = {
        "Error": {
            "type": "object",
            "required": ["message"],
            "properties": {"message": {"type": "string"}},
        },
        "Block": {
            "type": "object",
            "required": ["type", "value", "id"],
            "properties": {"type": {"type": "string"}, "value": {}, "id": {"type": "string"}},
        },
        "Translation": {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "locale": {"type": "string"},
                "title": {"type": "string"},
                "html_url": {"type": "string", "nullable": True},
                "detail_url": {"type": "string"},
            },
        },
        "Page": {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "title": {"type": "string"},
                "meta": {
                    **meta,
                    "properties": {
                        **meta["properties"],
                        "html_url": {"type": "string", "nullable": True},
                        "slug": {"type": "string"},
                        "locale": {"type": "string"},
                        "first_published_at": {
                            "type": "string",
                            "format": "date-time",
                            "nullable": True,
                        },
                        "translations": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Translation"},
                        },
                    },
                },
            },
        },
        "PageDetail": {
            "anyOf": [
                {"$ref": f"#/components/schemas/{model_label(model)}"} for model in page_models
            ]
        },
        "Image": {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "title": {"type": "string"},
                "width": {"type": "integer"},
                "height": {"type": "integer"},
                "meta": meta,
            },
        },
        "Document": {
            "type": "object",
            "properties": {"id": {"type": "integer"}, "title": {"type": "string"}, "meta": meta},
        },
    }
    for model in page_models:
        schemas[model_label(model)] = page_type_schema(model, pages_viewset)
    return schemas


def openapi_description(router) -> dict:
    pages_viewset = router._endpoints["pages"]
    page_models = [model for model in get_page_models() if model is not Page]
    document_parameters = listing_parameters()
    paths = {
        **endpoint_paths(
            "pages",
            "#/components/schemas/Page",
            "#/components/schemas/PageDetail",
            page_parameters(pages_viewset),
            "pages the requester may see",
        ),
        "/api/v2/pages/find/": {
            "get": {
                "operationId": "find_page",
                "summary": "Redirect to the page at a site path",
                "parameters": [
                    query(
                        "html_path", {"type": "string"}, "a page's path on the site, e.g. /about/"
                    ),
                ],
                "responses": {
                    "302": {"description": "redirect to the page's detail URL"},
                    **error_responses(not_found="no visible page there"),
                },
            }
        },
        "/api/v2/page_preview/": {
            "get": {
                "operationId": "preview_page",
                "summary": "The draft an editor previews on the front end (headless preview)",
                "parameters": [
                    query(
                        "content_type",
                        {"type": "string"},
                        "the page type (app_label.model), from the preview URL",
                        required=True,
                    ),
                    query("token", {"type": "string"}, "the token of the preview URL", True),
                    FIELDS,
                ],
                "responses": {
                    **responses({"$ref": "#/components/schemas/PageDetail"}),
                    "403": error_response("expired or invalid preview token"),
                },
            }
        },
        **endpoint_paths(
            "images",
            "#/components/schemas/Image",
            "#/components/schemas/Image",
            listing_parameters(),
            "images (always public)",
        ),
        **endpoint_paths(
            "documents",
            "#/components/schemas/Document",
            "#/components/schemas/Document",
            document_parameters,
            "documents the requester may see",
        ),
    }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": f"{settings.WAGTAIL_SITE_NAME} content API",
            "version": "2",
            "description": (
                "Pages, images and documents of the network. Anonymous requests see "
                "public content; a bearer token sees what its account may see on the "
                "website. See docs/api.md."
            ),
        },
        "servers": [{"url": settings.WAGTAILAPI_BASE_URL.rstrip("/")}],
        "security": [{}, {"token": []}],
        "paths": paths,
        "components": {
            "schemas": components(page_models, pages_viewset),
            "securitySchemes": {
                "token": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "an API token created in the admin (Settings > API tokens)",
                }
            },
        },
    }


def schema_view(request):
    from api.views import api_router

    response = JsonResponse(openapi_description(api_router), json_dumps_params={"indent": 2})
    patch_cache_control(response, public=True, max_age=settings.WAGTAILAPI_CACHE_MAX_AGE)
    patch_vary_headers(response, ("Authorization", "Cookie"))
    return response
