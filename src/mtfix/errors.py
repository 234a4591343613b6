"""Errors that reach the user as one line naming the file and the cause."""


class MtfixError(Exception):
    """An input or usage problem: reported as ``mtfix: PATH: cause``, exit code 2."""

    def __init__(self, path: str, cause: str) -> None:
        super().__init__(f"{path}: {cause}")
        self.path = path
        self.cause = cause
