"""varnishd's run-time parameters (``deploy/varnish/varnishd.params``): one file for
production's systemd unit and for every Varnish the project starts (bench, tests)."""

import shlex
from pathlib import Path

PARAMS_FILE = Path(__file__).resolve().parents[2] / "deploy" / "varnish" / "varnishd.params"


def params(path=PARAMS_FILE):
    """Return the file's ``VARNISHD_PARAMS`` as varnishd's arguments: ``["-p", "…", …]``."""
    for line in Path(path).read_text().splitlines():
        name, _, value = line.partition("=")
        if name.strip() == "VARNISHD_PARAMS":
            return shlex.split(shlex.split(value)[0]) if value.strip() else []
    raise ValueError(f"{path} sets no VARNISHD_PARAMS")
