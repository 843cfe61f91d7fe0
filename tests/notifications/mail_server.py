"""A real SMTP server for the tests, run in a thread of the test process."""

import asyncio
import socket
import threading
from contextlib import contextmanager

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class MailSink:
    """Keeps every message the server accepted. `delay` slows each recipient's reply, as a server across a
    network would; `reject_data` is the reply to the end of each message instead of accepting it."""

    def __init__(self, delay: float = 0.0, reject_data: str = ""):
        self.delay = delay
        self.reject_data = reject_data
        self.messages: list[tuple[list[str], bytes]] = []
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, options):
        if self.delay:
            await asyncio.sleep(self.delay)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.reject_data:
            return self.reject_data
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"

    def count(self) -> int:
        with self.lock:
            return len(self.messages)

    def recipients(self) -> list[str]:
        with self.lock:
            return [address for addresses, _ in self.messages for address in addresses]


@contextmanager
def mail_sink(delay: float = 0.0, *, reject_data: str = ""):
    sink = MailSink(delay, reject_data)
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield sink, f"smtp://127.0.0.1:{controller.port}"
    finally:
        controller.stop()
