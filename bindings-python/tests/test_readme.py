"""The README's Python snippets run as written."""

import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def python_blocks():
    return re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.S)


def test_readme_has_python_snippets():
    assert len(python_blocks()) >= 1


def test_readme_python_snippets_run():
    for block in python_blocks():
        exec(compile(block, str(README), "exec"), {"__name__": "readme"})
