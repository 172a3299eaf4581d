"""Builds policytext's optional compiled modules; everything else about the package is in
pyproject.toml.

The pure-Python modules that do the per-document work (``COMPILED``: the extractors, the
normalizer, the offset maps, the records, jieba's route search) are also compiled with Cython,
unchanged, in its pure-Python mode: the same source run without the interpreter's dispatch,
which takes about a sixth off the time of ``analyze`` (``benchmarks/throughput.py`` times both).
The Python source stays the reference and is always installed beside them.

* The compiled files go to ``policytext/_compiled/`` (not beside their sources), with a
  manifest recording the SHA-256 of the source each was compiled from.  At import,
  :mod:`policytext._accelerate` loads a compiled module only when its source is unchanged, so an
  edited module in an editable install runs as edited (with a warning to rebuild), never stale.
* Without a C compiler, or with ``POLICYTEXT_COMPILE=0`` in the environment, nothing is compiled
  and the package is pure Python; a module that fails to compile is left out with a warning.
* ``POLICYTEXT_PURE=1`` at run time ignores the compiled modules.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

#: the modules compiled, in dotted form; each is ``src/<path>.py``
COMPILED = (
    "policytext.normalize",
    "policytext.offsets",
    "policytext.pipeline",
    "policytext.script",
    "policytext.segment",
    "policytext._jieba_route",
    "policytext.records",
    "policytext.extract.numbers",
    "policytext.extract.quantities",
    "policytext.extract.dates",
    "policytext.extract.slogans",
    "policytext.extract.checks",
)
ROOT = Path(__file__).resolve().parent


def _source(name: str) -> Path:
    return ROOT / "src" / (name.replace(".", "/") + ".py")


class BuildCompiled(build_ext):
    """``build_ext`` that puts each compiled module under ``policytext/_compiled/`` (in the
    wheel, or in ``src/`` for an editable install) and writes the manifest there; a module that
    does not compile is skipped, not an error."""

    def get_ext_fullname(self, ext_name: str) -> str:
        # where the file goes, not the module's name: policytext.extract.numbers is built as
        # policytext/_compiled/extract/numbers.<abi>.so, and still initializes as
        # policytext.extract.numbers (Cython compiled it under that name)
        return "policytext._compiled." + ext_name.removeprefix("policytext.")

    def build_extension(self, ext) -> None:  # type: ignore[no-untyped-def]
        if self.compiler.compiler_type == "unix":
            ext.extra_compile_args = [*ext.extra_compile_args, "-g0"]  # no debug symbols: a tenth the size
        try:
            super().build_extension(ext)  # or skips it, when its file is newer than its C source
        except Exception as exc:  # no compiler, missing headers: the source runs instead
            print(f"policytext: {ext.name} was not compiled ({exc}); its Python source will run", file=sys.stderr)
            Path(self.get_ext_fullpath(ext.name)).unlink(missing_ok=True)  # an earlier build is not this source's
        else:
            self._built.add(ext.name)

    def finalize_options(self) -> None:
        super().finalize_options()
        if not self.parallel:
            self.parallel = os.cpu_count() or 1  # modules compile independently

    def run(self) -> None:
        if self.inplace:
            base = Path(self.get_finalized_command("build_py").get_package_dir("policytext")) / "_compiled"
        else:
            base = Path(self.build_lib) / "policytext" / "_compiled"
        for ext in self.extensions:
            (base / self._file(ext)).unlink(missing_ok=True)  # only what this run builds is listed
            (base / self._file(ext)).parent.mkdir(parents=True, exist_ok=True)  # the copy into src/ makes none
        (base / "manifest.json").unlink(missing_ok=True)
        self._built: set[str] = set()
        super().run()  # builds in build_lib, then copies into src/ when in place
        modules = {}
        for ext in self.extensions:
            file = self._file(ext)
            if ext.name in self._built and (base / file).exists():
                digest = hashlib.sha256(_source(ext.name).read_bytes()).hexdigest()
                modules[ext.name] = {"file": file.as_posix(), "source_sha256": digest}
        if not modules:
            return
        import Cython

        manifest = {"cython": Cython.__version__, "python": sys.version.split()[0], "modules": modules}
        (base / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")

    def _file(self, ext) -> Path:  # type: ignore[no-untyped-def]
        """The compiled file's path inside ``policytext/_compiled``."""
        return Path(self.get_ext_filename(self.get_ext_fullname(ext.name))).relative_to("policytext/_compiled")


def _extensions() -> list:  # type: ignore[type-arg]
    if os.environ.get("POLICYTEXT_COMPILE", "1") == "0":
        # pure Python asked for: an earlier in-place (editable) build must not stay in use
        shutil.rmtree(ROOT / "src" / "policytext" / "_compiled", ignore_errors=True)
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:  # building without the build requirements (no isolation): pure Python
        print("policytext: Cython is not installed; building pure Python", file=sys.stderr)
        return []
    from setuptools import Extension

    extensions = [Extension(name, [str(_source(name).relative_to(ROOT))]) for name in COMPILED]
    # annotation_typing off: annotations stay hints, as in Python (an annotated ``str`` argument
    # accepts what Python accepts), so the compiled module behaves exactly as its source
    directives = {"language_level": 3, "annotation_typing": False, "binding": True, "autotestdict": False}
    return cythonize(extensions, compiler_directives=directives, quiet=True, build_dir="build/cython")


setup(ext_modules=_extensions(), cmdclass={"build_ext": BuildCompiled})
