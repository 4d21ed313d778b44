from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import TextAreaField


class LensSetForm(FlaskForm):
    """A lens set as TOML: typed in the editor, or an uploaded file (which wins)."""

    source = TextAreaField(_l("The lens set (TOML)"))
    upload = FileField(_l("Or upload a lens-set file (.toml)"))

    def text(self) -> str | None:
        """The uploaded file's text when a file was sent, else the editor's; None when the
        file is not UTF-8 text."""
        if self.upload.data and self.upload.data.filename:
            try:
                return self.upload.data.read().decode("utf-8")
            except UnicodeDecodeError:
                return None
        return self.source.data or ""
