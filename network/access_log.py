"""Logs without client addresses or the one-time keys that some paths carry."""

import logging
import re

from gunicorn.glogging import Logger

# Email confirmation and password reset links: whoever reads the log must not be able to use them.
ONE_TIME_KEY = re.compile(r"(/accounts/(?:confirm-email|password/reset/key)/)[^/\s?]+")


def mask_keys(text: str) -> str:
    return ONE_TIME_KEY.sub(r"\1…", text)


class AccessLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for name in ("r", "U", "q", "f"):
            if isinstance(atoms.get(name), str):
                atoms[name] = mask_keys(atoms[name])
        return atoms


class MaskOneTimeKeys(logging.Filter):
    """The same masking for the platform's own log records (django.request, django.security …)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            return True
        masked = mask_keys(message)
        if masked != message:
            record.msg, record.args = masked, ()
        return True


class RefusalsWithoutTraceback(logging.Filter):
    """A refusal (403) is an expected answer, not a fault: one line, without the exception's traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
