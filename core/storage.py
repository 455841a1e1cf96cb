"""Storage classes: hashed static files, and the error a failing media store raises.

Media on S3 is ``core.s3.MediaStorage``, a module of its own so that a site without
S3 never imports boto3 (about 25 MB in every worker).
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed static files that tolerate references to files a package
    does not ship (the NHS.UK frontend CSS names a source map it leaves out)."""

    manifest_strict = False

    def hashed_name(self, name, content=None, filename=None):
        try:
            return super().hashed_name(name, content, filename)
        except ValueError:
            return name


class StorageUnavailable(OSError):  # noqa: N818 - reads as the condition it reports
    """The media store (S3 or compatible) could not be reached or answered with an error.

    An ``OSError``, so that Wagtail treats an image it cannot read as missing (the
    page renders without it) instead of failing the page. ``cms.middleware`` turns
    it into a 503 page elsewhere.
    """
