"""Errors a person can act on, shared by the web pages and the API."""


class ActionRefused(Exception):
    """A request that is understood but cannot be carried out now (wrong state, deadline
    passed, not allowed). Nothing was changed. The message says why and what to do."""

    status_code = 409

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotAllowed(ActionRefused):
    status_code = 403


def require(condition: bool, message: str) -> None:
    """Refuse (NotAllowed, with `message`) unless `condition` holds: a service's check of
    who may act, where no declared transition carries the permission."""
    if not condition:
        raise NotAllowed(message)
