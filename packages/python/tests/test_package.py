"""The package as a user installs it: `python -m build`, then the wheel alone in a fresh virtual
environment (no openai, anthropic, langchain or litellm) sends an event."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import zipfile
from typing import Optional

import pytest

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SCRIPT = """
import sys, inferledger
il = inferledger.Client("il_test_key", sys.argv[1], spool_dir=sys.argv[2])
with il.context(customer="wheel-co"):
    il.track(provider="openai", model="gpt-4o", usage={"prompt_tokens": 3, "completion_tokens": 1})
print(il.shutdown(10))
try:
    import inferledger.integrations.langchain
except ImportError as e:
    print(e)
"""




@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), HERE], check=True, capture_output=True, timeout=300)
    (built,) = out.glob("inferledger-*.whl")
    names = zipfile.ZipFile(built).namelist()
    assert "inferledger/py.typed" in names and "inferledger/integrations/litellm.py" in names
    assert not any(n.startswith("tests/") for n in names)
    return str(built)


def oldest_python() -> Optional[str]:
    """The oldest Python the package supports, where this machine has one (pyenv here and in CI)."""
    candidates = sorted(glob.glob(os.path.expanduser("~/.pyenv/versions/3.9*/bin/python3.9"))) + [shutil.which("python3.9") or ""]
    for path in filter(None, candidates):
        if subprocess.run([path, "--version"], capture_output=True).returncode == 0:
            return path
    return None


OLDEST = oldest_python()


@pytest.mark.parametrize("interpreter", [sys.executable, pytest.param(OLDEST, marks=pytest.mark.skipif(not OLDEST, reason="no python3.9 on PATH"))])
def test_the_built_wheel_installs_alone_and_sends(ingest, tmp_path, interpreter, wheel):
    venv = tmp_path / "venv"
    subprocess.run([interpreter, "-m", "venv", str(venv)], check=True, timeout=120)
    python = str(venv / "bin" / "python")
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-index", "--no-deps", wheel], check=True, timeout=120)
    result = subprocess.run([python, "-c", SCRIPT, ingest.url, str(tmp_path / "spool")], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.splitlines() == [
        "DeliveryReport(delivered=1, spooled=0, lost=0, queued=0)",
        "inferledger.integrations.langchain needs langchain-core: pip install langchain-core",
    ]
    (event,) = ingest.state.stored()
    assert (event["customer"], event["usage"]) == ("wheel-co", {"prompt_tokens": 3, "completion_tokens": 1})
