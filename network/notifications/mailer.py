"""Hand a message to the mail server in two steps, so that "sent" is recorded at the instant the server takes it.

Over SMTP a message counts as accepted only when the server answers the line with a single dot that ends it. We
send everything before that line, commit the outbox row as sent, then send the dot. A worker killed before the
commit leaves the server with an unfinished message, which it throws away, and the row still pending, so the
email is sent again later; a worker killed after the dot has already sent it. Only the few microseconds between
the commit and the dot remain, which the slow parts (connecting, rendering, the server's replies) never overlap.
Other backends (console, file, memory, used in development and tests) send in one step.
"""

import email.policy
import re
import smtplib

from django.core.mail import EmailMessage, mailers
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend

_LINE_START_DOT = re.compile(rb"(?m)^\.")


class Handover:
    def finish(self) -> None:
        """The message is fully handed over."""


class _SmtpHandover(Handover):
    def __init__(self, backend: SmtpBackend, message: EmailMessage):
        self.backend = backend
        backend.open()
        connection: smtplib.SMTP = backend.connection
        try:
            data = message.message(policy=email.policy.SMTP).as_bytes()
            connection.ehlo_or_helo_if_needed()
            options = [f"size={len(data)}"] if connection.does_esmtp and connection.has_extn("size") else []
            code, reply = connection.mail(backend.prep_address(message.from_email), options)
            if code != 250:
                raise smtplib.SMTPSenderRefused(code, reply, message.from_email)
            for address in message.recipients():
                code, reply = connection.rcpt(backend.prep_address(address))
                if code not in (250, 251):
                    raise smtplib.SMTPRecipientsRefused({address: (code, reply)})
            code, reply = connection.docmd("data")
            if code != 354:
                raise smtplib.SMTPDataError(code, reply)
            data = _LINE_START_DOT.sub(b"..", data)
            if not data.endswith(b"\r\n"):
                data += b"\r\n"
            connection.send(data)
        except BaseException:
            backend.close()
            raise

    def finish(self) -> None:
        connection: smtplib.SMTP = self.backend.connection
        try:
            connection.send(b".\r\n")
            code, reply = connection.getreply()
            if code != 250:
                raise smtplib.SMTPDataError(code, reply)
        finally:
            self.backend.close()


def begin(message: EmailMessage) -> Handover:
    """Send all of `message` but its last line (SMTP), or all of it (other backends); `finish()` completes it."""
    backend = mailers.default
    if isinstance(backend, SmtpBackend):
        return _SmtpHandover(backend, message)
    backend.send_messages([message])
    return Handover()
