"""The development mail backend: each message printed as a person reads it.

Django's console backend prints the encoded message, where quoted-printable breaks long lines with "=" and turns
"=" into "=3D": a confirmation link copied from the terminal no longer works. This one prints the headers and the
decoded plain text; an HTML alternative is only mentioned.
"""

from django.core.mail.backends.console import EmailBackend

RULE = "-" * 79


class ReadableConsoleBackend(EmailBackend):
    def write_message(self, message):
        lines = [
            f"Subject: {message.subject}",
            f"From: {message.from_email}",
            f"To: {', '.join(message.to)}",
        ]
        if message.cc:
            lines.append(f"Cc: {', '.join(message.cc)}")
        for name, value in (message.extra_headers or {}).items():
            lines.append(f"{name}: {value}")
        lines += ["", message.body]
        for _content, mimetype in getattr(message, "alternatives", []):
            lines += ["", f"[and the same as {mimetype}]"]
        for attachment in message.attachments:
            filename = getattr(attachment, "filename", None) or attachment[0]
            lines += [f"[attached: {filename}]"]
        self.stream.write("\n".join(lines) + "\n" + RULE + "\n")
