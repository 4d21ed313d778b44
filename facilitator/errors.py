"""One error type for every refusal, turned into a response in one place."""

from dataclasses import dataclass


@dataclass
class ServiceError(Exception):
    """A refusal with a stable machine-readable code and a human message.

    HTTP answers it as `status` with `{"error": {"code", "message"}}`; Socket.IO
    answers it as the acknowledgement with the same body.
    """

    code: str
    message: str
    status: int = 400

    def as_dict(self) -> dict:
        return {"error": {"code": self.code, "message": self.message}}
