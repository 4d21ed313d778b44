"""Writing a lens set as TOML text, in the layout of the files in lenses/sets/.

The form editor saves what the facilitator filled in as this text, so that an own set is
always stored (and downloaded) in the one format the loader reads; read_lens_set of the
text gives the same LensSet back, a text given in one language only included.
"""

import json

from .lensset import LensSet, Text


def write_lens_set(lens_set: LensSet) -> str:
    """The set as TOML; every optional field that is set is written, the scale always."""
    lines = [f"key = {_string(lens_set.key)}", f"name = {_text(lens_set.name)}"]
    if lens_set.description is not None:
        lines.append(f"description = {_text(lens_set.description)}")
    if lens_set.source is not None:
        lines.append(f"source = {_string(lens_set.source)}")
    scale = lens_set.scale
    lines += ["", "[scale]", f"min = {scale.min}", f"max = {scale.max}",
              f"low = {_text(scale.low)}", f"high = {_text(scale.high)}"]
    for lens in lens_set.lenses:
        lines += ["", "[[lenses]]", f"key = {_string(lens.key)}", f"name = {_text(lens.name)}",
                  f"question = {_text(lens.question)}"]
        for statement in lens.statements:
            lines += ["", "[[lenses.statements]]", f"key = {_string(statement.key)}",
                      f"text = {_text(statement.text)}"]
    return "\n".join(lines) + "\n"


def _text(text: Text) -> str:
    """An inline table of the languages the text is given in (one that falls back to the
    other is left out, so it still does when read back)."""
    given = ", ".join(f"{lang} = {_string(value)}" for lang, value in text.to_dict().items())
    return f"{{ {given} }}"


def _string(value: str) -> str:
    """A TOML basic string: JSON's escapes (\\", \\\\, \\n, \\uXXXX for the other control
    characters) are all TOML escapes too; other characters stay as they are (UTF-8), but
    for DEL, which JSON leaves and TOML does not."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
