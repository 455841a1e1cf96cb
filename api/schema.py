"""The OpenAPI 3 description of API v2, served at /api/v2/schema/.

It is generated on each request from what is registered: the router's endpoints,
every page model's ``api_fields`` (typed from the model field behind each) and
``api_query_parameters``, and the settings that bound the parameters. A page type
added to the project appears here without any edit to this module.
"""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import JsonResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, get_page_models

PAGE_ID = {"type": "string", "pattern": r"^(root|[1-9][0-9]{0,9})$"}
ERROR = {"$ref": "#/components/schemas/Error"}
FIELDS = {
    "name": "fields",
    "in": "query",
    "required": False,
    "schema": {"type": "string"},
    "description": "fields to add or remove (-name), * for all, _ for none",
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
    return {
        "allOf": [
            {"$ref": "#/components/schemas/Page"},
            {"type": "object", "properties": fields, "description": model.__doc__ or ""},
        ]
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
        *extra,
    ]


def page_parameters() -> list:
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
        query("ancestor_of", {"type": "integer", "minimum": 1}, "ancestors of this page"),
        query("translation_of", PAGE_ID, "translations of this page"),
        query("locale", {"type": "string", "enum": languages}, "pages in this language"),
        query("slug", {"type": "string"}, "pages with this slug"),
        query("show_in_menus", {"type": "boolean"}, "pages shown in menus"),
    ]
    seen = {parameter["name"] for parameter in parameters}
    added = {}
    for model in page_models:
        for name in getattr(model, "api_query_parameters", ()):
            if name in seen:
                continue
            schema = parameter_schema(model, name)
            if name in added:
                # Several page types take it: list them, and every value any of them takes.
                parameter = added[name]
                parameter["description"] += f", {model_label(model)}"
                enum = parameter["schema"].get("enum")
                if enum is not None and "enum" in schema:
                    parameter["schema"]["enum"] = enum + [
                        v for v in schema["enum"] if v not in enum
                    ]
                elif enum is not None:
                    del parameter["schema"]["enum"]
                continue
            added[name] = query(name, schema, f"filter of (with type=) {model_label(model)}")
            parameters.append(added[name])
    return listing_parameters(parameters)


def parameter_schema(model, name) -> dict:
    """A page type's query parameter: as the type declares it in
    ``api_query_parameter_schemas``, else an enum of the model field's choices, else text."""
    declared = getattr(model, "api_query_parameter_schemas", {}).get(name)
    if declared is not None:
        return dict(declared)
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
                "parameters": detail_id() + [FIELDS],
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
            page_parameters(),
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
