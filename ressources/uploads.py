"""Files coordinators upload: known by what they contain, not by their name, and bounded.

A PDF starts with `%PDF-`. DOCX, XLSX and ODT are zip archives: DOCX and XLSX hold
`[Content_Types].xml` with `word/document.xml` or `xl/workbook.xml`; an ODT holds a
`mimetype` entry that says so. Anything else (an executable renamed `guide.pdf`, a zip
renamed `.docx`) is refused, and so is a file whose content is not of its extension's
type, so that the file people download is what its name says.
"""

import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ressources.enums import FileType

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
CONTENT_TYPES = {
    FileType.PDF: "application/pdf",
    FileType.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileType.ODT: "application/vnd.oasis.opendocument.text",
    FileType.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _zip_type(file) -> FileType | None:
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE:
                return FileType.ODT
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return FileType.DOCX
                if "xl/workbook.xml" in names:
                    return FileType.XLSX
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return None


def detected_type(file) -> FileType | None:
    """The accepted type `file` holds, read from its content; None for anything else."""
    file.seek(0)
    head = file.read(5)
    try:
        if head == b"%PDF-":
            return FileType.PDF
        if head.startswith(b"PK\x03\x04"):
            return _zip_type(file)
        return None
    finally:
        file.seek(0)


def extension_type(name: str) -> FileType | None:
    suffix = PurePath(name).suffix.lower().lstrip(".")
    return FileType(suffix) if suffix in FileType.values else None


def validate_upload(file) -> None:
    """Refuse a file too large, of a type not accepted, or whose content is not its name's."""
    limit = settings.UPLOAD_MAX_MB
    if file.size > limit * 1024 * 1024:
        raise ValidationError(_("Ce fichier dépasse la taille permise (%(limit)s Mo)."),
                              code="too_large", params={"limit": limit})
    expected = extension_type(file.name)
    if expected is None:
        raise ValidationError(_("Seuls les fichiers PDF, DOCX, ODT et XLSX sont acceptés."),
                              code="extension")
    if detected_type(file) != expected:
        raise ValidationError(
            _("Le contenu de ce fichier n'est pas celui d'un fichier %(type)s : il est refusé."),
            code="content", params={"type": expected.label})
