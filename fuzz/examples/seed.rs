//! Writes the seed corpora of the fuzz targets and their dictionary under `fuzz/corpus/`, from
//! the repository's documents (`cargo run --example seed`; `fuzz/run` does it first):
//!
//! - `reader/`: every kept document of every kind (`tests/invalid/`, `tests/real/`, the
//!   documented examples in `generated/`), as on disk and compact, after the byte naming its
//!   kind, and every kind's fixture;
//! - `agreement/`: a few short inputs per kind (the mutations grow from there);
//! - `formats/`: the strings of `mutation::TOKENS` and every string value of the kept documents,
//!   after the byte naming each check;
//! - `lenient/`: the examples as the pages print them (comments and trailing commas included)
//!   and the kept documents;
//! - `cli_input/`: after the three bytes that choose the limit and the reads
//!   (`documents::Setup`), the kept documents as on disk (pretty-printed) and an NDJSON stream
//!   of every kind's fixture with blank lines, a line that is not JSON and a truncated first
//!   line, each also with CRLF line breaks and after a byte order mark, under a limit they fit
//!   and one some do not;
//! - `json.dict`: JSON's tokens, a few escapes and edge numbers, and every member name of the
//!   published schemas, quoted.
//!
//! Files are named after their content's position, so writing again replaces them; what the
//! fuzzer added beside them stays.

use std::fs;
use std::path::Path;

use schema_types::PAYLOADS;
use schema_types::corpus;
use serde_json::Value;
use telemetry_spec_fuzz::documents::Setup;
use telemetry_spec_fuzz::mutation::TOKENS;
use telemetry_spec_fuzz::{STRING_CHECKS, byte_of, document_files, member_names, workspace_root};

fn main() {
    let out = workspace_root().join("fuzz").join("corpus");
    let mut strings = Vec::new();

    let mut reader = Vec::new();
    let mut lenient = Vec::new();
    let mut inputs = Vec::new();
    let mut stream = b"{\"truncated\": \n".to_vec();
    for kind in PAYLOADS.iter() {
        let byte = byte_of(kind);
        let fixture = serde_json::to_vec(&kind.fixture()).expect("a value serialises");
        stream.extend_from_slice(&fixture);
        stream.extend_from_slice(b"\n \t\n");
        reader.push([&[byte], fixture.as_slice()].concat());
        for path in document_files(kind) {
            let bytes =
                fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
            let value: Value = serde_json::from_slice(&bytes).expect("a kept document is JSON");
            let compact = serde_json::to_vec(&value).expect("a value serialises");
            collect_strings(&value, &mut strings);
            reader.push([&[byte], bytes.as_slice()].concat());
            reader.push([&[byte], compact.as_slice()].concat());
            inputs.push(bytes.clone());
            lenient.push(bytes);
        }
    }
    stream.extend_from_slice(b"not json\n[1, 2]\n");
    inputs.push(stream);
    let mut cli_input = Vec::new();
    for input in &inputs {
        let mut crlf = Vec::with_capacity(input.len());
        for &byte in input {
            if byte == b'\n' {
                crlf.push(b'\r');
            }
            crlf.push(byte);
        }
        let marked = [b"\xef\xbb\xbf", input.as_slice()].concat();
        for text in [input, &crlf, &marked] {
            // No limit, read 3 and 7 bytes at a time through a buffer of 5; 1 KiB (some
            // documents are over it), 16 and 1 bytes through 32, interrupted; 100 bytes (most
            // lines are over it), 1 byte at a time.
            for setup in [
                Setup::bytes(255, [3, 7], 5, false),
                Setup::bytes(240, [16, 1], 32, true),
                Setup::bytes(100, [1, 1], 1, false),
            ] {
                cli_input.push([setup.as_slice(), text].concat());
            }
        }
    }
    write(&out.join("cli_input"), &cli_input);
    for example in corpus::examples() {
        lenient.push(example.text.as_bytes().to_vec());
    }
    write(&out.join("reader"), &reader);
    write(&out.join("lenient"), &lenient);

    let agreement: Vec<Vec<u8>> = PAYLOADS
        .iter()
        .flat_map(|kind| {
            let byte = byte_of(kind);
            [
                vec![byte; 1],
                vec![byte, 0, 0, 0, 0, 1, 0, 0, 0],
                vec![byte, 1, 7, 0, 0, 0, 0xff, 0xff],
            ]
        })
        .collect();
    write(&out.join("agreement"), &agreement);

    strings.extend(TOKENS.iter().map(|token| (*token).to_owned()));
    strings.sort();
    strings.dedup();
    let mut formats = Vec::new();
    for index in 0..STRING_CHECKS.len() {
        let byte = u8::try_from(index).expect("at most 256 checks");
        for text in &strings {
            formats.push([&[byte], text.as_bytes()].concat());
        }
    }
    write(&out.join("formats"), &formats);

    let mut dictionary = String::from(
        "# JSON tokens, escapes, edge numbers, and member names of the published schemas.\n",
    );
    let tokens = [
        "{",
        "}",
        "[",
        "]",
        ":",
        ",",
        "\"",
        "true",
        "false",
        "null",
        "-",
        "0",
        "-0",
        "1.5",
        "1e3",
        "2.5e-3",
        "1E+3",
        "1e400",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775809",
        "\\\"",
        "\\\\",
        "\\/",
        "\\n",
        "\\u0000",
        "\\u00e9",
        "\\ud83d\\ude00",
        "\\ud800",
        "//",
        "/*",
        "*/",
        ",}",
        ",]",
        "\u{e9}",
        "\u{1f600}",
        "\u{2028}",
    ];
    for token in tokens {
        dictionary.push_str(&dictionary_entry(token));
    }
    for name in member_names() {
        dictionary.push_str(&dictionary_entry(&format!("\"{name}\"")));
    }
    fs::write(out.join("json.dict"), dictionary).expect("the dictionary is written");
    eprintln!(
        "seeds in {}: reader {}, agreement {}, formats {}, lenient {}, cli_input {}",
        out.display(),
        reader.len(),
        agreement.len(),
        formats.len(),
        lenient.len(),
        cli_input.len()
    );
}

/// Every string value of `value`, and every member name.
fn collect_strings(value: &Value, strings: &mut Vec<String>) {
    match value {
        Value::String(text) => strings.push(text.clone()),
        Value::Array(items) => items.iter().for_each(|item| collect_strings(item, strings)),
        Value::Object(members) => {
            for (name, member) in members {
                strings.push(name.clone());
                collect_strings(member, strings);
            }
        }
        _ => {}
    }
}

/// One line of a libFuzzer dictionary: the token quoted, `\`, `"` and bytes outside printable
/// ASCII written `\xNN`.
fn dictionary_entry(token: &str) -> String {
    let mut line = String::from("\"");
    for &byte in token.as_bytes() {
        match byte {
            b'"' | b'\\' => line.push_str(&format!("\\x{byte:02X}")),
            0x20..=0x7e => line.push(char::from(byte)),
            _ => line.push_str(&format!("\\x{byte:02X}")),
        }
    }
    line.push_str("\"\n");
    line
}

/// Writes `inputs` into `folder` as `seed-N`.
fn write(folder: &Path, inputs: &[Vec<u8>]) {
    fs::create_dir_all(folder).unwrap_or_else(|error| panic!("{}: {error}", folder.display()));
    for (index, input) in inputs.iter().enumerate() {
        let path = folder.join(format!("seed-{index:04}"));
        fs::write(&path, input).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    }
}
