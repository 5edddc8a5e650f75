"""`make test` on a fresh machine: the system programs the tests need are installed from the
distribution's packages when it can, and otherwise it stops at once with the command to run."""

import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / ".ci" / "system-packages"


def run(**env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own script, fixed arguments
        ["/bin/bash", str(SCRIPT)],
        env={"PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_without_chromium_and_no_way_to_install_it_stops_with_the_exact_command():
    result = run(CHROMIUM="/nonexistent/chromium", INSTALL="no")

    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "The tests need system packages that are not installed: chromium.",
        "Install them (as root, on Debian or Ubuntu), then run make test again:",
        "    sudo sh -c 'apt-get update && apt-get install -y chromium'",
    ]


def test_with_everything_installed_it_does_nothing():
    result = run(INSTALL="no")

    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_make_test_and_ci_run_it_first():
    root = SCRIPT.parents[1]
    makefile = (root / "Makefile").read_text()
    ci = (root / ".ci" / "run").read_text()

    assert "test: system-packages install" in makefile
    assert "bash .ci/system-packages" in makefile and "bash .ci/system-packages" in ci
