"""Checks on values that arrive from outside (JSON bodies, Socket.IO payloads, forms)."""

import re
from collections.abc import Mapping

from facilitator.errors import ServiceError

# The longest name of a person or an organisation, and of who does an agreed action:
# the services check it, the pages show it as the fields' limit.
NAME_LENGTH = 80

# JSON's "\ud800" decodes to a lone surrogate: a Python str that is no Unicode text, which
# UTF-8 cannot encode, so no database stores it and no query can carry it.
_SURROGATE = re.compile("[\ud800-\udfff]")


def is_text(value: object) -> bool:
    """A str that is valid Unicode (no lone surrogate), so it can be stored and queried.
    A value that is only looked up (an organisation, a token, a key) and is not text
    finds nothing, rather than failing in the query."""
    return isinstance(value, str) and _SURROGATE.search(value) is None


def all_text(value: object) -> bool:
    """A list of texts (is_text), as a list of names must be before it is looked at."""
    return isinstance(value, list) and all(is_text(item) for item in value)


def require_mapping(payload: object) -> Mapping:
    if not isinstance(payload, Mapping):
        raise ServiceError("invalid_payload", "The payload must be a JSON object.")
    return payload


def text(value: object, field: str, *, max_length: int, required: bool = True) -> str | None:
    """A trimmed string of at most `max_length` characters; None when optional and empty.
    Control characters and text that is not valid Unicode are refused rather than cleaned,
    so the sender learns that the text was not taken as sent."""
    if value is None or value == "":
        if required:
            raise ServiceError(f"invalid_{field}", f"The {field} is required.")
        return None
    if not isinstance(value, str):
        raise ServiceError(f"invalid_{field}", f"The {field} must be a string.")
    if not is_text(value):
        raise ServiceError(f"invalid_{field}", f"The {field} is not valid Unicode text.")
    if any(ord(char) < 32 or ord(char) == 127 for char in value.replace("\n", " ")
           .replace("\t", " ").replace("\r", " ")):
        raise ServiceError(f"invalid_{field}", f"The {field} contains control characters.")
    value = " ".join(value.split())
    if required and not value:
        raise ServiceError(f"invalid_{field}", f"The {field} is required.")
    if len(value) > max_length:
        raise ServiceError(
            f"invalid_{field}", f"The {field} is at most {max_length} characters."
        )
    return value or None


def names(value: object, field: str, *, max_items: int, max_length: int) -> list[str]:
    """A list of distinct names (case-insensitively distinct), in the given order."""
    if not isinstance(value, list) or not value:
        raise ServiceError(f"invalid_{field}", f"The {field} must be a non-empty list.")
    if len(value) > max_items:
        raise ServiceError(f"invalid_{field}", f"At most {max_items} {field}.")
    result = [text(item, field, max_length=max_length) for item in value]
    folded = [name.casefold() for name in result]
    if len(set(folded)) != len(folded):
        raise ServiceError(f"invalid_{field}", f"The {field} must be distinct.")
    return result
