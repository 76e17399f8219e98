//! What the fuzz targets share: the payload kind an input names, the documents the structure-aware
//! target starts from, the mutations it applies, the checks the format target compares, and the
//! input-splitting target's check.
//!
//! Each target in `fuzz_targets/` is a few lines over these; `examples/seed.rs` writes the seed
//! corpora and the dictionary from the same sources (see README.md).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use arbitrary::Arbitrary;
use integration_tests::cases::{documents, read_json};
use schema_types::{PAYLOADS, PayloadKind};
use serde_json::{Map, Value};

pub mod documents;
pub mod mutation;

/// The payload kind an input's first byte names: `PAYLOADS[byte % PAYLOADS.len()]`.
pub fn kind_of(byte: u8) -> &'static PayloadKind {
    &PAYLOADS[usize::from(byte) % PAYLOADS.len()]
}

/// The byte that names `kind` (its position in the registry).
///
/// # Panics
///
/// When `kind` is not in the registry, or the registry holds more than 256 kinds.
pub fn byte_of(kind: &PayloadKind) -> u8 {
    let index = PAYLOADS
        .iter()
        .position(|k| k.id == kind.id)
        .expect("a registered kind");
    u8::try_from(index).expect("at most 256 kinds")
}

/// The workspace root (the fuzz crate is its `fuzz/` folder).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("fuzz/ has a parent")
        .to_path_buf()
}

/// The documents kept for `kind` in the repository, as files: its cases in `tests/invalid/` and
/// `tests/real/` and its documented example in `generated/`.
pub fn document_files(kind: &PayloadKind) -> Vec<PathBuf> {
    let root = workspace_root();
    let mut files = Vec::new();
    for (folder, sidecar) in [
        ("tests/invalid", ".expected.json"),
        ("tests/real", ".case.json"),
    ] {
        if let Ok(paths) = documents(&root.join(folder).join(kind.id), sidecar) {
            files.extend(paths);
        }
    }
    let example = root.join("generated").join(kind.id).join("example.json");
    if example.is_file() {
        files.push(example);
    }
    files
}

/// The documents the structure-aware target starts from, per kind in registry order: the
/// fixture's defaults, then the kept documents ([`document_files`]).
static BASES: LazyLock<Vec<Vec<Value>>> = LazyLock::new(|| {
    PAYLOADS
        .iter()
        .map(|kind| {
            let mut bases = vec![kind.fixture()];
            bases.extend(document_files(kind).iter().map(|path| read_json(path)));
            bases
        })
        .collect()
});

/// Where a structure-aware case starts.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Base {
    /// A kept document of the kind (the fixture's defaults first), by index modulo their number.
    Kept(u8),
    /// A random valid instance drawn from this seed.
    Random(u64),
}

impl Base {
    /// The document this base is, for `kind`.
    pub fn document(self, kind: &PayloadKind) -> Value {
        match self {
            Self::Kept(index) => {
                let bases = &BASES[usize::from(byte_of(kind))];
                bases[usize::from(index) % bases.len()].clone()
            }
            Self::Random(seed) => kind.random(seed),
        }
    }
}

/// A check of strings the validators run: a format's or a pattern's, with the schema that asks
/// the same of a string in `jsonschema`.
pub struct StringCheck {
    /// `format NAME` or `pattern SOURCE`, for messages.
    pub name: String,
    /// The validators' check.
    pub check: Box<dyn Fn(&str) -> bool + Send + Sync>,
    /// `jsonschema`'s, formats on.
    pub oracle: jsonschema::Validator,
}

/// Every format the runtime checks and every pattern a published schema holds, once each.
pub static STRING_CHECKS: LazyLock<Vec<StringCheck>> = LazyLock::new(|| {
    let mut checks = Vec::new();
    for &format in schema_runtime::validate::format::KNOWN {
        let check = schema_runtime::validate::format::checker(format).expect("a known format");
        checks.push(StringCheck {
            name: format!("format {format}"),
            check: Box::new(check),
            oracle: string_oracle("format", format),
        });
    }
    for pattern in patterns() {
        // Built once per process, as the derive's `static` is.
        let source: &'static str = Box::leak(pattern.into_boxed_str());
        let compiled = schema_runtime::validate::Pattern::new(source);
        checks.push(StringCheck {
            name: format!("pattern {source}"),
            check: Box::new(move |text| compiled.is_match(text)),
            oracle: string_oracle("pattern", source),
        });
    }
    checks
});

fn string_oracle(keyword: &str, value: &str) -> jsonschema::Validator {
    let mut schema = Map::new();
    schema.insert(keyword.to_owned(), Value::String(value.to_owned()));
    jsonschema::options()
        .should_validate_formats(true)
        .build(&Value::Object(schema))
        .expect("a string schema compiles")
}

/// Every `pattern` of every published schema, sorted, once each.
pub fn patterns() -> Vec<String> {
    gathered(|schema, found| {
        if let Some(pattern) = schema.get("pattern").and_then(Value::as_str) {
            found.insert(pattern.to_owned());
        }
    })
}

/// Every member name of every published schema (`properties`), sorted, once each.
pub fn member_names() -> Vec<String> {
    gathered(|schema, found| {
        if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
            found.extend(properties.keys().cloned());
        }
    })
}

/// What `find` finds in the subschemas of every published schema, sorted, once each.
fn gathered(find: impl Fn(&Map<String, Value>, &mut BTreeSet<String>)) -> Vec<String> {
    let mut found = BTreeSet::new();
    for kind in PAYLOADS.iter() {
        subschemas(&kind.schema(), &mut |schema| find(schema, &mut found));
    }
    found.into_iter().collect()
}

/// Visits every object of the schema `node` that may be a subschema, depth first. Member names
/// (`properties`), `$defs` names, examples, descriptions, titles and comments are not schemas:
/// `properties` and `$defs` are entered by their values alone, the annotations not at all.
///
/// Not [`schema_types::schema_walk`]: that walks a document's members, and a `pattern` also
/// stands in schemas that are no member's (the alternatives of `UuidOrEmpty`'s `anyOf`).
fn subschemas(node: &Value, visit: &mut impl FnMut(&Map<String, Value>)) {
    match node {
        Value::Object(schema) => {
            visit(schema);
            for (keyword, value) in schema {
                match (keyword.as_str(), value) {
                    ("properties" | "$defs", Value::Object(named)) => {
                        named.values().for_each(|inner| subschemas(inner, visit));
                    }
                    ("examples" | "description" | "title" | "$comment", _) => {}
                    _ => subschemas(value, visit),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| subschemas(item, visit)),
        _ => {}
    }
}

/// The line an arbitrary text is read at: past the end of both pages, so that no recorded
/// erratum falls inside it and the reading is the lenient one alone.
const FAR_LINE: usize = 1_000_000;

/// Reads `text` with the corpus's lenient reader as if a page printed it as an example.
///
/// # Errors
///
/// The reader's, when the text is not JSON after the lenient reading.
pub fn read_as_example(text: &str) -> Result<Value, schema_types::corpus::ReadError> {
    use schema_types::corpus::{Example, Page, read};
    // An example's text is `&'static str` (a page is compiled in): the copy lives on the heap
    // for the one call and is freed after it.
    let raw: *mut str = Box::into_raw(text.to_owned().into_boxed_str());
    // SAFETY: `raw` comes from `Box::into_raw` and is freed only below, after the last use of
    // this reference: `example` is dropped first, and what `read` returns owns its data (a
    // `Value`, repairs and an error message), keeping no reference to the text.
    let text: &'static str = unsafe { &*raw };
    let example = Example {
        page: Page::Appsmith,
        line: FAR_LINE,
        end_line: FAR_LINE + text.lines().count(),
        caption: String::new(),
        text,
    };
    let read = read(&example).map(|read| read.value);
    drop(example);
    // SAFETY: see above; nothing refers to the text any more.
    drop(unsafe { Box::from_raw(raw) });
    read
}
