"""Hand messages to the mail server over one connection per batch, each in two steps, so that "sent" is recorded at
the instant the server takes it.

Over SMTP a message counts as accepted only when the server answers the line with a single dot that ends it. The
sender sends everything before that line (`Mailer.begin`), records the outbox row as sent in a short transaction of
its own, then sends the dot and reads the reply (`Handover.finish`). No database transaction is open while the
server is spoken to. What each moment of a failure means is set out in the README ("Sending").

Other backends (console, file, memory, used in development and tests) send in one step, in `begin`.
"""

import contextlib
import email.policy
import re
import smtplib

from django.core.mail import EmailMessage, mailers
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend

_LINE_START_DOT = re.compile(rb"(?m)^\.")


class ReplyLost(smtplib.SMTPException):
    """The connection broke once the message's last line was due: the server may or may not have taken it."""


class Handover:
    def finish(self) -> None:
        """The message is fully handed over."""

    def abandon(self) -> None:
        """The message must not go out: the server discards what it has of it."""


class _SmtpHandover(Handover):
    def __init__(self, mailer: "Mailer", message: EmailMessage):
        self.mailer = mailer
        backend = mailer.backend
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
            mailer.reset()
            raise

    def finish(self) -> None:
        connection: smtplib.SMTP = self.mailer.backend.connection
        try:
            connection.send(b".\r\n")
            code, reply = connection.getreply()
        except (OSError, smtplib.SMTPServerDisconnected) as error:
            self.mailer.reset()
            raise ReplyLost(str(error)) from error
        if code != 250:
            self.mailer.reset()
            raise smtplib.SMTPDataError(code, reply)

    def abandon(self) -> None:
        # Closing the connection before the final line: the server throws the unfinished message away.
        self.mailer.reset()


class Mailer:
    """One connection to the mail server, opened at the first message and reused for the next ones; any error
    closes it and the next message opens a fresh one."""

    def __init__(self):
        self.backend = mailers.default

    def __enter__(self) -> "Mailer":
        return self

    def __exit__(self, *exc_info) -> None:
        if isinstance(self.backend, SmtpBackend) and self.backend.connection is not None:
            try:
                self.backend.close()  # QUIT, politely
            except (OSError, smtplib.SMTPException):
                self.reset()

    def begin(self, message: EmailMessage) -> Handover:
        """Send all of `message` but its last line (SMTP), or all of it (other backends); `finish()` completes
        it, `abandon()` withdraws it."""
        if isinstance(self.backend, SmtpBackend):
            return _SmtpHandover(self, message)
        self.backend.send_messages([message])
        return Handover()

    def reset(self) -> None:
        if isinstance(self.backend, SmtpBackend) and self.backend.connection is not None:
            connection = self.backend.connection
            self.backend.connection = None
            with contextlib.suppress(OSError):
                connection.close()
