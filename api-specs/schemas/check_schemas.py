#!/usr/bin/env python3
"""Consistency check for the data standard JSON Schemas (api-specs/schemas/v<N>/).

Usage: python3 api-specs/schemas/check_schemas.py [schemas-dir ...]   (default: every v*/ next to this file)

Checks, per version folder:
  - every file parses as JSON; index.json lists exactly the <entity>.schema.json files present;
  - each entity schema has $schema 2020-12, $id urn:brain:standard:v<N>:<entity>, title, bilingual
    description, type object, additionalProperties false, an `extensions` object and a valid `x-entity`;
  - every declared property at every depth (objects, array items) carries a valid `x-classification`
    (category, grade L1..L3, optional personal: true), and a container's grade/personal flag is at least
    that of its members;
  - every name in `required`, `dependentRequired` and in conditional subschemas (if/then/else, allOf,
    anyOf, oneOf, not) is a declared property of the object it constrains;
  - x-entity.naturalKey names are top-level required properties;
  - Kafka topic names brain.<domain>.<entity>.v<N> are legal.
If the `jsonschema` package is installed it also checks each schema against the 2020-12 meta-schema,
validates every `examples` entry (with format assertions), and checks that an unknown field or a missing
required field is rejected. Exit status 1 on any problem.
"""
import json
import pathlib
import re
import sys

CATEGORIES = {"rd", "production", "sales", "logistics", "finance", "supply-chain", "personnel",
              "equipment-iot", "energy-environment"}
GRADES = {"L1": 1, "L2": 2, "L3": 3}
DOMAINS = {"production", "quality", "equipment", "energy", "logistics", "sales", "supply-chain", "safety",
           "personnel", "master-data"}
DRAFT = "https://json-schema.org/draft/2020-12/schema"
CJK = re.compile(r"[\u4e00-\u9fff]")
TOPIC = re.compile(r"^[a-zA-Z0-9._-]{1,249}$")
COMBINERS = ("allOf", "anyOf", "oneOf")
CONDITIONALS = ("if", "then", "else", "not")

try:
    import jsonschema
except ImportError:  # structural checks still run
    jsonschema = None

problems = []


def fail(where, msg):
    problems.append(f"{where}: {msg}")


def check_classification(where, node):
    xc = node.get("x-classification")
    if not isinstance(xc, dict):
        fail(where, "missing x-classification")
        return None
    extra = set(xc) - {"category", "grade", "personal"}
    if extra:
        fail(where, f"unexpected x-classification keys {sorted(extra)}")
    if xc.get("category") not in CATEGORIES:
        fail(where, f"bad category {xc.get('category')!r}")
    if xc.get("grade") not in GRADES:
        fail(where, f"bad grade {xc.get('grade')!r} (L1/L2/L3 only; 重要/核心 are never self-assigned)")
    if "personal" in xc and xc["personal"] is not True:
        fail(where, "personal must be true or absent")
    return xc


def check_constraints(where, node, declared):
    """Names used by required/dependentRequired/conditionals must be declared on the enclosing object."""
    for name in node.get("required", []):
        if name not in declared:
            fail(where, f"required {name!r} is not a declared property")
    for key, names in node.get("dependentRequired", {}).items():
        for name in [key, *names]:
            if name not in declared:
                fail(where, f"dependentRequired {name!r} is not a declared property")
    for kw in COMBINERS:
        for i, sub in enumerate(node.get(kw, [])):
            check_conditional(f"{where}/{kw}[{i}]", sub, declared)
    for kw in CONDITIONALS:
        if kw in node:
            check_conditional(f"{where}/{kw}", node[kw], declared)


def check_conditional(where, sub, declared):
    if not isinstance(sub, dict):
        return
    for name in sub.get("properties", {}):
        if name not in declared:
            fail(where, f"condition on {name!r} which is not a declared property")
    check_constraints(where, sub, declared)


def walk_object(where, node, top=False):
    """node declares an object with `properties`; returns the highest member grade and personal flag."""
    props = node.get("properties", {})
    if node.get("additionalProperties") is not False:
        fail(where, "objects must set additionalProperties: false")
    check_constraints(where, node, set(props))
    top_grade, any_personal = 0, False
    for name, prop in props.items():
        pw = f"{where}.{name}"
        xc = check_classification(pw, prop)
        if prop.get("type") == "object" and "properties" not in prop and not (top and name == "extensions"):
            fail(pw, "free-form object (only the top-level `extensions` may be free-form)")
        child_grade, child_personal = walk_value(pw, prop)
        if xc and xc.get("grade") in GRADES:
            grade = GRADES[xc["grade"]]
            if grade < child_grade:
                fail(pw, f"grade {xc['grade']} is below its members' highest grade L{child_grade}")
            if child_personal and not xc.get("personal"):
                fail(pw, "contains personal members but is not marked personal")
            top_grade = max(top_grade, grade)
            any_personal = any_personal or bool(xc.get("personal"))
    return top_grade, any_personal


def walk_value(where, prop):
    if "properties" in prop:
        return walk_object(where, prop)
    if isinstance(prop.get("items"), dict):
        items = prop["items"]
        if items.get("type") == "object" and "properties" not in items:
            fail(f"{where}[]", "free-form array items")
        return walk_value(f"{where}[]", items)
    return 0, False


def check_entity(folder, major, name, schema):
    where = f"v{major}/{name}"
    if schema.get("$schema") != DRAFT:
        fail(where, "$schema must be JSON Schema 2020-12")
    if schema.get("$id") != f"urn:brain:standard:v{major}:{name}":
        fail(where, f"$id must be urn:brain:standard:v{major}:{name}")
    if not schema.get("title"):
        fail(where, "missing title")
    desc = schema.get("description", "")
    if not desc or not CJK.search(desc) or CJK.match(desc):
        fail(where, "description must be English first, then Chinese")
    if schema.get("type") != "object":
        fail(where, "type must be object")
    props = schema.get("properties", {})
    ext = props.get("extensions")
    if not isinstance(ext, dict) or ext.get("type") != "object" or "properties" in ext:
        fail(where, "needs a free-form `extensions` object property")
    elif ext.get("x-classification", {}).get("grade") != "L1":
        fail(where, "extensions default grade must be L1")
    if "extensions" in schema.get("required", []):
        fail(where, "extensions must be optional")
    walk_object(where, schema, top=True)

    xe = schema.get("x-entity")
    if not isinstance(xe, dict):
        fail(where, "missing x-entity")
        return
    if set(xe) != {"domain", "naturalKey", "titleZh", "isa95"}:
        fail(where, f"x-entity keys must be domain, naturalKey, titleZh, isa95 (got {sorted(xe)})")
    if xe.get("domain") not in DOMAINS:
        fail(where, f"bad x-entity.domain {xe.get('domain')!r}")
    nk = xe.get("naturalKey")
    if not isinstance(nk, list) or not nk:
        fail(where, "x-entity.naturalKey must be a non-empty list")
    else:
        for k in nk:
            if k not in schema.get("required", []) or k not in props:
                fail(where, f"naturalKey {k!r} must be a required top-level property")
    if not isinstance(xe.get("titleZh"), str) or not CJK.search(xe["titleZh"]):
        fail(where, "x-entity.titleZh must be Chinese")
    if xe.get("isa95") is not None and not re.fullmatch(r"[A-Z][A-Za-z]+", str(xe["isa95"])):
        fail(where, "x-entity.isa95 must be an object name or null")
    topic = f"brain.{xe.get('domain')}.{name}.v{major}"
    if not TOPIC.match(topic):
        fail(where, f"illegal Kafka topic {topic}")


def check_examples(where, schema, examples_required=True):
    if jsonschema is None:
        return
    cls = jsonschema.Draft202012Validator
    try:
        cls.check_schema(schema)
    except jsonschema.SchemaError as e:
        fail(where, f"not a valid 2020-12 schema: {e.message}")
        return
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    examples = schema.get("examples", [])
    if examples_required and not examples:
        fail(where, "no examples")
    for i, ex in enumerate(examples):
        for err in validator.iter_errors(ex):
            fail(f"{where} examples[{i}]", f"{'/'.join(map(str, err.path))}: {err.message}")
        if validator.is_valid({**ex, "notInTheStandard": 1}):
            fail(f"{where} examples[{i}]", "an unknown field is not rejected")
        for req in schema.get("required", []):
            if validator.is_valid({k: v for k, v in ex.items() if k != req}):
                fail(f"{where} examples[{i}]", f"missing required {req!r} is not rejected")
    return validator


def check_folder(folder):
    m = re.fullmatch(r"v([1-9][0-9]*)", folder.name)
    if not m:
        fail(str(folder), "version folders are named v<major>")
        return
    major = int(m.group(1))
    docs = {}
    for f in sorted(folder.glob("*.json")):
        try:
            docs[f.name] = json.loads(f.read_text(encoding="utf-8"))
        except ValueError as e:
            fail(f.name, f"does not parse: {e}")
    index = docs.get("index.json")
    if not index or index.get("version") != major:
        fail(f"v{major}/index.json", f"missing or version != {major}")
        return
    entities = index.get("entities", [])
    if len(set(entities)) != len(entities):
        fail(f"v{major}/index.json", "duplicate entity names")
    files = {n[: -len(".schema.json")] for n in docs if n.endswith(".schema.json")} - {"envelope"}
    for missing in sorted(set(entities) - files):
        fail(f"v{major}/index.json", f"lists {missing} but {missing}.schema.json is missing")
    for stray in sorted(files - set(entities)):
        fail(f"v{major}/{stray}.schema.json", "not listed in index.json")
    for name in entities:
        if not re.fullmatch(r"[a-z][a-z0-9-]*", name):
            fail(f"v{major}/index.json", f"bad entity name {name!r}")
        schema = docs.get(f"{name}.schema.json")
        if schema:
            check_entity(folder, major, name, schema)
            check_examples(f"v{major}/{name}", schema)

    envelope = docs.get("envelope.schema.json")
    if not envelope:
        fail(f"v{major}", "envelope.schema.json missing")
        return
    if envelope.get("$id") != f"urn:brain:standard:v{major}:envelope":
        fail(f"v{major}/envelope", "bad $id")
    ev = check_examples(f"v{major}/envelope", envelope)
    if ev is not None:
        for i, ex in enumerate(envelope.get("examples", [])):
            payload_schema = docs.get(f"{ex.get('entity')}.schema.json")
            if ex.get("schemaVersion") != major or payload_schema is None:
                fail(f"v{major}/envelope examples[{i}]", "entity/schemaVersion do not match this folder")
                continue
            pv = jsonschema.Draft202012Validator(payload_schema,
                                                 format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
            for err in pv.iter_errors(ex.get("payload")):
                fail(f"v{major}/envelope examples[{i}].payload", err.message)


def main(argv):
    here = pathlib.Path(__file__).resolve().parent
    folders = [pathlib.Path(a) for a in argv] or sorted(d for d in here.glob("v*") if d.is_dir())
    if not folders:
        print("no version folders found", file=sys.stderr)
        return 1
    for folder in folders:
        check_folder(folder)
    if jsonschema is None:
        print("note: python package jsonschema not installed; meta-schema and example checks skipped",
              file=sys.stderr)
    for p in problems:
        print(p)
    names = ", ".join(f.name for f in folders)
    print(f"{'FAILED' if problems else 'OK'}: {names}: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
