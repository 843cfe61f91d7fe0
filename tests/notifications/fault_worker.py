"""`celery worker` that stops at a chosen moment of sending the n-th email, says so, and waits to be killed.

The test starts it instead of `python -m celery` with FAULT_STAGE (`before_record`: the message's body has reached
the server and its row is not yet recorded as sent; `before_final_line`: the row is recorded as sent and the
message's final line has not left), FAULT_AT (which email, from 1) and FAULT_MARKER (a file it creates when it
stops, holding the id of the pool process that stopped). The test then kills it with SIGKILL, at exactly that
moment: the whole worker, or only that pool process.
"""

import os
import sys
import time
from pathlib import Path


def stop_at(original, *, at: int, marker: Path):
    calls = 0

    def wrapper(*args, **kwargs):
        nonlocal calls
        calls += 1
        # Once only: a pool process forked after the test killed the first one counts from zero again.
        if calls == at and not marker.exists():
            marker.write_text(str(os.getpid()))
            while True:
                time.sleep(3600)
        return original(*args, **kwargs)

    return wrapper


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings")
    import django

    django.setup()
    from network.notifications import mailer, services

    stage = os.environ["FAULT_STAGE"]
    options = {"at": int(os.environ["FAULT_AT"]), "marker": Path(os.environ["FAULT_MARKER"])}
    if stage == "before_record":
        services._record_sent = stop_at(services._record_sent, **options)
    elif stage == "before_final_line":
        mailer._SmtpHandover.finish = stop_at(mailer._SmtpHandover.finish, **options)
    else:
        raise SystemExit(f"Unknown FAULT_STAGE {stage!r}")
    from celery.__main__ import main as celery_main

    sys.argv = ["celery", *sys.argv[1:]]
    celery_main()


if __name__ == "__main__":
    main()
