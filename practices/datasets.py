"""Where the published data sets the demo and the tests read are found. They are not part of the project: they sit
in a `shared/data/` folder beside the checkout (or above it), or in the folder `ADOPTION_DATA_DIR` names."""

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
    for ancestor in root.parents:
        candidate = ancestor / "shared" / "data" / name
        if candidate.is_file():
            return candidate
    return root.parent / "shared" / "data" / name
