"""Portability check, Python side: every published schema compiles in `jsonschema` without warnings.

Usage: check_schemas.py [SCHEMAS_DIR] [--summary-file FILE]

SCHEMAS_DIR defaults to `schemas/` at the repository root (two folders above this file). For each
file that `SCHEMAS_DIR/index.json` lists, and for every `*.schema.json` it does not list, prints one
line `jsonschema PASS|FAIL <path> ...`, with the reasons of a failure indented below it, then a
summary line. Exits 1 if anything failed, 2 on a usage error.

What makes a schema fail:
- the index does not list it, or lists it but the file is missing;
- it is not a JSON object with unique keys, or its `$schema` is not draft 2020-12;
- a keyword that is neither draft 2020-12 nor one of the vendor keywords declared in
  vendor-keywords.json (the same list ajv is given) - jsonschema itself silently ignores those;
- a `format` that is not a draft 2020-12 format (jsonschema itself silently ignores unknown
  formats, e.g. `uint64`), or one that this install of jsonschema does not check;
- `Draft202012Validator.check_schema` (the meta-schema, with format checking, so `pattern`s must
  compile as Python regular expressions);
- building the validator with `format_checker=Draft202012Validator.FORMAT_CHECKER`, or a `$ref` /
  `$dynamicRef` that does not resolve inside the file (nothing is ever fetched);
- any Python warning on the way (warnings are turned into errors).

The schema's `examples` are validated with the format checker, but their errors are only counted
and printed, never a failure: the Rust tests own what the examples must satisfy.
"""

from __future__ import annotations

import warnings

warnings.simplefilter("error")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path, PurePosixPath  # noqa: E402
from urllib.parse import urljoin  # noqa: E402

import jsonschema  # noqa: E402
from jsonschema import Draft202012Validator  # noqa: E402
from referencing import Registry, Resource  # noqa: E402
from referencing.exceptions import (  # noqa: E402
    NoSuchResource,
    PointerToNowhere,
    Unresolvable,
    Unretrievable,
)
from referencing.jsonschema import DRAFT202012  # noqa: E402

TOOL = "jsonschema"
HERE = Path(__file__).resolve().parent
DEFAULT_SCHEMAS_DIR = HERE.parent.parent / "schemas"
VENDOR_KEYWORDS_FILE = HERE / "vendor-keywords.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
# The string fields of an entry of each list of the index: the payloads' schemas and the
# receiver's answers' schemas.
INDEX_FIELDS = {
    "payloads": ("id", "version", "path", "title", "product"),
    "answers": ("id", "version", "path", "title"),
}
SCHEMA_SUFFIX = ".schema.json"
MAX_DETAILS = 5

# The formats that draft 2020-12 defines (Validation, section 7.3).
DRAFT_2020_12_FORMATS = frozenset(
    {
        "date-time", "date", "time", "duration",
        "email", "idn-email",
        "hostname", "idn-hostname",
        "ipv4", "ipv6",
        "uri", "uri-reference", "iri", "iri-reference", "uuid",
        "uri-template",
        "json-pointer", "relative-json-pointer",
        "regex",
    }
)  # fmt: skip

# Keywords of draft 2020-12's vocabularies, by the shape of their value.
SUBSCHEMA_KEYWORDS = frozenset(
    {
        "additionalProperties", "items", "contains", "propertyNames", "if", "then", "else",
        "not", "unevaluatedItems", "unevaluatedProperties", "contentSchema",
    }
)  # fmt: skip
SUBSCHEMA_MAP_KEYWORDS = frozenset({"properties", "patternProperties", "$defs", "dependentSchemas"})
SUBSCHEMA_LIST_KEYWORDS = frozenset({"allOf", "anyOf", "oneOf", "prefixItems"})
OTHER_KEYWORDS = frozenset(
    {
        # core
        "$schema", "$id", "$ref", "$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary",
        "$comment",
        # validation
        "type", "const", "enum", "multipleOf", "maximum", "exclusiveMaximum", "minimum",
        "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems",
        "uniqueItems", "maxContains", "minContains", "maxProperties", "minProperties",
        "required", "dependentRequired",
        # meta-data, format, content
        "title", "description", "default", "deprecated", "readOnly", "writeOnly", "examples",
        "format", "contentEncoding", "contentMediaType",
    }
)  # fmt: skip
KNOWN_KEYWORDS = SUBSCHEMA_KEYWORDS | SUBSCHEMA_MAP_KEYWORDS | SUBSCHEMA_LIST_KEYWORDS | OTHER_KEYWORDS


class SchemaProblem(Exception):
    """A reason for a schema to fail, already worded for the report."""


def load_vendor_keywords() -> frozenset[str]:
    keywords = json.loads(VENDOR_KEYWORDS_FILE.read_text(encoding="utf-8"))
    if not isinstance(keywords, list) or not all(
        isinstance(k, str) and k.startswith("x-") for k in keywords
    ):
        raise SystemExit(f"{VENDOR_KEYWORDS_FILE}: expected a JSON list of keyword names starting with 'x-'")
    return frozenset(keywords)


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    result: dict[str, object] = {}
    for key, value in pairs:
        if key in result:
            raise SchemaProblem(f"duplicate key {key!r} (validators disagree on which one wins)")
        result[key] = value
    return result


def load_json(path: Path) -> object:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise SchemaProblem(f"not UTF-8: {error}") from None
    try:
        return json.loads(text, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as error:
        raise SchemaProblem(f"not JSON: {error}") from None


def pointer(parts: list[str | int]) -> str:
    escaped = (str(p).replace("~", "~0").replace("/", "~1") for p in parts)
    return "#" + "".join("/" + p for p in escaped)


def walk_schema(schema: object, vendor: frozenset[str], base: str):
    """Yields ("problem", text) and ("ref", base, keyword, value, where) for a schema tree.

    Follows the draft 2020-12 applicators only, so that property names, `examples`, `const`,
    `enum`, `default` and the vendor keywords' values are never taken for keywords.
    """
    stack: list[tuple[object, list[str | int], str]] = [(schema, [], base)]
    while stack:
        node, where, base = stack.pop()
        if isinstance(node, bool):
            continue
        if not isinstance(node, dict):
            yield ("problem", f"{pointer(where)}: a schema must be an object or a boolean")
            continue
        if isinstance(node.get("$id"), str):
            base = urljoin(base, node["$id"])
        for key, value in node.items():
            at = where + [key]
            if key not in KNOWN_KEYWORDS and key not in vendor:
                kind = "undeclared vendor keyword" if key.startswith("x-") else "unknown keyword"
                yield ("problem", f"{pointer(at)}: {kind} {key!r} (not draft 2020-12, not in vendor-keywords.json)")
            elif key == "format":
                if not isinstance(value, str):
                    yield ("problem", f"{pointer(at)}: format must be a string")
                elif value not in DRAFT_2020_12_FORMATS:
                    yield ("problem", f"{pointer(at)}: unknown format {value!r} (not a draft 2020-12 format)")
                elif value not in Draft202012Validator.FORMAT_CHECKER.checkers:
                    yield ("problem", f"{pointer(at)}: format {value!r} is not checked by this jsonschema install")
            elif key in ("$ref", "$dynamicRef") and isinstance(value, str):
                yield ("ref", base, key, value, pointer(at))
            elif key in SUBSCHEMA_KEYWORDS:
                stack.append((value, at, base))
            elif key in SUBSCHEMA_LIST_KEYWORDS and isinstance(value, list):
                stack.extend((sub, at + [i], base) for i, sub in enumerate(value))
            elif key in SUBSCHEMA_MAP_KEYWORDS and isinstance(value, dict):
                stack.extend((sub, at + [name], base) for name, sub in value.items())


def refuse_to_fetch(uri: str) -> Resource:
    raise NoSuchResource(ref=uri)


def check_schema_file(path: Path, vendor: frozenset[str], ids: dict[str, str], rel: str):
    """Returns (problems, example_count, example_error_lines)."""
    problems: list[str] = []
    try:
        schema = load_json(path)
    except SchemaProblem as error:
        return [str(error)], 0, []
    if not isinstance(schema, dict):
        return ["the root must be a JSON object"], 0, []

    if schema.get("$schema") != DIALECT:
        problems.append(f"$schema is {schema.get('$schema')!r}, expected {DIALECT!r}")
    root_id = schema.get("$id")
    if isinstance(root_id, str):
        if root_id in ids:
            problems.append(f"$id {root_id!r} is also the $id of {ids[root_id]}")
        else:
            ids[root_id] = rel
    base = root_id if isinstance(root_id, str) else path.resolve().as_uri()

    refs = []
    for item in walk_schema(schema, vendor, base):
        if item[0] == "problem":
            problems.append(item[1])
        else:
            refs.append(item[1:])

    example_count = 0
    example_errors: list[str] = []
    try:
        Draft202012Validator.check_schema(schema)
        resource = DRAFT202012.create_resource(schema)
        registry = Registry(retrieve=refuse_to_fetch).with_resource(base, resource).crawl()
        validator = Draft202012Validator(
            schema,
            registry=registry,
            format_checker=Draft202012Validator.FORMAT_CHECKER,
        )
        for ref_base, keyword, value, where in refs:
            try:
                registry.resolver(base_uri=ref_base).lookup(value)
            except (Unresolvable, Unretrievable) as error:
                if isinstance(error, PointerToNowhere):
                    why = "points to nothing in this file"
                elif not value.startswith("#"):
                    why = "points outside this file (nothing is fetched)"
                else:
                    why = f"does not resolve ({type(error).__name__})"
                problems.append(f"{where}: {keyword} {value!r} {why}")
        examples = schema.get("examples", [])
        if isinstance(examples, list):
            for index, example in enumerate(examples):
                example_count += 1
                for error in validator.iter_errors(example):
                    example_errors.append(f"examples[{index}] at {error.json_path}: {error.message}")
    except jsonschema.exceptions.SchemaError as error:
        problems.append(f"check_schema: {error.message} (at {pointer(list(error.absolute_path))})")
    except Warning as warning:
        problems.append(f"warning: {type(warning).__name__}: {warning}")
    except Exception as error:  # noqa: BLE001 - any crash is this schema's failure
        problems.append(f"{type(error).__name__}: {error}")
    return problems, example_count, example_errors


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("schemas_dir", nargs="?", type=Path, default=DEFAULT_SCHEMAS_DIR)
    parser.add_argument("--summary-file", type=Path, help="write 'PASSED FAILED' there")
    args = parser.parse_args(argv)
    schemas_dir: Path = args.schemas_dir.resolve()

    vendor = load_vendor_keywords()
    print(
        f"{TOOL}: jsonschema {jsonschema_version()}, Draft202012Validator, "
        f"{len(Draft202012Validator.FORMAT_CHECKER.checkers)} formats checked, "
        f"vendor keywords {sorted(vendor)}, schemas in {schemas_dir}"
    )

    passed = failed = total_examples = total_example_errors = 0

    def report(ok: bool, rel: str, details: list[str], note: str = "") -> None:
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
        print(f"{TOOL} {'PASS' if ok else 'FAIL'} {rel}{'  ' + note if note else ''}")
        for line in details[:MAX_DETAILS]:
            print(f"    {line}")
        if len(details) > MAX_DETAILS:
            print(f"    ... and {len(details) - MAX_DETAILS} more")

    listed: list[str] = []
    index_path = schemas_dir / "index.json"
    try:
        if not index_path.is_file():
            raise SchemaProblem(f"{index_path} does not exist")
        index = load_json(index_path)
        if not isinstance(index, dict) or not all(isinstance(index.get(key), list) for key in INDEX_FIELDS):
            raise SchemaProblem('expected {"payloads": [...], "answers": [...]}')
        entry_problems = []
        for key, fields in INDEX_FIELDS.items():
            for number, entry in enumerate(index[key]):
                if not isinstance(entry, dict):
                    entry_problems.append(f"{key}[{number}] is not an object")
                    continue
                missing = [f for f in fields if not isinstance(entry.get(f), str)]
                if missing:
                    entry_problems.append(f"{key}[{number}] lacks string field(s) {missing}")
                rel = entry.get("path")
                if not isinstance(rel, str):
                    continue
                pure = PurePosixPath(rel)
                if pure.is_absolute() or ".." in pure.parts or str(pure) != rel or not rel.endswith(SCHEMA_SUFFIX):
                    entry_problems.append(f"{key}[{number}].path {rel!r} is not a normalised relative *{SCHEMA_SUFFIX} path")
                elif rel in listed:
                    entry_problems.append(f"{key}[{number}].path {rel!r} is listed twice")
                else:
                    listed.append(rel)
        if entry_problems:
            raise SchemaProblem("; ".join(entry_problems))
    except SchemaProblem as error:
        report(False, "index.json", [str(error)])

    if not listed:
        print(f"{TOOL}: the index lists no schema")

    ids: dict[str, str] = {}
    for rel in listed:
        path = schemas_dir / rel
        if not path.is_file():
            report(False, rel, ["listed in index.json, but the file is missing"])
            continue
        problems, count, example_errors = check_schema_file(path, vendor, ids, rel)
        total_examples += count
        total_example_errors += len(example_errors)
        note = f"(examples: {count}, example errors: {len(example_errors)}, not enforced)"
        report(not problems, rel, problems + [f"note: {e}" for e in example_errors], note)

    on_disk = sorted(p.relative_to(schemas_dir).as_posix() for p in schemas_dir.rglob(f"*{SCHEMA_SUFFIX}"))
    for rel in on_disk:
        if rel not in listed:
            report(False, rel, ["not listed in index.json"])

    print(
        f"{TOOL}: {passed} passed, {failed} failed "
        f"({total_examples} examples checked, {total_example_errors} example errors, not enforced)"
    )
    if args.summary_file:
        args.summary_file.write_text(f"{passed} {failed}\n", encoding="utf-8")
    return 1 if failed else 0


def jsonschema_version() -> str:
    from importlib.metadata import version

    return version("jsonschema")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
