"""The text of a controlled document (PDF or Word .docx), for the search index.

pypdf reads PDFs and python-docx reads Word files; both are pure Python. A file that
cannot be read (damaged, encrypted, not what its extension says) gives no text rather
than an error: the guideline is still published, only its document's words are not
searchable, and a warning is logged.
"""

import logging
from io import BytesIO

logger = logging.getLogger(__name__)

# Enough for a long guideline; the search index does not need more.
MAX_CHARS = 200_000
MAX_BYTES = 30 * 1024 * 1024


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(BytesIO(data))
    if reader.is_encrypted:
        return ""
    parts = []
    size = 0
    for page in reader.pages:
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
        if size >= MAX_CHARS:
            break
    return "\n".join(parts)


def docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


READERS = {"pdf": pdf_text, "docx": docx_text}


def extract_text(document) -> str:
    """The text of a Wagtail document, whitespace-collapsed, at most MAX_CHARS long.

    Returns "" for other file types and for files that cannot be read.
    """
    reader = READERS.get(document.file_extension.lower())
    if reader is None:
        return ""
    try:
        with document.open_file() as handle:
            data = handle.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            logger.warning("Document %s is too large to index its text", document.pk)
            return ""
        text = reader(data)
    # Parsers of uploaded files raise many kinds of error (pypdf's, zipfile's, lxml's,
    # KeyError for a missing part): any of them means "no text", never a failed publish.
    except Exception as error:
        logger.warning("Could not read the text of document %s: %s", document.pk, error)
        return ""
    return " ".join(text.replace("\x00", " ").split())[:MAX_CHARS]
