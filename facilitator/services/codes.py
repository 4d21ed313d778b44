"""Codes people read and type: join codes, and the withdraw codes of participants.

Made from an alphabet without look-alikes. Left out: 0/O, 1/I/L, 2/Z, 5/S, 8/B — the pairs
people misread on a projector or mistype on a phone. 25 symbols give 25**6 ≈ 2.4e8 join
codes; a withdraw code has 8 (shown as ABCD-EFGH) so that it never looks like a join code.
"""

import secrets

ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
LENGTH = 6
WITHDRAW_LENGTH = 8
SEPARATORS = " -"  # typed between groups of a code, and ignored


def new_code(length: int = LENGTH) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalize_code(text: str, length: int = LENGTH) -> str | None:
    """The code as typed (any case, spaces or dashes) or None when it cannot be one."""
    code = "".join(c for c in text.upper() if c not in SEPARATORS)
    if len(code) != length or stray_characters(code):
        return None
    return code


def stray_characters(text: str) -> list[str]:
    """The characters typed that no code has, each once, in the order typed and in
    capitals as the screen shows codes: a phone can say which ones to look at again."""
    found = (c for c in text.upper() if c not in ALPHABET and c not in SEPARATORS)
    return list(dict.fromkeys(found))
