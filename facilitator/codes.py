"""Join codes: six characters from an alphabet without look-alikes.

Left out: 0/O, 1/I/L, 2/Z, 5/S, 8/B — the pairs people misread on a projector or
mistype on a phone. 25 symbols give 25**6 ≈ 2.4e8 codes.
"""

import secrets

ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
LENGTH = 6


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize_code(text: str) -> str | None:
    """The code as typed (any case, spaces or dashes) or None when it cannot be one."""
    code = text.upper().replace(" ", "").replace("-", "")
    if len(code) != LENGTH or any(c not in ALPHABET for c in code):
        return None
    return code
