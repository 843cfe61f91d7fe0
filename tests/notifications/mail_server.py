"""A real SMTP server for the tests, run in a thread of the test process, with faults a test can place exactly."""

import asyncio
import email.policy
import socket
import threading
from contextlib import contextmanager
from email import message_from_bytes

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class MailSink:
    """Keeps every message the server accepted, and counts the connections that sent mail.

    `delay` slows each recipient's reply, as a server across a network would; `reject_data` is the reply to the
    end of each message instead of accepting it. Faults at the n-th message (counted from 1), once it is accepted:
    `drop_reply_at` closes the connection instead of answering; `withhold_reply_at` keeps the answer back, sets
    `reply_withheld` and waits for `release_reply` (the test kills the sender meanwhile). `on_rcpt(address)` runs
    in the server's thread while a sender is in the middle of a message.
    """

    def __init__(
        self,
        delay: float = 0.0,
        reject_data: str = "",
        *,
        drop_reply_at: int = 0,
        withhold_reply_at: int = 0,
        on_rcpt=None,
    ):
        self.delay = delay
        self.reject_data = reject_data
        self.drop_reply_at = drop_reply_at
        self.withhold_reply_at = withhold_reply_at
        self.on_rcpt = on_rcpt
        self.reply_withheld = threading.Event()
        self.release_reply = threading.Event()
        self.messages: list[tuple[list[str], bytes]] = []
        self.connections = 0
        self.lock = threading.Lock()

    async def handle_MAIL(self, server, session, envelope, address, options):
        if not getattr(session, "counted", False):
            session.counted = True
            with self.lock:
                self.connections += 1
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, options):
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.on_rcpt is not None:
            await asyncio.get_running_loop().run_in_executor(None, self.on_rcpt, address)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.reject_data:
            return self.reject_data
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), envelope.content))
            number = len(self.messages)
        if number == self.drop_reply_at:
            server.transport.close()
        if number == self.withhold_reply_at:
            self.reply_withheld.set()
            await asyncio.get_running_loop().run_in_executor(None, self.release_reply.wait)
        return "250 Message accepted for delivery"

    def count(self) -> int:
        with self.lock:
            return len(self.messages)

    def recipients(self) -> list[str]:
        with self.lock:
            return [address for addresses, _ in self.messages for address in addresses]

    def message_ids(self) -> list[str]:
        with self.lock:
            contents = [content for _, content in self.messages]
        return [message_from_bytes(content, policy=email.policy.default)["Message-ID"] for content in contents]


@contextmanager
def mail_sink(delay: float = 0.0, *, reject_data: str = "", **faults):
    sink = MailSink(delay, reject_data, **faults)
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield sink, f"smtp://127.0.0.1:{controller.port}"
    finally:
        sink.release_reply.set()
        controller.stop()
