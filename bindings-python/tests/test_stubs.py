"""The typed stubs name exactly what the native module exports (stubtest, run by test.sh,
checks signatures too; this check needs nothing but the standard library)."""

import ast
import inspect

import omnistock
from omnistock import _omnistock
from conftest import PACKAGE


def stub():
    return ast.parse((PACKAGE / "_omnistock.pyi").read_text())


def public(names):
    return {n for n in names if not n.startswith("_")}


def test_stub_module_names_match_the_native_module():
    tree = stub()
    names = set()
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.FunctionDef):
            names.add(node.name)
    assert public(names) == public(dir(_omnistock))
    assert set(omnistock.__all__) == set(_omnistock.__all__) == public(dir(_omnistock)) | {"__version__"}


def raised_error():
    try:
        omnistock.Inventory("{")
    except omnistock.OmnistockError as e:
        return e
    raise AssertionError("no error raised")


def test_stub_classes_match_the_native_classes():
    for node in stub().body:
        if isinstance(node, ast.ClassDef):
            declared = {n.name for n in node.body if isinstance(n, ast.FunctionDef)}
            declared |= {n.target.id for n in node.body if isinstance(n, ast.AnnAssign)}
            cls = getattr(_omnistock, node.name)
            if cls is omnistock.OmnistockError:
                own = set(vars(raised_error()))  # instance attributes
            else:
                own = set(vars(cls))
            assert public(declared) == public(own), node.name


def test_every_method_has_a_docstring():
    for name, member in vars(omnistock.Inventory).items():
        if not name.startswith("_") and callable(member):
            assert inspect.getdoc(member), name
    assert inspect.getdoc(omnistock.Inventory)
    assert inspect.getdoc(omnistock.OmnistockError)
