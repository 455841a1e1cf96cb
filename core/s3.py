"""Media on S3 (or an S3-compatible store) that fails clearly.

Imported only where ``AWS_STORAGE_BUCKET_NAME`` selects it (cms/settings/base.py).
"""

import functools

from django.conf import settings
from django.utils.encoding import filepath_to_uri

from botocore.exceptions import ClientError, HTTPClientError
from botocore.exceptions import ConnectionError as BotoConnectionError
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

from core.storage import StorageUnavailable


def _unavailable(method):
    """Turn the store's connection failures and 5xx answers into StorageUnavailable."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except (BotoConnectionError, HTTPClientError) as error:
            raise StorageUnavailable(f"media store unavailable: {error}") from error
        except ClientError as error:
            if error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 500) < 500:
                raise
            raise StorageUnavailable(f"media store unavailable: {error}") from error

    return wrapper


class MediaStorage(S3Storage):
    """S3 media: documents private and signed, images public and unsigned.

    Wagtail keeps original images under ``original_images/`` and renditions under
    ``images/``; their URLs (in HTML, API answers and downstream copies) are plain
    and cacheable, on ``AWS_S3_PUBLIC_DOMAIN`` (a CDN) when set. Everything else
    (documents) is only handed out through Wagtail's serve view, which checks
    privacy first; any URL for it is signed and expires. The bucket policy makes
    the image prefixes publicly readable (docs/deployment.md).
    """

    public_prefixes = ("images/", "original_images/")

    def __init__(self, **options):
        self.public_domain = options.pop(
            "public_domain", getattr(settings, "AWS_S3_PUBLIC_DOMAIN", None)
        )
        super().__init__(**options)

    def is_public(self, name) -> bool:
        return clean_name(name).startswith(self.public_prefixes)

    def url(self, name, parameters=None, expire=None, http_method=None):
        if not self.is_public(name):
            return super().url(name, parameters, expire, http_method)
        key = self._normalize_name(clean_name(name))
        domain = self.public_domain or self.custom_domain
        if domain:
            return f"{self.url_protocol}//{domain}/{filepath_to_uri(key)}"
        return self.unsigned_connection.meta.client.generate_presigned_url(
            "get_object", Params={"Bucket": self.bucket_name, "Key": key}
        )

    _open = _unavailable(S3Storage._open)
    _save = _unavailable(S3Storage._save)
    delete = _unavailable(S3Storage.delete)
    exists = _unavailable(S3Storage.exists)
    size = _unavailable(S3Storage.size)
    listdir = _unavailable(S3Storage.listdir)
    get_modified_time = _unavailable(S3Storage.get_modified_time)
