//! Every verdict is compared with `jsonschema`'s own: the oracle, never a hand-written
//! boolean. Hand-picked edge cases first, then property tests over random, near-format and
//! mutated texts.

use std::sync::LazyLock;

use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::{Config, TestRunner};
use serde_json::json;

use super::hostname::*;
use super::*;

/// `jsonschema`'s validator of `{"format": name}` for each known format, built once.
static ORACLES: LazyLock<Vec<(&'static str, jsonschema::Validator)>> = LazyLock::new(|| {
    KNOWN
        .iter()
        .map(|&name| {
            let validator = jsonschema::options()
                .should_validate_formats(true)
                .build(&json!({ "format": name }))
                .expect("a `format` schema compiles");
            (name, validator)
        })
        .collect()
});

/// `jsonschema`'s verdict on `text` for `format`.
fn jsonschema_verdict(format: &str, text: &str) -> bool {
    let (_, validator) = ORACLES
        .iter()
        .find(|(name, _)| *name == format)
        .expect("the format is known");
    validator.is_valid(&json!(text))
}

/// The shared verdict on `text`, or a message naming both verdicts when they differ.
fn agreement(format: &str, text: &str) -> Result<bool, String> {
    let ours = checker(format).expect("the format is known")(text);
    let theirs = jsonschema_verdict(format, text);
    if ours == theirs {
        Ok(ours)
    } else {
        let shown: String = text.chars().take(200).collect();
        Err(format!(
            "{format} {shown:?} ({} bytes): ours {ours}, jsonschema {theirs}",
            text.len()
        ))
    }
}

/// Checks that every case agrees, and returns each (format, verdict) pair that occurred.
fn assert_agreement<'t>(
    cases: impl IntoIterator<Item = (&'t str, &'t str)>,
) -> Vec<(&'t str, bool)> {
    let mut disagreements = Vec::new();
    let mut seen = Vec::new();
    for (format, text) in cases {
        match agreement(format, text) {
            Ok(verdict) if !seen.contains(&(format, verdict)) => seen.push((format, verdict)),
            Ok(_) => {}
            Err(message) => disagreements.push(message),
        }
    }
    assert!(
        disagreements.is_empty(),
        "{} disagreements:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
    seen
}

/// Hand-picked edge cases: (format, text).
const CASES: &[(&str, &str)] = &[
    // uuid
    ("uuid", "123e4567-e89b-12d3-a456-426614174000"),
    ("uuid", "123E4567-E89B-12D3-A456-426614174000"),
    ("uuid", "123e4567-E89B-12d3-A456-426614174000"),
    ("uuid", "00000000-0000-0000-0000-000000000000"),
    ("uuid", "ffffffff-ffff-ffff-ffff-ffffffffffff"),
    ("uuid", "123e4567e89b12d3a456426614174000"),
    ("uuid", "{123e4567-e89b-12d3-a456-426614174000}"),
    ("uuid", "urn:uuid:123e4567-e89b-12d3-a456-426614174000"),
    ("uuid", "123e4567-e89b-12d3-a456-42661417400g"),
    ("uuid", "123e4567-e89b-12d3-a456-4266141740000"),
    ("uuid", "123e4567-e89b-12d3-a456-42661417400"),
    ("uuid", "123e4567-e89b-12d3-a4564-26614174000"),
    ("uuid", "123e4567+e89b-12d3-a456-426614174000"),
    ("uuid", "123e4567-e89b-12d3-a456_426614174000"),
    ("uuid", " 123e4567-e89b-12d3-a456-42661417400"),
    ("uuid", "123e4567-e89b-12d3-a456-4266141740é"),
    ("uuid", "123e4567-e89b-12d3-a456-４26614174000"),
    ("uuid", "------------------------------------"),
    ("uuid", ""),
    // date-time
    ("date-time", "1985-04-12T23:20:50.52Z"),
    ("date-time", "1985-04-12t23:20:50.52z"),
    ("date-time", "1985-04-12T23:20:50.52z"),
    ("date-time", "1985-04-12 23:20:50.52Z"),
    ("date-time", "1985-04-12_23:20:50.52Z"),
    ("date-time", "1985-04-12T23:20:50"),
    (
        "date-time",
        "1985-04-12T23:20:50.123456789012345678901234567890Z",
    ),
    ("date-time", "1985-04-12T23:20:50.Z"),
    ("date-time", "1985-04-12T23:20:50,5Z"),
    ("date-time", "1985-04-12T23:20:50.5+01:00"),
    ("date-time", "1990-12-31T23:59:60Z"),
    ("date-time", "1990-12-31T23:59:60z"),
    ("date-time", "1990-12-31T15:59:60-08:00"),
    ("date-time", "1990-12-31T23:59:60+00:00"),
    ("date-time", "1990-12-31T23:59:60-00:00"),
    ("date-time", "1990-12-31T22:59:60Z"),
    ("date-time", "1991-01-01T00:59:60+01:00"),
    ("date-time", "1990-12-31T00:59:60+01:00"),
    ("date-time", "1991-01-01T00:00:60+00:01"),
    ("date-time", "1990-12-31T23:58:60-00:01"),
    ("date-time", "1990-12-31T12:00:60-11:59"),
    ("date-time", "1990-12-31T23:59:60.999Z"),
    ("date-time", "1990-12-31T23:59:61Z"),
    ("date-time", "1985-04-12T23:20:50+24:00"),
    ("date-time", "1985-04-12T23:20:50+23:59"),
    ("date-time", "1985-04-12T23:20:50-23:59"),
    ("date-time", "1985-04-12T23:20:50+01:60"),
    ("date-time", "1985-04-12T23:20:50-00:00"),
    ("date-time", "1985-04-12T23:20:50+0100"),
    ("date-time", "1985-04-12T23:20:50+01"),
    ("date-time", "1985-04-12T23:20:50+1:00"),
    ("date-time", "1985-04-12T23:20:50+01:00:00"),
    ("date-time", "1985-04-12T23:20:50ZZ"),
    ("date-time", "1985-04-12T23:20:50Z "),
    ("date-time", " 1985-04-12T23:20:50Z"),
    ("date-time", "1985-04-12T24:00:00Z"),
    ("date-time", "1985-04-12T23:60:00Z"),
    ("date-time", "1985-04-12T23:20Z"),
    ("date-time", "1985-04-12T3:20:50Z"),
    ("date-time", "2021-02-28T00:00:00Z"),
    ("date-time", "2021-02-29T00:00:00Z"),
    ("date-time", "2021-02-30T00:00:00Z"),
    ("date-time", "2020-02-29T00:00:00Z"),
    ("date-time", "1900-02-29T00:00:00Z"),
    ("date-time", "2000-02-29T00:00:00Z"),
    ("date-time", "2021-04-31T00:00:00Z"),
    ("date-time", "2021-12-31T00:00:00Z"),
    ("date-time", "2021-12-32T00:00:00Z"),
    ("date-time", "2021-13-01T00:00:00Z"),
    ("date-time", "2021-00-01T00:00:00Z"),
    ("date-time", "2021-01-00T00:00:00Z"),
    ("date-time", "0000-02-29T00:00:00Z"),
    ("date-time", "9999-12-31T23:59:59Z"),
    ("date-time", "21-01-01T00:00:00Z"),
    ("date-time", "+2021-01-01T00:00:00Z"),
    ("date-time", "12021-01-01T00:00:00Z"),
    ("date-time", "2021-1-01T00:00:00Z"),
    ("date-time", "2021/01/01T00:00:00Z"),
    ("date-time", "２０２１-01-01T00:00:00Z"),
    ("date-time", "2021-01-01T00:00:00Ｚ"),
    ("date-time", "2021-01-01"),
    ("date-time", "2021-01-01T"),
    ("date-time", "T00:00:00Z"),
    ("date-time", "T"),
    ("date-time", ""),
    // email
    ("email", "joe@example.com"),
    ("email", "joe.bloggs@example.com"),
    ("email", "user+tag@example.com"),
    ("email", "!#$%&'*+-/=?^_`{|}~@example.com"),
    ("email", ".joe@example.com"),
    ("email", "joe.@example.com"),
    ("email", "jo..e@example.com"),
    ("email", "\"joe bloggs\"@example.com"),
    ("email", "\"joe\\\"q\"@example.com"),
    ("email", "\"joe\"q\"@example.com"),
    ("email", "\"a\tb\"@example.com"),
    ("email", "\"a\\\"@example.com"),
    ("email", "\"a@b\"@example.com"),
    ("email", "\"a <b\"@example.com"),
    ("email", "\"\"@example.com"),
    ("email", "\"\"@[1.2.3.4]"),
    ("email", "\"\"@x@example.com"),
    ("email", "\"\"@"),
    ("email", "\"\"@ <a@b.com>"),
    ("email", "\"\"@x <\"\"@b.com>"),
    ("email", "\"\"\"@example.com"),
    ("email", "\"@example.com"),
    ("email", "\"é\"@example.com"),
    ("email", "é@example.com"),
    ("email", "a b@example.com"),
    ("email", "a\tb@example.com"),
    ("email", "a@[1.2.3.4]"),
    ("email", "a@[256.2.3.4]"),
    ("email", "a@[01.2.3.4]"),
    ("email", "a@[1.2.3]"),
    ("email", "a@[IPv6:::1]"),
    ("email", "a@[ipv6:::1]"),
    ("email", "a@[IPV6:fe80::1]"),
    ("email", "a@[IPv6:::ffff:1.2.3.4]"),
    ("email", "a@[IPv6:fe80::1%eth0]"),
    ("email", "a@[::1]"),
    ("email", "a@[IPv6:1.2.3.4]"),
    ("email", "a@[IPv4:1.2.3.4]"),
    ("email", "a@[ 1.2.3.4]"),
    ("email", "a@[]"),
    ("email", "a@[1.2.3.4"),
    ("email", "a@1.2.3.4]"),
    ("email", "a@[1.2.3.4]x"),
    ("email", "a@1.2.3.4"),
    ("email", "a@b"),
    ("email", "a@localhost"),
    ("email", "a@123.com"),
    ("email", "a@b.c0m"),
    ("email", "a@-b.com"),
    ("email", "a@b-.com"),
    ("email", "a@b--c.com"),
    ("email", "a@ab--c.com"),
    ("email", "a@b..com"),
    ("email", "a@.b.com"),
    ("email", "a@b.com."),
    ("email", "a@b_c.com"),
    ("email", "a@B.COM"),
    ("email", "a@exämple.com"),
    ("email", "a@xn--exmple-cua.com"),
    ("email", "a@XN--exmple-cua.com"),
    ("email", "a@xn--EXMPLE-CUA.com"),
    ("email", "a@xn--ls8h.com"),
    ("email", "a@xn--.com"),
    ("email", "a@xn--a.com"),
    ("email", "a@xn---a.com"),
    ("email", "a@xn--zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz.com"),
    ("email", "a@xn--99999999999.com"),
    ("email", "Joe <joe@example.com>"),
    ("email", "Joe Bloggs <joe@example.com>"),
    ("email", "\"Joe <x>\" <joe@example.com>"),
    ("email", "!!@@ <joe@example.com>"),
    ("email", " <joe@example.com>"),
    ("email", "  <joe@example.com>"),
    ("email", "<joe@example.com>"),
    ("email", "Joe <joe@example.com"),
    ("email", "Joe<joe@example.com>"),
    ("email", "Joe <joe@example.com> "),
    ("email", "Joe <joe@example.com>\u{3000}"),
    ("email", "Joe <joe@example.com >"),
    ("email", "Joe <<joe@example.com>"),
    ("email", "Joe <joe@example.com>>"),
    ("email", "Joe <>"),
    ("email", "Joe <"),
    ("email", "joe@example.com>"),
    ("email", "a@b@example.com"),
    ("email", "@example.com"),
    ("email", "joe@"),
    ("email", "joe"),
    ("email", "@"),
    ("email", ""),
    // ipv4
    ("ipv4", "1.2.3.4"),
    ("ipv4", "0.0.0.0"),
    ("ipv4", "255.255.255.255"),
    ("ipv4", "256.1.1.1"),
    ("ipv4", "1.2.3.256"),
    ("ipv4", "01.2.3.4"),
    ("ipv4", "1.2.3.04"),
    ("ipv4", "00.0.0.0"),
    ("ipv4", "0.0.0.00"),
    ("ipv4", "1.2.3"),
    ("ipv4", "127.1"),
    ("ipv4", "1.2.3.4."),
    ("ipv4", ".1.2.3.4"),
    ("ipv4", "1.2.3.4.5"),
    ("ipv4", "1..3.4"),
    ("ipv4", " 1.2.3.4"),
    ("ipv4", "1.2.3.4 "),
    ("ipv4", "1.2 .3.4"),
    ("ipv4", "1.2.3.-4"),
    ("ipv4", "1.2.3.+4"),
    ("ipv4", "0x1.2.3.4"),
    ("ipv4", "1.2.3.4/24"),
    ("ipv4", "1.2.3.4:80"),
    ("ipv4", "١.٢.٣.٤"),
    ("ipv4", "１.2.3.4"),
    ("ipv4", "4294967295"),
    ("ipv4", "::1"),
    ("ipv4", ""),
    // ipv6
    ("ipv6", "::"),
    ("ipv6", "::1"),
    ("ipv6", "1::"),
    ("ipv6", "1::8"),
    ("ipv6", "1:2:3:4:5:6:7:8"),
    ("ipv6", "1:2:3:4:5:6:7:8:9"),
    ("ipv6", "1:2:3:4:5:6:7"),
    ("ipv6", "1:2:3:4:5:6:7::"),
    ("ipv6", "::2:3:4:5:6:7:8"),
    ("ipv6", "1:2:3:4::5:6:7:8"),
    ("ipv6", "1:2::3:4::5"),
    ("ipv6", ":::"),
    ("ipv6", "1:::2"),
    ("ipv6", ":1:2:3:4:5:6:7"),
    ("ipv6", "1:2:3:4:5:6:7:"),
    ("ipv6", "2001:db8::ff00:42:8329"),
    ("ipv6", "2001:DB8::FF00:42:8329"),
    ("ipv6", "2001:0db8:0000:0000:0000:ff00:0042:8329"),
    ("ipv6", "0000:0000:0000:0000:0000:0000:0000:0000"),
    ("ipv6", "00000::"),
    ("ipv6", "12345::"),
    ("ipv6", "ffff::g"),
    ("ipv6", "fe80::1%eth0"),
    ("ipv6", "fe80::1%1"),
    ("ipv6", "::ffff:1.2.3.4"),
    ("ipv6", "::ffff:1.2.3.256"),
    ("ipv6", "::ffff:01.2.3.4"),
    ("ipv6", "::ffff:1.2.3"),
    ("ipv6", "::1.2.3.4"),
    ("ipv6", "1:2:3:4:5:6:1.2.3.4"),
    ("ipv6", "1:2:3:4:5:6:7:1.2.3.4"),
    ("ipv6", "1:2:3:4:5::1.2.3.4"),
    ("ipv6", "::1.2.3.4:1"),
    ("ipv6", "1.2.3.4"),
    ("ipv6", "[::1]"),
    ("ipv6", " ::1"),
    ("ipv6", "::1 "),
    ("ipv6", "::１"),
    ("ipv6", "::-1"),
    ("ipv6", "::+1"),
    ("ipv6", ":"),
    ("ipv6", ""),
];

#[test]
fn hand_picked_cases_agree_with_jsonschema() {
    let seen = assert_agreement(CASES.iter().copied());
    // Each format's cases get both verdicts, so that the table cannot pass by exercising
    // one side only.
    for format in KNOWN {
        for verdict in [false, true] {
            assert!(
                seen.contains(&(format, verdict)),
                "no {format} case is {verdict}"
            );
        }
    }
}

/// Cases too long to write out: length limits, and huge texts.
fn long_cases() -> Vec<(&'static str, String)> {
    let label = |len: usize| "a".repeat(len);
    // A domain of exactly `len` bytes: labels of 63 joined by dots, then a shorter one.
    let domain = |len: usize| {
        let mut domain = String::new();
        while domain.len() < len {
            if !domain.is_empty() {
                domain.push('.');
            }
            let room = len - domain.len();
            domain.push_str(&"b".repeat(room.min(63)));
        }
        domain
    };
    let huge = 1 << 20;
    let mut cases = vec![
        ("email", format!("{}@example.com", label(64))),
        ("email", format!("{}@example.com", label(65))),
        ("email", format!("\"{}\"@example.com", label(62))),
        ("email", format!("\"{}\"@example.com", label(63))),
        ("email", format!("a@{}.com", label(63))),
        ("email", format!("a@{}.com", label(64))),
        ("email", format!("a@xn--{}.com", label(59))),
        ("email", format!("Joe <{}@example.com>", label(64))),
        ("email", format!("{}@example.com", "é".repeat(40))),
        ("email", format!("{} <a@b.com>", label(huge))),
        ("email", format!("a@{}", label(huge))),
        ("email", format!("{}@b.com", "\"".repeat(huge))),
        ("email", " <".repeat(huge)),
        (
            "date-time",
            format!("1985-04-12T23:20:50.{}Z", "1".repeat(huge)),
        ),
        (
            "date-time",
            format!("1985-04-12T23:20:50.{}", "1".repeat(huge)),
        ),
        ("date-time", "T".repeat(huge)),
        ("ipv4", "1".repeat(huge)),
        ("ipv4", "1.".repeat(huge)),
        ("ipv6", ":".repeat(huge)),
        ("ipv6", format!("::{}", "f".repeat(huge))),
        ("uuid", "a".repeat(huge)),
    ];
    for len in [252, 253, 254, 255] {
        cases.push(("email", format!("a@{}", domain(len))));
        cases.push(("email", format!("a@[{}]", domain(len - 2))));
    }
    for format in KNOWN {
        cases.push((format, "\u{10FFFF}\u{0}\u{FEFF}\u{200D}".repeat(1000)));
    }
    cases
}

#[test]
fn long_cases_agree_with_jsonschema() {
    let cases = long_cases();
    assert_agreement(cases.iter().map(|(format, text)| (*format, text.as_str())));
}

/// RFC 3492 encoding, to build A-labels from Unicode labels (the inverse of
/// [`decode_punycode`], which `punycode_round_trip` checks for every label used here).
fn punycode_encode(label: &[char]) -> String {
    let digit = |value: u32| {
        let value = u8::try_from(value).expect("a Punycode digit is below 36");
        char::from(if value < 26 {
            b'a' + value
        } else {
            b'0' + value - 26
        })
    };
    let mut output: String = label
        .iter()
        .filter(|character| character.is_ascii())
        .collect();
    let basic = u32::try_from(output.len()).expect("a short label");
    if basic > 0 {
        output.push('-');
    }
    let total = u32::try_from(label.len()).expect("a short label");
    let (mut code_point, mut delta, mut bias, mut handled) =
        (PUNYCODE_INITIAL_N, 0u32, PUNYCODE_INITIAL_BIAS, basic);
    while handled < total {
        let next = label
            .iter()
            .map(|&character| u32::from(character))
            .filter(|&value| value >= code_point)
            .min()
            .expect("a character is left to encode");
        delta += (next - code_point) * (handled + 1);
        code_point = next;
        for &character in label {
            let value = u32::from(character);
            if value < code_point {
                delta += 1;
            }
            if value == code_point {
                let mut rest = delta;
                let mut k = PUNYCODE_BASE;
                loop {
                    let threshold = punycode_threshold(k, bias);
                    if rest < threshold {
                        break;
                    }
                    output.push(digit(
                        threshold + (rest - threshold) % (PUNYCODE_BASE - threshold),
                    ));
                    rest = (rest - threshold) / (PUNYCODE_BASE - threshold);
                    k += PUNYCODE_BASE;
                }
                output.push(digit(rest));
                bias = punycode_adapt(delta, handled + 1, handled == basic);
                delta = 0;
                handled += 1;
            }
        }
        delta += 1;
        code_point += 1;
    }
    output
}

/// `x@xn--….com` for a Unicode label.
fn email_with_label(label: &[char]) -> String {
    format!("x@xn--{}.com", punycode_encode(label))
}

/// Unicode labels for the IDNA rules, each turned into an A-label of an e-mail domain.
const UNICODE_LABELS: &[&str] = &[
    "exämple",
    "ü",
    "bücher",
    "日本",
    "münchen",
    "💩",
    "\u{0301}a",
    "a\u{0301}",
    "\u{0903}a",
    "\u{20DD}",
    "a\u{20DD}",
    "l·l",
    "a·l",
    "l·a",
    "·l",
    "l·",
    "ab\u{200D}",
    "\u{200D}",
    "क\u{094D}\u{200D}",
    "क\u{200D}",
    "a\u{200C}",
    "\u{0375}α",
    "\u{0375}a",
    "\u{0375}",
    "א\u{05F3}",
    "a\u{05F3}",
    "\u{05F4}",
    "・カ",
    "a・",
    "・",
    "\u{0660}\u{06F0}",
    "\u{0660}\u{0661}",
    "\u{06F0}\u{06F1}",
    "a\u{0640}",
    "\u{07FA}",
    "\u{303B}",
    "\u{3007}",
    "\u{06FD}",
    "\u{0F0B}",
    "\u{3040}",
    "\u{3041}",
    "\u{9FFF}",
    "\u{4E00}",
    "a\u{00A0}",
    "Aé",
    "é-",
    "aé1",
    "\u{10FFFF}",
    "\u{E0001}",
    "\u{E0100}a",
    "a\u{E0100}",
    "ǅ",
    "ʰ",
    "ⅰ",
    "١",
    "²",
    "\u{00AD}",
    "a\u{FEFF}",
];

#[test]
fn punycode_round_trip() {
    for label in UNICODE_LABELS {
        let chars: Vec<char> = label.chars().collect();
        let encoded = punycode_encode(&chars);
        let mut buffer = ['\0'; MAX_LABEL_LEN];
        let decoded = decode_punycode(encoded.as_bytes(), &mut buffer);
        assert_eq!(
            decoded,
            Some(chars.as_slice()),
            "{label:?} encoded as {encoded:?}"
        );
    }
}

#[test]
fn idna_labels_agree_with_jsonschema() {
    let cases: Vec<String> = UNICODE_LABELS
        .iter()
        .map(|label| email_with_label(&label.chars().collect::<Vec<_>>()))
        .collect();
    let seen = assert_agreement(cases.iter().map(|text| ("email", text.as_str())));
    assert_eq!(seen.len(), 2, "the labels get both verdicts");
}

/// Each boundary of the general category table, and a sample of the code points between,
/// alone in a label (where a mark may not stand) and after `a`.
#[test]
fn general_category_table_agrees_with_jsonschema() {
    let mut code_points: Vec<u32> = GENERAL_CATEGORY_CLASSES
        .iter()
        .flat_map(|&(start, end, _)| [start - 1, start, end, end + 1])
        .chain((0x80..=0x10FFFF).step_by(257))
        .collect();
    code_points.sort_unstable();
    code_points.dedup();
    let cases: Vec<String> = code_points
        .into_iter()
        .filter_map(char::from_u32)
        .filter(|character| !character.is_ascii())
        .flat_map(|character| {
            [
                email_with_label(&[character]),
                email_with_label(&['a', character]),
            ]
        })
        .collect();
    assert_agreement(cases.iter().map(|text| ("email", text.as_str())));
}

#[test]
fn general_category_table_is_sorted_and_disjoint() {
    assert!(
        GENERAL_CATEGORY_CLASSES
            .iter()
            .all(|&(start, end, _)| 0x80 <= start && start <= end)
    );
    assert!(
        GENERAL_CATEGORY_CLASSES
            .windows(2)
            .all(|pair| pair[0].1 < pair[1].0)
    );
}

#[test]
fn checker_covers_exactly_the_known_formats() {
    assert!(
        KNOWN.windows(2).all(|pair| pair[0] < pair[1]),
        "KNOWN is sorted"
    );
    for format in KNOWN {
        assert!(checker(format).is_some(), "{format} has a checker");
    }
    for format in [
        "date",
        "time",
        "hostname",
        "idn-email",
        "uri",
        "DATE-TIME",
        "",
    ] {
        assert!(checker(format).is_none(), "{format} has no checker");
    }
}

// -----------------------------------------------------------------------------------------
// Property tests: each format draws from (a) random text, (b) text close to the format and
// (c) valid values with one character replaced, inserted or deleted.
// -----------------------------------------------------------------------------------------

/// Cases per format.
const CASES_PER_FORMAT: u32 = 10_000;

fn config() -> Config {
    Config {
        cases: CASES_PER_FORMAT,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Characters that matter to one format or another, to mutate with.
const INTERESTING: &[char] = &[
    '0', '1', '2', '5', '6', '9', 'a', 'f', 'g', 'A', 'F', 'x', 'n', 'T', 't', 'Z', 'z', ':', '-',
    '.', '+', '@', '[', ']', '"', '\\', ' ', '\t', '<', '>', '%', '_', 'é', '\u{3000}',
];

/// Random text: any characters, or printable ASCII.
fn random_text() -> BoxedStrategy<String> {
    prop_oneof![
        proptest::collection::vec(any::<char>(), 0..48).prop_map(String::from_iter),
        "[ -~]{0,48}",
    ]
    .boxed()
}

/// Texts from regular expressions close to a format.
fn near(patterns: &[&str]) -> BoxedStrategy<String> {
    let strategies: Vec<BoxedStrategy<String>> = patterns
        .iter()
        .map(|pattern| {
            proptest::string::string_regex(pattern)
                .expect("the pattern compiles")
                .boxed()
        })
        .collect();
    proptest::strategy::Union::new(strategies).boxed()
}

/// A seed with one character replaced, inserted or deleted.
fn mutated(seeds: &'static [&'static str]) -> BoxedStrategy<String> {
    let character = prop_oneof![any::<char>(), select(INTERESTING)];
    (select(seeds), 0..3u8, any::<Index>(), character)
        .prop_map(|(seed, operation, index, character)| {
            let mut chars: Vec<char> = seed.chars().collect();
            match operation {
                0 => chars.insert(index.index(chars.len() + 1), character),
                _ if chars.is_empty() => {}
                1 => {
                    let at = index.index(chars.len());
                    chars[at] = character;
                }
                _ => {
                    chars.remove(index.index(chars.len()));
                }
            }
            chars.into_iter().collect()
        })
        .boxed()
}

/// The mix of the three sources for one format.
fn texts(patterns: &[&str], seeds: &'static [&'static str]) -> BoxedStrategy<String> {
    prop_oneof![1 => random_text(), 2 => near(patterns), 2 => mutated(seeds)].boxed()
}

const UUID_SEEDS: &[&str] = &[
    "123e4567-e89b-12d3-a456-426614174000",
    "00000000-0000-0000-0000-000000000000",
    "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
];
const UUID_PATTERNS: &[&str] = &[
    "[0-9a-fA-F-]{30,40}",
    "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
    "[0-9a-gA-G]{8}-[0-9a-gA-G]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}[-_ ][0-9a-fA-F]{12}",
    "[0-9a-f]{7,9}-[0-9a-f]{3,5}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{11,13}",
];

const DATE_TIME_SEEDS: &[&str] = &[
    "1985-04-12T23:20:50.52Z",
    "1990-12-31T23:59:60Z",
    "1990-12-31T15:59:60-08:00",
    "2020-02-29t00:00:00.123456789+05:30",
    "0000-01-01T00:00:00z",
];
const DATE_TIME_PATTERNS: &[&str] = &[
    concat!(
        r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?",
        r"([Zz]|[+-][0-9]{2}:[0-9]{2})",
    ),
    concat!(
        r"(19|20)[0-9]{2}-(0[0-9]|1[0-3])-([0-2][0-9]|3[0-2])",
        r"T([01][0-9]|2[0-4]):[0-6][0-9]:([0-5][0-9]|60|61)(\.[0-9]{0,3})?",
        r"([Zz]|[+-]([01][0-9]|2[0-5]):[0-6][0-9])?",
    ),
    concat!(
        r"(1990-12-31|1991-01-01)[Tt](23|00|22|01|12|11|15):(59|00|29|30|01|58):60(\.5)?",
        r"([Zz]|[+-](00|01|08|12|11|23|22):(00|01|29|30|59|58))",
    ),
    r"[0-9]{4}-02-(28|29|30)T00:00:00Z",
    concat!(
        r"(19[0-9]{2}|20[0-9]{2}|0000)-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-9]|3[01])",
        r"[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]{1,12})?",
        r"([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])",
    ),
];

const EMAIL_SEEDS: &[&str] = &[
    "joe@example.com",
    "\"joe bloggs\"@example.com",
    "\"\"@example.com",
    "a@[1.2.3.4]",
    "a@[IPv6:::1]",
    "Joe <joe@example.com>",
    "a@xn--exmple-cua.com",
    "a.b+c@d-e.f",
];
const EMAIL_PATTERNS: &[&str] = &[
    r#"[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~"\\ <>(),;:-]{0,10}@[a-zA-Z0-9.\[\]:-]{0,20}"#,
    r#"("[a-z \\"@<>]{0,6}"|[a-z.]{0,6})@([a-z0-9-]{0,6}\.){0,3}[a-z0-9-]{0,6}"#,
    r"[a-zA-Z <]{0,6} <[a-z.]{0,5}@[a-z.]{0,8}>[ >]?",
    r"[a-z]{1,3}@\[((IPv6|ipv6|IPV6):)?[0-9a-fA-F:.]{0,20}\]",
    concat!(
        r"[a-z]{1,3}@(xn--[a-z0-9]{0,8}(-[a-z0-9]{0,8})?\.)?",
        r"xn--[a-z0-9]{1,8}(-[a-z0-9]{1,8})?(\.com)?",
    ),
    r"[a-z]{1,3}@(xn--[a-z0-9]{0,3}-)?[a-zé0-9-]{0,8}\.[a-z]{0,3}",
    concat!(
        r"[a-z0-9!#$%&'*+/=?^_`{|}~-]{1,8}(\.[a-z0-9+_-]{1,5}){0,2}",
        r"@([a-z0-9]([a-z0-9-]{0,5}[a-z0-9])?\.){0,3}[a-z]{2,6}",
    ),
];

const IPV4_SEEDS: &[&str] = &["1.2.3.4", "0.0.0.0", "255.255.255.255", "192.168.0.1"];
const IPV4_PATTERNS: &[&str] = &[
    r"[0-9.]{1,20}",
    concat!(
        r"(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])",
        r"(\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}",
    ),
    r"[0-9]{1,4}(\.[0-9]{1,4}){0,4}",
    r"(0|1|00|01|25[0-6]|2[0-9]{2}|[0-9]{1,2})(\.(0|1|00|01|25[0-6]|2[0-9]{2}|[0-9]{1,2})){3}",
];

const IPV6_SEEDS: &[&str] = &[
    "::",
    "::1",
    "1:2:3:4:5:6:7:8",
    "2001:db8::ff00:42:8329",
    "::ffff:1.2.3.4",
    "1:2:3:4:5:6:1.2.3.4",
    "fe80::1",
];
const IPV6_PATTERNS: &[&str] = &[
    r"[0-9a-fA-F:.]{1,45}",
    r"([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}",
    r"(([0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::(([0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?",
    concat!(
        r"::(ffff:)?(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])",
        r"(\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}",
    ),
    r"([0-9a-fA-F]{0,5}:){1,9}[0-9a-gA-G]{0,5}",
    r"([0-9a-f]{0,4}:){1,7}[0-9]{1,3}(\.[0-9]{1,3}){2,4}",
    r"(::)?([0-9a-f]{1,4}::?){0,7}[0-9a-f]{1,4}(%[a-z0-9]{1,4})?",
];

/// Fails the case when the verdicts differ.
fn assert_agrees(format: &str, text: &str) -> Result<(), TestCaseError> {
    agreement(format, text)
        .map(drop)
        .map_err(TestCaseError::fail)
}

/// Each format drawn from, with the regular expressions close to it and the valid values to
/// mutate.
const DRAWN: &[(&str, &[&str], &[&str])] = &[
    ("uuid", UUID_PATTERNS, UUID_SEEDS),
    ("date-time", DATE_TIME_PATTERNS, DATE_TIME_SEEDS),
    ("email", EMAIL_PATTERNS, EMAIL_SEEDS),
    ("ipv4", IPV4_PATTERNS, IPV4_SEEDS),
    ("ipv6", IPV6_PATTERNS, IPV6_SEEDS),
];

#[test]
fn drawn_texts_agree_with_jsonschema() {
    for &(format, patterns, seeds) in DRAWN {
        TestRunner::new(config())
            .run(&texts(patterns, seeds), |text| assert_agrees(format, &text))
            .unwrap_or_else(|error| panic!("{format}: {error}"));
    }
}
