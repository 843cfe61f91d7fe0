"""Where the published data sets the demo and the tests read are found. They are not part of the project: they sit
in a `shared/data/` folder beside the checkout (or above it), or beside the checkout a clone was made from, or in
the folder `ADOPTION_DATA_DIR` names."""

import configparser
import os
from pathlib import Path

from django.conf import settings

USE_OF_FORCE_2016 = "use-of-force-policies-100-largest-us-cities-2016.csv"


def data_file(name: str) -> Path:
    """The data set's path: in ADOPTION_DATA_DIR when it is set, else in the nearest `shared/data/` above the
    project. The path may not exist; callers check."""
    folder = os.environ.get("ADOPTION_DATA_DIR", "")
    if folder:
        return Path(folder) / name
    root = Path(settings.BASE_DIR).resolve()
    for base in (root, _origin(root)):
        for ancestor in base.parents if base else ():
            candidate = ancestor / "shared" / "data" / name
            if candidate.is_file():
                return candidate
    return root.parent / "shared" / "data" / name


def _origin(root: Path) -> Path | None:
    """The local checkout this one was cloned from, if it was (read from the clone's git configuration)."""
    config = configparser.ConfigParser(strict=False, interpolation=None)
    try:
        config.read(root / ".git" / "config", encoding="utf-8")
    except (OSError, configparser.Error):
        return None
    url = config.get('remote "origin"', "url", fallback="").strip()
    if not url or "://" in url.removeprefix("file://") or ":" in url.split("/")[0]:
        return None  # a remote host, not a folder on this machine
    path = Path(url.removeprefix("file://")).expanduser()
    return path.resolve() if path.exists() else None
