"""The one check of an uploaded file before anything is stored: its size, and its real
type read from its content (the name alone is never trusted). It knows no app: the
caller names the form field a refusal is reported on."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wusong.kernels.filetypes import ALLOWED, type_check

#: What a refused file really is, as the refusal says it.
FILE_KIND_NAMES = {
    "exe": gettext_lazy("a Windows program"),
    "elf": gettext_lazy("a Linux program"),
    "ole": gettext_lazy(
        "an old-format Office document (.doc or .xls); save it as DOCX, XLSX or PDF"
    ),
    "zip": gettext_lazy("a ZIP archive"),
    "rar": gettext_lazy("a RAR archive"),
    "7z": gettext_lazy("a 7-Zip archive"),
    "gif": gettext_lazy("a GIF image"),
    None: gettext_lazy("of a type that is not recognised"),
}


def upload_check(upload, *, field: str = "file") -> tuple[bytes, str]:
    """Read `upload` and return (its content, its real type), or refuse it with a
    ValidationError on `field` that says why: larger than
    ``WUSONG_ATTACHMENT_MAX_BYTES``, empty, of a type not accepted, or named as another
    type than its content. The upload is left at its start, ready to be stored."""
    limit = settings.WUSONG_ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            {
                field: _("%(name)s is %(size).1f MB; the largest accepted is %(limit).0f MB.")
                % {"name": upload.name, "size": upload.size / 2**20, "limit": limit / 2**20}
            }
        )
    if upload.size == 0:
        raise ValidationError({field: _("%(name)s is empty.") % {"name": upload.name}})
    upload.seek(0)
    content = upload.read()
    real, problem = type_check(upload.name, content)
    if problem == "not_accepted":
        raise ValidationError(
            {
                field: _(
                    "%(name)s was not accepted: its content is %(what)s. "
                    "Accepted are PDF, DOCX, XLSX, PNG and JPG."
                )
                % {"name": upload.name, "what": FILE_KIND_NAMES.get(real, FILE_KIND_NAMES[None])}
            }
        )
    if problem == "name_mismatch":
        raise ValidationError(
            {
                field: _(
                    "%(name)s was not accepted: its name says otherwise, but its content is "
                    "%(type)s. Rename it to end with %(ext)s and upload it again."
                )
                % {"name": upload.name, "type": real.upper(), "ext": ALLOWED[real][0]}
            }
        )
    upload.seek(0)
    return content, real
