"""A PEP 517 build backend written with the standard library only: it builds the wheel (the `statscope`
package as it is, pure Python, with `py.typed`) and the sdist, reading name, version and summary from
pyproject.toml. Nothing is downloaded to build or install the package."""

from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import tarfile
import zipfile
from typing import Dict, List, Optional, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = "statscope"


def _project() -> Dict[str, str]:
    """name, version, description and requires-python from the [project] table (flat string keys only)."""
    with open(os.path.join(ROOT, "pyproject.toml"), encoding="utf-8") as f:
        text = f.read()
    table = text.split("[project]", 1)[1].split("\n[", 1)[0]
    found = dict(re.findall(r'^([a-z-]+)\s*=\s*"([^"]*)"', table, re.MULTILINE))
    return {k: found[k] for k in ("name", "version", "description", "requires-python")}


def _metadata() -> str:
    p = _project()
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    return (
        "Metadata-Version: 2.1\n"
        f"Name: {p['name']}\nVersion: {p['version']}\nSummary: {p['description']}\n"
        "License: MIT\n"
        f"Requires-Python: {p['requires-python']}\n"
        "Classifier: Typing :: Typed\n"
        "Description-Content-Type: text/markdown\n\n" + readme
    )


def _package_files() -> List[Tuple[str, str]]:
    out = []
    base = os.path.join(ROOT, PACKAGE)
    for folder, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".typed")):
                path = os.path.join(folder, name)
                out.append((path, os.path.relpath(path, ROOT).replace(os.sep, "/")))
    return out


def _digest(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def _dist_info() -> str:
    p = _project()
    return f"{p['name']}-{p['version']}.dist-info"


def _wheel_name() -> str:
    p = _project()
    return f"{p['name']}-{p['version']}-py3-none-any.whl"


def _dist_info_files() -> Dict[str, bytes]:
    return {
        "METADATA": _metadata().encode("utf-8"),
        "WHEEL": b"Wheel-Version: 1.0\nGenerator: statscope_build\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        "top_level.txt": f"{PACKAGE}\n".encode(),
    }


def _write_wheel(wheel_directory: str, extra: Optional[Dict[str, bytes]] = None) -> str:
    info = _dist_info()
    entries: List[Tuple[str, bytes]] = []
    for path, arcname in _package_files():
        with open(path, "rb") as f:
            entries.append((arcname, f.read()))
    for arcname, data in (extra or {}).items():
        entries.append((arcname, data))
    for name, data in _dist_info_files().items():
        entries.append((f"{info}/{name}", data))
    record = "".join(f"{name},{_digest(data)},{len(data)}\n" for name, data in entries) + f"{info}/RECORD,,\n"
    entries.append((f"{info}/RECORD", record.encode()))
    target = os.path.join(wheel_directory, _wheel_name())
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            z.writestr(zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return os.path.basename(target)


def get_requires_for_build_wheel(config_settings: Optional[dict] = None) -> List[str]:
    return []


def get_requires_for_build_sdist(config_settings: Optional[dict] = None) -> List[str]:
    return []


def get_requires_for_build_editable(config_settings: Optional[dict] = None) -> List[str]:
    return []


def prepare_metadata_for_build_wheel(metadata_directory: str, config_settings: Optional[dict] = None) -> str:
    info = os.path.join(metadata_directory, _dist_info())
    os.makedirs(info, exist_ok=True)
    for name, data in _dist_info_files().items():
        with open(os.path.join(info, name), "wb") as f:
            f.write(data)
    return _dist_info()


prepare_metadata_for_build_editable = prepare_metadata_for_build_wheel


def build_wheel(wheel_directory: str, config_settings: Optional[dict] = None, metadata_directory: Optional[str] = None) -> str:
    return _write_wheel(wheel_directory)


def build_editable(wheel_directory: str, config_settings: Optional[dict] = None, metadata_directory: Optional[str] = None) -> str:
    """An editable wheel: a .pth file that puts this folder on sys.path."""
    info = _dist_info()
    pth = f"{ROOT}\n".encode()
    entries = {f"{PACKAGE}.pth": pth}
    for name, data in _dist_info_files().items():
        entries[f"{info}/{name}"] = data
    record = "".join(f"{name},{_digest(data)},{len(data)}\n" for name, data in entries.items()) + f"{info}/RECORD,,\n"
    entries[f"{info}/RECORD"] = record.encode()
    target = os.path.join(wheel_directory, _wheel_name())
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0)), data)
    return os.path.basename(target)


def build_sdist(sdist_directory: str, config_settings: Optional[dict] = None) -> str:
    p = _project()
    base = f"{p['name']}-{p['version']}"
    target = os.path.join(sdist_directory, f"{base}.tar.gz")
    files = [(os.path.join(ROOT, n), n) for n in ("pyproject.toml", "README.md")]
    files += [(os.path.join(ROOT, "build_backend", "statscope_build.py"), "build_backend/statscope_build.py")]
    files += _package_files()
    with tarfile.open(target, "w:gz", format=tarfile.PAX_FORMAT) as tar:
        for path, arcname in files:
            tar.add(path, arcname=f"{base}/{arcname}", recursive=False)
        pkg_info = _metadata().encode("utf-8")
        ti = tarfile.TarInfo(f"{base}/PKG-INFO")
        ti.size = len(pkg_info)
        tar.addfile(ti, io.BytesIO(pkg_info))
    return os.path.basename(target)
