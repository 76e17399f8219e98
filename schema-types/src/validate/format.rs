//! The JSON Schema `format` checks the generated validators call: `date-time`, `email`, `ipv4`,
//! `ipv6` and `uuid`, each a copy, rule for rule, of the check in the `jsonschema` crate,
//! version 0.61.2 (`src/keywords/format.rs`), as `jsonschema::options()
//! .should_validate_formats(true)` runs it for draft 2020-12.
//!
//! Why a copy and not the RFCs: the project's key property is that a generated validator and
//! the published schema, judged by `jsonschema`, give the same verdict on every document.
//! `jsonschema` is only a dev-dependency, so its checks are reproduced here with their quirks,
//! and the tests below compare every verdict with `jsonschema` itself (hand-picked edge cases
//! and property tests; no expected boolean is written by hand). When the `jsonschema` version
//! changes, re-read its `format.rs` (and the `email_address` version it locks) and re-run the
//! tests of this module.
//!
//! What `jsonschema` 0.61.2 accepts:
//! - `uuid`: exactly 36 bytes, `-` at byte 8, 13, 18 and 23, hex digits of either case
//!   elsewhere. No version or variant check; no braces, no `urn:uuid:`, no unhyphenated form.
//! - `date-time`: the text is split at its first `T` or `t`. The date is `YYYY-MM-DD` with a
//!   real day of month (Gregorian leap years, year `0000` included). The time is
//!   `HH:MM:SS`, hour up to 23, minute up to 59, second up to 60, optionally `.` and at least one
//!   digit (no upper bound on the count), then `Z`, `z`, or `+HH:MM`/`-HH:MM` with hour up to 23
//!   and minute up to 59. A missing offset, a space separator or `+24:00` is refused. A leap
//!   second (`:60`) is accepted only when the time, moved to UTC by its offset, is 23:59.
//! - `email`: the `email_address` crate (0.2.10) with its default options, then checks of
//!   `jsonschema`'s own: the local part must be ASCII (dot-atom or quoted string, at most 64
//!   bytes); a domain in brackets must be an IPv4 address, or `IPv6:` (tag in any case) and an
//!   IPv6 address; any other domain must be a hostname by `jsonschema`'s `hostname` rules
//!   (ASCII labels only; `xn--` labels are Punycode-decoded and held to RFC 5892 code point
//!   rules, with general categories from `unicode-general-category` 1.1.0, that is Unicode
//!   16.0.0). Quirks kept: a display name is accepted and not checked (`Name <a@b>`,
//!   ` <a@b>`, even `!!@@ <a@b>`), the empty quoted local part `""` is accepted, a domain
//!   needs no dot (`a@b`, `a@1.2.3.4`), `XN--` and labels like `ab--c` are refused, and a
//!   code point in the Hiragana, Katakana or CJK blocks passes even when unassigned.
//!   `email_address` is not a dependency here: its rules are written out below.
//! - `ipv4` and `ipv6`: what the standard library's `Ipv4Addr` and `Ipv6Addr` parsers accept,
//!   which is what `jsonschema` calls: dotted-quad only, no leading zero, no zone id
//!   (`fe80::1%eth0` is refused), an embedded IPv4 tail in IPv6 is accepted.
//!
//! Invariant: no function here panics or allocates, whatever the input.

use std::net::{Ipv4Addr, Ipv6Addr};

/// The format names this module knows.
pub const KNOWN: &[&str] = &["date-time", "email", "ipv4", "ipv6", "uuid"];

/// The checker for a format name, or None for a format this module does not know.
#[must_use]
pub fn checker(format: &str) -> Option<fn(&str) -> bool> {
    let check: fn(&str) -> bool = match format {
        "date-time" => is_date_time,
        "email" => is_email,
        "ipv4" => is_ipv4,
        "ipv6" => is_ipv6,
        "uuid" => is_uuid,
        _ => return None,
    };
    Some(check)
}

// ---------------------------------------------------------------------------------------------
// uuid: `is_valid_uuid`, that is `uuid_simd::parse_hyphenated`
// ---------------------------------------------------------------------------------------------

/// Whether `text` is a `uuid` as `jsonschema` 0.61.2 judges it: the hyphenated form only,
/// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` with hex digits of either case.
#[must_use]
#[inline]
pub fn is_uuid(text: &str) -> bool {
    /// Per byte value: 1 for a hex digit, 2 for `-`.
    static CLASS: [u8; 256] = {
        let mut class = [0; 256];
        let mut byte = 0;
        while byte < 256 {
            #[allow(clippy::cast_possible_truncation)] // below 256
            if (byte as u8).is_ascii_hexdigit() {
                class[byte] = 1;
            }
            byte += 1;
        }
        class[b'-' as usize] = 2;
        class
    };
    /// Per position: the class it asks for.
    const LAYOUT: [u8; 36] = {
        let mut layout = [1; 36];
        layout[8] = 2;
        layout[13] = 2;
        layout[18] = 2;
        layout[23] = 2;
        layout
    };
    let Ok(bytes) = <&[u8; 36]>::try_from(text.as_bytes()) else {
        return false;
    };
    // Without short-circuits: random hex digits would make every branch a coin toss.
    bytes
        .iter()
        .zip(LAYOUT)
        .fold(true, |valid, (&byte, class)| {
            valid & (CLASS[usize::from(byte)] == class)
        })
}

// ---------------------------------------------------------------------------------------------
// date-time: `is_valid_datetime`, `is_valid_date`, `is_valid_time`
// ---------------------------------------------------------------------------------------------

/// Whether `text` is a `date-time` as `jsonschema` 0.61.2 judges it: RFC 3339
/// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)`, `T` and `Z` in either case, a leap second
/// only at 23:59 UTC.
#[must_use]
pub fn is_date_time(text: &str) -> bool {
    let bytes = text.as_bytes();
    // The first `T` or `t` splits date from time, wherever it is.
    let Some(separator) = bytes.iter().position(|&byte| byte == b'T' || byte == b't') else {
        return false;
    };
    is_date(&bytes[..separator]) && is_time(&bytes[separator + 1..])
}

/// `YYYY-MM-DD` naming a day that exists.
fn is_date(bytes: &[u8]) -> bool {
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let (Some(year), Some(month), Some(day)) = (
        four_digits(&bytes[..4]),
        two_digits(&bytes[5..7]),
        two_digits(&bytes[8..]),
    ) else {
        return false;
    };
    let last_day = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => return false,
    };
    (1..=last_day).contains(&day)
}

/// `HH:MM:SS[.fraction]` and an offset; a leap second must fall on 23:59 UTC.
fn is_time(bytes: &[u8]) -> bool {
    let len = bytes.len();
    if len < 9 || bytes[2] != b':' || bytes[5] != b':' {
        return false;
    }
    let (Some(hour), Some(minute), Some(second)) = (
        two_digits(&bytes[..2]),
        two_digits(&bytes[3..5]),
        two_digits(&bytes[6..8]),
    ) else {
        return false;
    };
    if hour > 23 || minute > 59 || second > 60 {
        return false;
    }
    let mut index = 8;
    if bytes[index] == b'.' {
        index += 1;
        let fraction = bytes[index..]
            .iter()
            .take_while(|byte| byte.is_ascii_digit())
            .count();
        if fraction == 0 {
            return false;
        }
        index += fraction;
    }
    let Some(&designator) = bytes.get(index) else {
        return false;
    };
    let offset = &bytes[index + 1..];
    let ahead_of_utc = match designator {
        b'Z' | b'z' => return offset.is_empty() && (second != 60 || (hour == 23 && minute == 59)),
        b'+' => true,
        b'-' => false,
        _ => return false,
    };
    if offset.len() != 5 || offset[2] != b':' {
        return false;
    }
    let (Some(offset_hour), Some(offset_minute)) =
        (two_digits(&offset[..2]), two_digits(&offset[3..]))
    else {
        return false;
    };
    if offset_hour > 23 || offset_minute > 59 {
        return false;
    }
    second != 60
        || is_last_minute_of_utc_day(hour, minute, offset_hour, offset_minute, ahead_of_utc)
}

/// Whether local `hour:minute`, at the given offset from UTC, is 23:59 UTC (the only minute a
/// leap second may end), computed as `jsonschema` does.
fn is_last_minute_of_utc_day(
    hour: u8,
    minute: u8,
    offset_hour: u8,
    offset_minute: u8,
    ahead_of_utc: bool,
) -> bool {
    let [hour, minute, offset_hour, offset_minute] =
        [hour, minute, offset_hour, offset_minute].map(i16::from);
    let (mut utc_hour, mut utc_minute) = if ahead_of_utc {
        (hour - offset_hour, minute - offset_minute)
    } else {
        (hour + offset_hour, minute + offset_minute)
    };
    utc_hour += utc_minute / 60;
    utc_minute %= 60;
    if utc_minute < 0 {
        utc_minute += 60;
        utc_hour -= 1;
    }
    utc_hour = (utc_hour + 24) % 24;
    utc_hour == 23 && utc_minute == 59
}

/// The value of two ASCII digits, or None. (`jsonschema`'s `parse_two_digits` and
/// `parse_four_digits` are SWAR parsers; an exhaustive comparison showed that they accept exactly
/// the ASCII digits.)
fn two_digits(bytes: &[u8]) -> Option<u8> {
    match *bytes {
        [tens @ b'0'..=b'9', units @ b'0'..=b'9'] => Some((tens - b'0') * 10 + (units - b'0')),
        _ => None,
    }
}

/// The value of four ASCII digits, or None.
fn four_digits(bytes: &[u8]) -> Option<u16> {
    if bytes.len() != 4 {
        return None;
    }
    Some(u16::from(two_digits(&bytes[..2])?) * 100 + u16::from(two_digits(&bytes[2..])?))
}

// ---------------------------------------------------------------------------------------------
// ipv4, ipv6: `is_valid_ipv4`, `is_valid_ipv6`, that is the standard library's parsers
// ---------------------------------------------------------------------------------------------

/// Whether `text` is an `ipv4` as `jsonschema` 0.61.2 judges it: what [`Ipv4Addr`]'s `FromStr`
/// accepts, four decimal octets of at most 255 without leading zeros.
#[must_use]
pub fn is_ipv4(text: &str) -> bool {
    text.parse::<Ipv4Addr>().is_ok()
}

/// Whether `text` is an `ipv6` as `jsonschema` 0.61.2 judges it: what [`Ipv6Addr`]'s `FromStr`
/// accepts, eight groups of one to four hex digits, one `::` for a run of zero groups, an IPv4
/// address in place of the last two groups; no zone id, no brackets.
#[must_use]
pub fn is_ipv6(text: &str) -> bool {
    text.parse::<Ipv6Addr>().is_ok()
}

// ---------------------------------------------------------------------------------------------
// email: `is_valid_email` with no options, that is `email_address::EmailAddress::from_str`
// (default `Options`: no minimum of sub-domains, domain literals and display text allowed,
// local part at most 64 bytes), then `jsonschema`'s ASCII local part and domain checks
// ---------------------------------------------------------------------------------------------

/// Whether `text` is an `email` as `jsonschema` 0.61.2 judges it (with its default e-mail
/// options): an ASCII local part (dot-atom or quoted string, at most 64 bytes), `@`, and a
/// hostname or a bracketed IPv4 / `IPv6:` address; optionally wrapped as `Display Name <...>`.
#[must_use]
pub fn is_email(text: &str) -> bool {
    // `email_address::split_display_email`: text after the last ` <` outside quotes, trimmed,
    // must end with `>`; what is before it is the display name, which is never checked.
    let separator = display_separator(text.as_bytes());
    let (display_is_empty, address) = match separator {
        None => (true, text),
        Some(index) => {
            let Some(address) = text[index + 2..].trim().strip_suffix('>') else {
                return false;
            };
            (text[..index].trim().is_empty(), address)
        }
    };
    let Some((local, domain)) = address.rsplit_once('@') else {
        return false;
    };
    // `email_address::parse_address`: an address in angle brackets needs a display name.
    if display_is_empty && local.starts_with('<') {
        return false;
    }
    // `jsonschema` rewrites a text that starts with `""@` to start with `"a"@` (RFC 5321 allows
    // an empty quoted string; `email_address` does not). That changes the verdict only when
    // there is no display name, where the local part is then exactly `""`.
    let local_is_valid = (separator.is_none() && local == "\"\"") || is_local_part(local);
    local_is_valid && is_email_domain(domain)
}

/// `email_address::find_display_separator`: the byte index of the last ` <` outside a quoted
/// string. Bytes stand for characters here: every byte it looks for is ASCII.
fn display_separator(bytes: &[u8]) -> Option<usize> {
    let mut in_quote = false;
    let mut escaped = false;
    let mut separator = None;
    for (index, &byte) in bytes.iter().enumerate() {
        if !in_quote && byte == b' ' && bytes.get(index + 1) == Some(&b'<') {
            separator = Some(index);
        }
        if escaped {
            escaped = false;
        } else if in_quote && byte == b'\\' {
            escaped = true;
        } else if byte == b'"' {
            in_quote = !in_quote;
        }
    }
    separator
}

/// `email_address::parse_local_part` (at most 64 bytes; a dot-atom, or a quoted string that is
/// not empty) and `jsonschema`'s rule that the local part be ASCII. Non-ASCII characters, which
/// `email_address` would take, are refused by the latter, so only ASCII rules remain.
fn is_local_part(local: &str) -> bool {
    let bytes = local.as_bytes();
    if bytes.is_empty() || bytes.len() > 64 || !bytes.is_ascii() {
        return false;
    }
    match bytes {
        [b'"', quoted @ .., b'"'] => !quoted.is_empty() && is_quoted_content(quoted),
        _ => bytes.split(|&byte| byte == b'.').all(is_atom),
    }
}

/// RFC 5322 `atext`, for ASCII.
fn is_atext(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~".contains(&byte)
}

/// A non-empty run of `atext`.
fn is_atom(atom: &[u8]) -> bool {
    !atom.is_empty() && atom.iter().all(|&byte| is_atext(byte))
}

/// `email_address::is_qcontent`, for ASCII: `\` and a visible character, or space, tab, and
/// any visible character but `"` and `\`.
fn is_quoted_content(bytes: &[u8]) -> bool {
    let mut iter = bytes.iter();
    while let Some(&byte) = iter.next() {
        let valid = match byte {
            b'\\' => iter
                .next()
                .is_some_and(|&escaped| (0x21..=0x7E).contains(&escaped)),
            b' ' | b'\t' | 0x21 | 0x23..=0x5B | 0x5D..=0x7E => true,
            _ => false,
        };
        if !valid {
            return false;
        }
    }
    true
}

/// `email_address::parse_domain` and then `jsonschema`'s `validate_email_domain`.
fn is_email_domain(domain: &str) -> bool {
    if domain.is_empty() || domain.len() > 254 {
        return false;
    }
    match domain
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
    {
        Some(literal) => literal.chars().all(is_dtext) && is_address_literal(literal),
        None => is_text_domain(domain) && is_hostname(domain),
    }
}

/// RFC 5322 `dtext` as `email_address` reads it (any non-ASCII character included).
fn is_dtext(character: char) -> bool {
    matches!(character, '\x21'..='\x5A' | '\x5E'..='\x7E') || !character.is_ascii()
}

/// A domain literal: `IPv6:` (any case) and an IPv6 address, or else an IPv4 address.
fn is_address_literal(literal: &str) -> bool {
    const IPV6_TAG: &[u8] = b"IPv6:";
    match literal.as_bytes().get(..IPV6_TAG.len()) {
        Some(tag) if tag.eq_ignore_ascii_case(IPV6_TAG) => {
            literal[IPV6_TAG.len()..].parse::<Ipv6Addr>().is_ok()
        }
        _ => literal.parse::<Ipv4Addr>().is_ok(),
    }
}

/// `email_address::parse_text_domain`: dot-separated labels, each starting and ending with an
/// alphanumeric character, at most 63 bytes, of `atext` (any non-ASCII character included).
/// [`is_hostname`] implies all of it; it is kept so that this reads as the original does.
fn is_text_domain(domain: &str) -> bool {
    domain.split('.').all(|label| {
        label.starts_with(char::is_alphanumeric)
            && label.ends_with(char::is_alphanumeric)
            && label.len() <= 63
            && label.chars().all(|character| {
                !character.is_ascii() || u8::try_from(character).is_ok_and(is_atext)
            })
    })
}

// ---------------------------------------------------------------------------------------------
// The hostname rules the e-mail domain is held to: `is_valid_hostname`
// ---------------------------------------------------------------------------------------------

/// `jsonschema`'s `hostname` check: at most 253 bytes, no trailing dot, labels of 1 to 63
/// ASCII letters, digits and hyphens, not starting or ending with a hyphen; a label with
/// `--` at bytes 3 and 4 must be an A-label (`xn--`, lower case) whose Punycode decodes to
/// a label that passes [`is_unicode_label`].
fn is_hostname(hostname: &str) -> bool {
    let bytes = hostname.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 253
        && !bytes.ends_with(b".")
        && bytes.split(|&byte| byte == b'.').all(is_hostname_label)
}

/// One label of [`is_hostname`].
fn is_hostname_label(label: &[u8]) -> bool {
    if label.is_empty()
        || label.len() > MAX_LABEL_LEN
        || label.starts_with(b"-")
        || label.ends_with(b"-")
        || !label
            .iter()
            .all(|&byte| byte.is_ascii_alphanumeric() || byte == b'-')
    {
        return false;
    }
    match label {
        [b'x', b'n', b'-', b'-', payload @ ..] => {
            let mut buffer = ['\0'; MAX_LABEL_LEN];
            decode_punycode(payload, &mut buffer).is_some_and(is_unicode_label)
        }
        [_, _, b'-', b'-', ..] => false,
        _ => true,
    }
}

/// The longest label a hostname may have, in bytes.
const MAX_LABEL_LEN: usize = 63;

// RFC 3492 parameters for the Punycode used by IDNA (section 5).
const PUNYCODE_BASE: u32 = 36;
const PUNYCODE_TMIN: u32 = 1;
const PUNYCODE_TMAX: u32 = 26;
const PUNYCODE_SKEW: u32 = 38;
const PUNYCODE_DAMP: u32 = 700;
const PUNYCODE_INITIAL_BIAS: u32 = 72;
const PUNYCODE_INITIAL_N: u32 = 128;

/// The value of a Punycode digit (letters in either case, then digits).
fn punycode_digit(byte: u8) -> Option<u32> {
    match byte {
        b'0'..=b'9' => Some(u32::from(byte - b'0') + 26),
        b'A'..=b'Z' => Some(u32::from(byte - b'A')),
        b'a'..=b'z' => Some(u32::from(byte - b'a')),
        _ => None,
    }
}

/// RFC 3492, section 6.1.
fn punycode_adapt(mut delta: u32, count: u32, first: bool) -> u32 {
    delta /= if first { PUNYCODE_DAMP } else { 2 };
    delta += delta / count;
    let mut k = 0;
    while delta > ((PUNYCODE_BASE - PUNYCODE_TMIN) * PUNYCODE_TMAX) / 2 {
        delta /= PUNYCODE_BASE - PUNYCODE_TMIN;
        k += PUNYCODE_BASE;
    }
    k + ((PUNYCODE_BASE - PUNYCODE_TMIN + 1) * delta) / (delta + PUNYCODE_SKEW)
}

/// RFC 3492, section 6.2, as `jsonschema`'s `decode_punycode` does it, into `output` instead of
/// a `Vec`: the decoded label never has more characters than the payload has bytes, and a
/// payload is at most 59 bytes. None where `jsonschema` gives None.
fn decode_punycode<'o>(input: &[u8], output: &'o mut [char; MAX_LABEL_LEN]) -> Option<&'o [char]> {
    // The delimiter counts only when basic code points precede it.
    let (basic, encoded) = match input.iter().rposition(|&byte| byte == b'-') {
        Some(position) if position > 0 => (&input[..position], &input[position + 1..]),
        _ => (&input[..0], input),
    };
    if !basic.is_ascii() || basic.len() > output.len() {
        return None;
    }
    for (slot, &byte) in output.iter_mut().zip(basic) {
        *slot = char::from(byte);
    }
    let mut len = basic.len();
    let mut code_point = PUNYCODE_INITIAL_N;
    let mut index: u32 = 0;
    let mut bias = PUNYCODE_INITIAL_BIAS;
    let mut position = 0;
    while position < encoded.len() {
        let previous = index;
        let mut weight: u32 = 1;
        let mut k = PUNYCODE_BASE;
        loop {
            let digit = punycode_digit(*encoded.get(position)?)?;
            position += 1;
            index = index.checked_add(digit.checked_mul(weight)?)?;
            let threshold = if k <= bias {
                PUNYCODE_TMIN
            } else if k >= bias + PUNYCODE_TMAX {
                PUNYCODE_TMAX
            } else {
                k - bias
            };
            if digit < threshold {
                break;
            }
            weight = weight.checked_mul(PUNYCODE_BASE - threshold)?;
            k += PUNYCODE_BASE;
        }
        let count = u32::try_from(len).ok()? + 1;
        bias = punycode_adapt(index - previous, count, previous == 0);
        code_point = code_point.checked_add(index / count)?;
        index %= count;
        let decoded = char::from_u32(code_point)?;
        // Cannot happen (see above); refusing keeps the function free of panics.
        if len == output.len() {
            return None;
        }
        let at = usize::try_from(index).ok()?;
        output.copy_within(at..len, at + 1);
        output[at] = decoded;
        len += 1;
        index += 1;
    }
    Some(&output[..len])
}

/// `jsonschema`'s `validate_unicode_label`: the RFC 5892 rules it applies to a decoded A-label.
/// No leading combining mark; the CONTEXTJ/CONTEXTO rules for ZERO WIDTH JOINER (after a
/// virama), MIDDLE DOT (between two `l`), GREEK KERAIA (before Greek), HEBREW GERESH and
/// GERSHAYIM (after Hebrew), KATAKANA MIDDLE DOT (with Hiragana, Katakana or Han somewhere),
/// Arabic-Indic digits (not mixed with the extended ones); a short DISALLOWED list; and every
/// other non-ASCII character must be a letter, a non-enclosing mark or a decimal digit.
fn is_unicode_label(label: &[char]) -> bool {
    if label.first().is_some_and(|&first| {
        matches!(
            general_category_class(first),
            Some(Class::Mark | Class::EnclosingMark)
        )
    }) {
        return false;
    }
    let mut has_katakana_middle_dot = false;
    let mut has_hiragana_katakana_han = false;
    let mut has_arabic_indic_digits = false;
    let mut has_extended_arabic_indic_digits = false;
    for (position, &current) in label.iter().enumerate() {
        let previous = position
            .checked_sub(1)
            .and_then(|before| label.get(before))
            .copied();
        let next = label.get(position + 1).copied();
        match current {
            // ZERO WIDTH JOINER (RFC 5892, appendix A.2)
            '\u{200D}' if !previous.is_some_and(is_virama) => return false,
            // MIDDLE DOT (A.3)
            '\u{00B7}' if previous != Some('l') || next != Some('l') => return false,
            // GREEK LOWER NUMERAL SIGN (KERAIA) (A.4)
            '\u{0375}' if !next.is_some_and(|next| ('\u{0370}'..='\u{03FF}').contains(&next)) => {
                return false;
            }
            // HEBREW PUNCTUATION GERESH and GERSHAYIM (A.5, A.6)
            '\u{05F3}' | '\u{05F4}'
                if !previous.is_some_and(|prev| ('\u{0590}'..='\u{05FF}').contains(&prev)) =>
            {
                return false;
            }
            // KATAKANA MIDDLE DOT (A.7)
            '\u{30FB}' => has_katakana_middle_dot = true,
            // Hiragana, Katakana or Han; taken without a category check, as `jsonschema` does
            '\u{3040}'..='\u{309F}' | '\u{30A0}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' => {
                has_hiragana_katakana_han = true;
            }
            // ARABIC-INDIC DIGITS (A.8), EXTENDED ARABIC-INDIC DIGITS (A.9)
            '\u{0660}'..='\u{0669}' => has_arabic_indic_digits = true,
            '\u{06F0}'..='\u{06F9}' => has_extended_arabic_indic_digits = true,
            // DISALLOWED
            '\u{0640}' | '\u{07FA}' | '\u{302E}' | '\u{302F}' | '\u{3031}' | '\u{3032}'
            | '\u{3033}' | '\u{3034}' | '\u{3035}' | '\u{303B}' => return false,
            // Contextual characters that passed above, and PVALID exceptions to the categories
            '\u{200C}' | '\u{200D}' | '\u{00B7}' | '\u{0375}' | '\u{05F3}' | '\u{05F4}'
            | '\u{06FD}' | '\u{06FE}' | '\u{0F0B}' | '\u{3007}' => {}
            other
                if !other.is_ascii()
                    && general_category_class(other)
                        .is_none_or(|class| class == Class::EnclosingMark) =>
            {
                return false;
            }
            _ => {}
        }
    }
    !((has_katakana_middle_dot && !has_hiragana_katakana_han)
        || (has_arabic_indic_digits && has_extended_arabic_indic_digits))
}

/// The viramas after which RFC 5892 allows ZERO WIDTH JOINER, as `jsonschema` lists them.
fn is_virama(character: char) -> bool {
    matches!(
        character,
        '\u{094D}'
            | '\u{09CD}'
            | '\u{0A4D}'
            | '\u{0ACD}'
            | '\u{0B4D}'
            | '\u{0BCD}'
            | '\u{0C4D}'
            | '\u{0CCD}'
            | '\u{0D4D}'
            | '\u{0DCA}'
            | '\u{0E3A}'
            | '\u{0F84}'
            | '\u{1039}'
            | '\u{1714}'
            | '\u{1734}'
            | '\u{17D2}'
            | '\u{1A60}'
            | '\u{1B44}'
            | '\u{1BAA}'
            | '\u{1BF2}'
            | '\u{1BF3}'
            | '\u{2D7F}'
            | '\u{A806}'
            | '\u{A8C4}'
            | '\u{A953}'
            | '\u{ABED}'
            | '\u{10A3F}'
            | '\u{11046}'
            | '\u{1107F}'
            | '\u{110B9}'
            | '\u{11133}'
            | '\u{111C0}'
            | '\u{11235}'
            | '\u{112EA}'
            | '\u{1134D}'
            | '\u{11442}'
            | '\u{114C2}'
            | '\u{115BF}'
            | '\u{1163F}'
            | '\u{116B6}'
            | '\u{1172B}'
            | '\u{11839}'
            | '\u{119E0}'
            | '\u{11A34}'
            | '\u{11A47}'
            | '\u{11A99}'
            | '\u{11C3F}'
            | '\u{11D44}'
            | '\u{11D45}'
            | '\u{11D97}'
    )
}

/// What the IDNA check needs to know of a character's Unicode general category.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    /// A letter (`Lu`, `Ll`, `Lt`, `Lm`, `Lo`) or a decimal digit (`Nd`): PVALID.
    LetterOrDigit,
    /// A non-spacing or spacing combining mark (`Mn`, `Mc`): PVALID, but not first in a label.
    Mark,
    /// An enclosing mark (`Me`): neither.
    EnclosingMark,
}

/// The class of a character's general category, or None for every other category (and for
/// ASCII, which the check never asks about but has no letter beyond `[A-Za-z]`, no mark).
fn general_category_class(character: char) -> Option<Class> {
    let code_point = u32::from(character);
    let after = GENERAL_CATEGORY_CLASSES.partition_point(|&(start, _, _)| start <= code_point);
    let &(_, end, class) = GENERAL_CATEGORY_CLASSES.get(after.checked_sub(1)?)?;
    (code_point <= end).then_some(class)
}

/// Every non-ASCII code point whose general category is a letter, `Nd`, `Mn`, `Mc` or `Me`,
/// as sorted, disjoint, inclusive ranges, from Unicode 16.0.0 as `unicode-general-category`
/// 1.1.0 (the version `jsonschema` 0.61.2 locks) reports it. Generated once from that crate;
/// the tests check every range boundary against `jsonschema`.
#[rustfmt::skip]
static GENERAL_CATEGORY_CLASSES: &[(u32, u32, Class)] = {
    const L: Class = Class::LetterOrDigit;
    const M: Class = Class::Mark;
    const E: Class = Class::EnclosingMark;
    &[
    (0x00AA, 0x00AA, L), (0x00B5, 0x00B5, L), (0x00BA, 0x00BA, L), (0x00C0, 0x00D6, L),
    (0x00D8, 0x00F6, L), (0x00F8, 0x02C1, L), (0x02C6, 0x02D1, L), (0x02E0, 0x02E4, L),
    (0x02EC, 0x02EC, L), (0x02EE, 0x02EE, L), (0x0300, 0x036F, M), (0x0370, 0x0374, L),
    (0x0376, 0x0377, L), (0x037A, 0x037D, L), (0x037F, 0x037F, L), (0x0386, 0x0386, L),
    (0x0388, 0x038A, L), (0x038C, 0x038C, L), (0x038E, 0x03A1, L), (0x03A3, 0x03F5, L),
    (0x03F7, 0x0481, L), (0x0483, 0x0487, M), (0x0488, 0x0489, E), (0x048A, 0x052F, L),
    (0x0531, 0x0556, L), (0x0559, 0x0559, L), (0x0560, 0x0588, L), (0x0591, 0x05BD, M),
    (0x05BF, 0x05BF, M), (0x05C1, 0x05C2, M), (0x05C4, 0x05C5, M), (0x05C7, 0x05C7, M),
    (0x05D0, 0x05EA, L), (0x05EF, 0x05F2, L), (0x0610, 0x061A, M), (0x0620, 0x064A, L),
    (0x064B, 0x065F, M), (0x0660, 0x0669, L), (0x066E, 0x066F, L), (0x0670, 0x0670, M),
    (0x0671, 0x06D3, L), (0x06D5, 0x06D5, L), (0x06D6, 0x06DC, M), (0x06DF, 0x06E4, M),
    (0x06E5, 0x06E6, L), (0x06E7, 0x06E8, M), (0x06EA, 0x06ED, M), (0x06EE, 0x06FC, L),
    (0x06FF, 0x06FF, L), (0x0710, 0x0710, L), (0x0711, 0x0711, M), (0x0712, 0x072F, L),
    (0x0730, 0x074A, M), (0x074D, 0x07A5, L), (0x07A6, 0x07B0, M), (0x07B1, 0x07B1, L),
    (0x07C0, 0x07EA, L), (0x07EB, 0x07F3, M), (0x07F4, 0x07F5, L), (0x07FA, 0x07FA, L),
    (0x07FD, 0x07FD, M), (0x0800, 0x0815, L), (0x0816, 0x0819, M), (0x081A, 0x081A, L),
    (0x081B, 0x0823, M), (0x0824, 0x0824, L), (0x0825, 0x0827, M), (0x0828, 0x0828, L),
    (0x0829, 0x082D, M), (0x0840, 0x0858, L), (0x0859, 0x085B, M), (0x0860, 0x086A, L),
    (0x0870, 0x0887, L), (0x0889, 0x088E, L), (0x0897, 0x089F, M), (0x08A0, 0x08C9, L),
    (0x08CA, 0x08E1, M), (0x08E3, 0x0903, M), (0x0904, 0x0939, L), (0x093A, 0x093C, M),
    (0x093D, 0x093D, L), (0x093E, 0x094F, M), (0x0950, 0x0950, L), (0x0951, 0x0957, M),
    (0x0958, 0x0961, L), (0x0962, 0x0963, M), (0x0966, 0x096F, L), (0x0971, 0x0980, L),
    (0x0981, 0x0983, M), (0x0985, 0x098C, L), (0x098F, 0x0990, L), (0x0993, 0x09A8, L),
    (0x09AA, 0x09B0, L), (0x09B2, 0x09B2, L), (0x09B6, 0x09B9, L), (0x09BC, 0x09BC, M),
    (0x09BD, 0x09BD, L), (0x09BE, 0x09C4, M), (0x09C7, 0x09C8, M), (0x09CB, 0x09CD, M),
    (0x09CE, 0x09CE, L), (0x09D7, 0x09D7, M), (0x09DC, 0x09DD, L), (0x09DF, 0x09E1, L),
    (0x09E2, 0x09E3, M), (0x09E6, 0x09F1, L), (0x09FC, 0x09FC, L), (0x09FE, 0x09FE, M),
    (0x0A01, 0x0A03, M), (0x0A05, 0x0A0A, L), (0x0A0F, 0x0A10, L), (0x0A13, 0x0A28, L),
    (0x0A2A, 0x0A30, L), (0x0A32, 0x0A33, L), (0x0A35, 0x0A36, L), (0x0A38, 0x0A39, L),
    (0x0A3C, 0x0A3C, M), (0x0A3E, 0x0A42, M), (0x0A47, 0x0A48, M), (0x0A4B, 0x0A4D, M),
    (0x0A51, 0x0A51, M), (0x0A59, 0x0A5C, L), (0x0A5E, 0x0A5E, L), (0x0A66, 0x0A6F, L),
    (0x0A70, 0x0A71, M), (0x0A72, 0x0A74, L), (0x0A75, 0x0A75, M), (0x0A81, 0x0A83, M),
    (0x0A85, 0x0A8D, L), (0x0A8F, 0x0A91, L), (0x0A93, 0x0AA8, L), (0x0AAA, 0x0AB0, L),
    (0x0AB2, 0x0AB3, L), (0x0AB5, 0x0AB9, L), (0x0ABC, 0x0ABC, M), (0x0ABD, 0x0ABD, L),
    (0x0ABE, 0x0AC5, M), (0x0AC7, 0x0AC9, M), (0x0ACB, 0x0ACD, M), (0x0AD0, 0x0AD0, L),
    (0x0AE0, 0x0AE1, L), (0x0AE2, 0x0AE3, M), (0x0AE6, 0x0AEF, L), (0x0AF9, 0x0AF9, L),
    (0x0AFA, 0x0AFF, M), (0x0B01, 0x0B03, M), (0x0B05, 0x0B0C, L), (0x0B0F, 0x0B10, L),
    (0x0B13, 0x0B28, L), (0x0B2A, 0x0B30, L), (0x0B32, 0x0B33, L), (0x0B35, 0x0B39, L),
    (0x0B3C, 0x0B3C, M), (0x0B3D, 0x0B3D, L), (0x0B3E, 0x0B44, M), (0x0B47, 0x0B48, M),
    (0x0B4B, 0x0B4D, M), (0x0B55, 0x0B57, M), (0x0B5C, 0x0B5D, L), (0x0B5F, 0x0B61, L),
    (0x0B62, 0x0B63, M), (0x0B66, 0x0B6F, L), (0x0B71, 0x0B71, L), (0x0B82, 0x0B82, M),
    (0x0B83, 0x0B83, L), (0x0B85, 0x0B8A, L), (0x0B8E, 0x0B90, L), (0x0B92, 0x0B95, L),
    (0x0B99, 0x0B9A, L), (0x0B9C, 0x0B9C, L), (0x0B9E, 0x0B9F, L), (0x0BA3, 0x0BA4, L),
    (0x0BA8, 0x0BAA, L), (0x0BAE, 0x0BB9, L), (0x0BBE, 0x0BC2, M), (0x0BC6, 0x0BC8, M),
    (0x0BCA, 0x0BCD, M), (0x0BD0, 0x0BD0, L), (0x0BD7, 0x0BD7, M), (0x0BE6, 0x0BEF, L),
    (0x0C00, 0x0C04, M), (0x0C05, 0x0C0C, L), (0x0C0E, 0x0C10, L), (0x0C12, 0x0C28, L),
    (0x0C2A, 0x0C39, L), (0x0C3C, 0x0C3C, M), (0x0C3D, 0x0C3D, L), (0x0C3E, 0x0C44, M),
    (0x0C46, 0x0C48, M), (0x0C4A, 0x0C4D, M), (0x0C55, 0x0C56, M), (0x0C58, 0x0C5A, L),
    (0x0C5D, 0x0C5D, L), (0x0C60, 0x0C61, L), (0x0C62, 0x0C63, M), (0x0C66, 0x0C6F, L),
    (0x0C80, 0x0C80, L), (0x0C81, 0x0C83, M), (0x0C85, 0x0C8C, L), (0x0C8E, 0x0C90, L),
    (0x0C92, 0x0CA8, L), (0x0CAA, 0x0CB3, L), (0x0CB5, 0x0CB9, L), (0x0CBC, 0x0CBC, M),
    (0x0CBD, 0x0CBD, L), (0x0CBE, 0x0CC4, M), (0x0CC6, 0x0CC8, M), (0x0CCA, 0x0CCD, M),
    (0x0CD5, 0x0CD6, M), (0x0CDD, 0x0CDE, L), (0x0CE0, 0x0CE1, L), (0x0CE2, 0x0CE3, M),
    (0x0CE6, 0x0CEF, L), (0x0CF1, 0x0CF2, L), (0x0CF3, 0x0CF3, M), (0x0D00, 0x0D03, M),
    (0x0D04, 0x0D0C, L), (0x0D0E, 0x0D10, L), (0x0D12, 0x0D3A, L), (0x0D3B, 0x0D3C, M),
    (0x0D3D, 0x0D3D, L), (0x0D3E, 0x0D44, M), (0x0D46, 0x0D48, M), (0x0D4A, 0x0D4D, M),
    (0x0D4E, 0x0D4E, L), (0x0D54, 0x0D56, L), (0x0D57, 0x0D57, M), (0x0D5F, 0x0D61, L),
    (0x0D62, 0x0D63, M), (0x0D66, 0x0D6F, L), (0x0D7A, 0x0D7F, L), (0x0D81, 0x0D83, M),
    (0x0D85, 0x0D96, L), (0x0D9A, 0x0DB1, L), (0x0DB3, 0x0DBB, L), (0x0DBD, 0x0DBD, L),
    (0x0DC0, 0x0DC6, L), (0x0DCA, 0x0DCA, M), (0x0DCF, 0x0DD4, M), (0x0DD6, 0x0DD6, M),
    (0x0DD8, 0x0DDF, M), (0x0DE6, 0x0DEF, L), (0x0DF2, 0x0DF3, M), (0x0E01, 0x0E30, L),
    (0x0E31, 0x0E31, M), (0x0E32, 0x0E33, L), (0x0E34, 0x0E3A, M), (0x0E40, 0x0E46, L),
    (0x0E47, 0x0E4E, M), (0x0E50, 0x0E59, L), (0x0E81, 0x0E82, L), (0x0E84, 0x0E84, L),
    (0x0E86, 0x0E8A, L), (0x0E8C, 0x0EA3, L), (0x0EA5, 0x0EA5, L), (0x0EA7, 0x0EB0, L),
    (0x0EB1, 0x0EB1, M), (0x0EB2, 0x0EB3, L), (0x0EB4, 0x0EBC, M), (0x0EBD, 0x0EBD, L),
    (0x0EC0, 0x0EC4, L), (0x0EC6, 0x0EC6, L), (0x0EC8, 0x0ECE, M), (0x0ED0, 0x0ED9, L),
    (0x0EDC, 0x0EDF, L), (0x0F00, 0x0F00, L), (0x0F18, 0x0F19, M), (0x0F20, 0x0F29, L),
    (0x0F35, 0x0F35, M), (0x0F37, 0x0F37, M), (0x0F39, 0x0F39, M), (0x0F3E, 0x0F3F, M),
    (0x0F40, 0x0F47, L), (0x0F49, 0x0F6C, L), (0x0F71, 0x0F84, M), (0x0F86, 0x0F87, M),
    (0x0F88, 0x0F8C, L), (0x0F8D, 0x0F97, M), (0x0F99, 0x0FBC, M), (0x0FC6, 0x0FC6, M),
    (0x1000, 0x102A, L), (0x102B, 0x103E, M), (0x103F, 0x1049, L), (0x1050, 0x1055, L),
    (0x1056, 0x1059, M), (0x105A, 0x105D, L), (0x105E, 0x1060, M), (0x1061, 0x1061, L),
    (0x1062, 0x1064, M), (0x1065, 0x1066, L), (0x1067, 0x106D, M), (0x106E, 0x1070, L),
    (0x1071, 0x1074, M), (0x1075, 0x1081, L), (0x1082, 0x108D, M), (0x108E, 0x108E, L),
    (0x108F, 0x108F, M), (0x1090, 0x1099, L), (0x109A, 0x109D, M), (0x10A0, 0x10C5, L),
    (0x10C7, 0x10C7, L), (0x10CD, 0x10CD, L), (0x10D0, 0x10FA, L), (0x10FC, 0x1248, L),
    (0x124A, 0x124D, L), (0x1250, 0x1256, L), (0x1258, 0x1258, L), (0x125A, 0x125D, L),
    (0x1260, 0x1288, L), (0x128A, 0x128D, L), (0x1290, 0x12B0, L), (0x12B2, 0x12B5, L),
    (0x12B8, 0x12BE, L), (0x12C0, 0x12C0, L), (0x12C2, 0x12C5, L), (0x12C8, 0x12D6, L),
    (0x12D8, 0x1310, L), (0x1312, 0x1315, L), (0x1318, 0x135A, L), (0x135D, 0x135F, M),
    (0x1380, 0x138F, L), (0x13A0, 0x13F5, L), (0x13F8, 0x13FD, L), (0x1401, 0x166C, L),
    (0x166F, 0x167F, L), (0x1681, 0x169A, L), (0x16A0, 0x16EA, L), (0x16F1, 0x16F8, L),
    (0x1700, 0x1711, L), (0x1712, 0x1715, M), (0x171F, 0x1731, L), (0x1732, 0x1734, M),
    (0x1740, 0x1751, L), (0x1752, 0x1753, M), (0x1760, 0x176C, L), (0x176E, 0x1770, L),
    (0x1772, 0x1773, M), (0x1780, 0x17B3, L), (0x17B4, 0x17D3, M), (0x17D7, 0x17D7, L),
    (0x17DC, 0x17DC, L), (0x17DD, 0x17DD, M), (0x17E0, 0x17E9, L), (0x180B, 0x180D, M),
    (0x180F, 0x180F, M), (0x1810, 0x1819, L), (0x1820, 0x1878, L), (0x1880, 0x1884, L),
    (0x1885, 0x1886, M), (0x1887, 0x18A8, L), (0x18A9, 0x18A9, M), (0x18AA, 0x18AA, L),
    (0x18B0, 0x18F5, L), (0x1900, 0x191E, L), (0x1920, 0x192B, M), (0x1930, 0x193B, M),
    (0x1946, 0x196D, L), (0x1970, 0x1974, L), (0x1980, 0x19AB, L), (0x19B0, 0x19C9, L),
    (0x19D0, 0x19D9, L), (0x1A00, 0x1A16, L), (0x1A17, 0x1A1B, M), (0x1A20, 0x1A54, L),
    (0x1A55, 0x1A5E, M), (0x1A60, 0x1A7C, M), (0x1A7F, 0x1A7F, M), (0x1A80, 0x1A89, L),
    (0x1A90, 0x1A99, L), (0x1AA7, 0x1AA7, L), (0x1AB0, 0x1ABD, M), (0x1ABE, 0x1ABE, E),
    (0x1ABF, 0x1ACE, M), (0x1B00, 0x1B04, M), (0x1B05, 0x1B33, L), (0x1B34, 0x1B44, M),
    (0x1B45, 0x1B4C, L), (0x1B50, 0x1B59, L), (0x1B6B, 0x1B73, M), (0x1B80, 0x1B82, M),
    (0x1B83, 0x1BA0, L), (0x1BA1, 0x1BAD, M), (0x1BAE, 0x1BE5, L), (0x1BE6, 0x1BF3, M),
    (0x1C00, 0x1C23, L), (0x1C24, 0x1C37, M), (0x1C40, 0x1C49, L), (0x1C4D, 0x1C7D, L),
    (0x1C80, 0x1C8A, L), (0x1C90, 0x1CBA, L), (0x1CBD, 0x1CBF, L), (0x1CD0, 0x1CD2, M),
    (0x1CD4, 0x1CE8, M), (0x1CE9, 0x1CEC, L), (0x1CED, 0x1CED, M), (0x1CEE, 0x1CF3, L),
    (0x1CF4, 0x1CF4, M), (0x1CF5, 0x1CF6, L), (0x1CF7, 0x1CF9, M), (0x1CFA, 0x1CFA, L),
    (0x1D00, 0x1DBF, L), (0x1DC0, 0x1DFF, M), (0x1E00, 0x1F15, L), (0x1F18, 0x1F1D, L),
    (0x1F20, 0x1F45, L), (0x1F48, 0x1F4D, L), (0x1F50, 0x1F57, L), (0x1F59, 0x1F59, L),
    (0x1F5B, 0x1F5B, L), (0x1F5D, 0x1F5D, L), (0x1F5F, 0x1F7D, L), (0x1F80, 0x1FB4, L),
    (0x1FB6, 0x1FBC, L), (0x1FBE, 0x1FBE, L), (0x1FC2, 0x1FC4, L), (0x1FC6, 0x1FCC, L),
    (0x1FD0, 0x1FD3, L), (0x1FD6, 0x1FDB, L), (0x1FE0, 0x1FEC, L), (0x1FF2, 0x1FF4, L),
    (0x1FF6, 0x1FFC, L), (0x2071, 0x2071, L), (0x207F, 0x207F, L), (0x2090, 0x209C, L),
    (0x20D0, 0x20DC, M), (0x20DD, 0x20E0, E), (0x20E1, 0x20E1, M), (0x20E2, 0x20E4, E),
    (0x20E5, 0x20F0, M), (0x2102, 0x2102, L), (0x2107, 0x2107, L), (0x210A, 0x2113, L),
    (0x2115, 0x2115, L), (0x2119, 0x211D, L), (0x2124, 0x2124, L), (0x2126, 0x2126, L),
    (0x2128, 0x2128, L), (0x212A, 0x212D, L), (0x212F, 0x2139, L), (0x213C, 0x213F, L),
    (0x2145, 0x2149, L), (0x214E, 0x214E, L), (0x2183, 0x2184, L), (0x2C00, 0x2CE4, L),
    (0x2CEB, 0x2CEE, L), (0x2CEF, 0x2CF1, M), (0x2CF2, 0x2CF3, L), (0x2D00, 0x2D25, L),
    (0x2D27, 0x2D27, L), (0x2D2D, 0x2D2D, L), (0x2D30, 0x2D67, L), (0x2D6F, 0x2D6F, L),
    (0x2D7F, 0x2D7F, M), (0x2D80, 0x2D96, L), (0x2DA0, 0x2DA6, L), (0x2DA8, 0x2DAE, L),
    (0x2DB0, 0x2DB6, L), (0x2DB8, 0x2DBE, L), (0x2DC0, 0x2DC6, L), (0x2DC8, 0x2DCE, L),
    (0x2DD0, 0x2DD6, L), (0x2DD8, 0x2DDE, L), (0x2DE0, 0x2DFF, M), (0x2E2F, 0x2E2F, L),
    (0x3005, 0x3006, L), (0x302A, 0x302F, M), (0x3031, 0x3035, L), (0x303B, 0x303C, L),
    (0x3041, 0x3096, L), (0x3099, 0x309A, M), (0x309D, 0x309F, L), (0x30A1, 0x30FA, L),
    (0x30FC, 0x30FF, L), (0x3105, 0x312F, L), (0x3131, 0x318E, L), (0x31A0, 0x31BF, L),
    (0x31F0, 0x31FF, L), (0x3400, 0x4DBF, L), (0x4E00, 0xA48C, L), (0xA4D0, 0xA4FD, L),
    (0xA500, 0xA60C, L), (0xA610, 0xA62B, L), (0xA640, 0xA66E, L), (0xA66F, 0xA66F, M),
    (0xA670, 0xA672, E), (0xA674, 0xA67D, M), (0xA67F, 0xA69D, L), (0xA69E, 0xA69F, M),
    (0xA6A0, 0xA6E5, L), (0xA6F0, 0xA6F1, M), (0xA717, 0xA71F, L), (0xA722, 0xA788, L),
    (0xA78B, 0xA7CD, L), (0xA7D0, 0xA7D1, L), (0xA7D3, 0xA7D3, L), (0xA7D5, 0xA7DC, L),
    (0xA7F2, 0xA801, L), (0xA802, 0xA802, M), (0xA803, 0xA805, L), (0xA806, 0xA806, M),
    (0xA807, 0xA80A, L), (0xA80B, 0xA80B, M), (0xA80C, 0xA822, L), (0xA823, 0xA827, M),
    (0xA82C, 0xA82C, M), (0xA840, 0xA873, L), (0xA880, 0xA881, M), (0xA882, 0xA8B3, L),
    (0xA8B4, 0xA8C5, M), (0xA8D0, 0xA8D9, L), (0xA8E0, 0xA8F1, M), (0xA8F2, 0xA8F7, L),
    (0xA8FB, 0xA8FB, L), (0xA8FD, 0xA8FE, L), (0xA8FF, 0xA8FF, M), (0xA900, 0xA925, L),
    (0xA926, 0xA92D, M), (0xA930, 0xA946, L), (0xA947, 0xA953, M), (0xA960, 0xA97C, L),
    (0xA980, 0xA983, M), (0xA984, 0xA9B2, L), (0xA9B3, 0xA9C0, M), (0xA9CF, 0xA9D9, L),
    (0xA9E0, 0xA9E4, L), (0xA9E5, 0xA9E5, M), (0xA9E6, 0xA9FE, L), (0xAA00, 0xAA28, L),
    (0xAA29, 0xAA36, M), (0xAA40, 0xAA42, L), (0xAA43, 0xAA43, M), (0xAA44, 0xAA4B, L),
    (0xAA4C, 0xAA4D, M), (0xAA50, 0xAA59, L), (0xAA60, 0xAA76, L), (0xAA7A, 0xAA7A, L),
    (0xAA7B, 0xAA7D, M), (0xAA7E, 0xAAAF, L), (0xAAB0, 0xAAB0, M), (0xAAB1, 0xAAB1, L),
    (0xAAB2, 0xAAB4, M), (0xAAB5, 0xAAB6, L), (0xAAB7, 0xAAB8, M), (0xAAB9, 0xAABD, L),
    (0xAABE, 0xAABF, M), (0xAAC0, 0xAAC0, L), (0xAAC1, 0xAAC1, M), (0xAAC2, 0xAAC2, L),
    (0xAADB, 0xAADD, L), (0xAAE0, 0xAAEA, L), (0xAAEB, 0xAAEF, M), (0xAAF2, 0xAAF4, L),
    (0xAAF5, 0xAAF6, M), (0xAB01, 0xAB06, L), (0xAB09, 0xAB0E, L), (0xAB11, 0xAB16, L),
    (0xAB20, 0xAB26, L), (0xAB28, 0xAB2E, L), (0xAB30, 0xAB5A, L), (0xAB5C, 0xAB69, L),
    (0xAB70, 0xABE2, L), (0xABE3, 0xABEA, M), (0xABEC, 0xABED, M), (0xABF0, 0xABF9, L),
    (0xAC00, 0xD7A3, L), (0xD7B0, 0xD7C6, L), (0xD7CB, 0xD7FB, L), (0xF900, 0xFA6D, L),
    (0xFA70, 0xFAD9, L), (0xFB00, 0xFB06, L), (0xFB13, 0xFB17, L), (0xFB1D, 0xFB1D, L),
    (0xFB1E, 0xFB1E, M), (0xFB1F, 0xFB28, L), (0xFB2A, 0xFB36, L), (0xFB38, 0xFB3C, L),
    (0xFB3E, 0xFB3E, L), (0xFB40, 0xFB41, L), (0xFB43, 0xFB44, L), (0xFB46, 0xFBB1, L),
    (0xFBD3, 0xFD3D, L), (0xFD50, 0xFD8F, L), (0xFD92, 0xFDC7, L), (0xFDF0, 0xFDFB, L),
    (0xFE00, 0xFE0F, M), (0xFE20, 0xFE2F, M), (0xFE70, 0xFE74, L), (0xFE76, 0xFEFC, L),
    (0xFF10, 0xFF19, L), (0xFF21, 0xFF3A, L), (0xFF41, 0xFF5A, L), (0xFF66, 0xFFBE, L),
    (0xFFC2, 0xFFC7, L), (0xFFCA, 0xFFCF, L), (0xFFD2, 0xFFD7, L), (0xFFDA, 0xFFDC, L),
    (0x10000, 0x1000B, L), (0x1000D, 0x10026, L), (0x10028, 0x1003A, L), (0x1003C, 0x1003D, L),
    (0x1003F, 0x1004D, L), (0x10050, 0x1005D, L), (0x10080, 0x100FA, L), (0x101FD, 0x101FD, M),
    (0x10280, 0x1029C, L), (0x102A0, 0x102D0, L), (0x102E0, 0x102E0, M), (0x10300, 0x1031F, L),
    (0x1032D, 0x10340, L), (0x10342, 0x10349, L), (0x10350, 0x10375, L), (0x10376, 0x1037A, M),
    (0x10380, 0x1039D, L), (0x103A0, 0x103C3, L), (0x103C8, 0x103CF, L), (0x10400, 0x1049D, L),
    (0x104A0, 0x104A9, L), (0x104B0, 0x104D3, L), (0x104D8, 0x104FB, L), (0x10500, 0x10527, L),
    (0x10530, 0x10563, L), (0x10570, 0x1057A, L), (0x1057C, 0x1058A, L), (0x1058C, 0x10592, L),
    (0x10594, 0x10595, L), (0x10597, 0x105A1, L), (0x105A3, 0x105B1, L), (0x105B3, 0x105B9, L),
    (0x105BB, 0x105BC, L), (0x105C0, 0x105F3, L), (0x10600, 0x10736, L), (0x10740, 0x10755, L),
    (0x10760, 0x10767, L), (0x10780, 0x10785, L), (0x10787, 0x107B0, L), (0x107B2, 0x107BA, L),
    (0x10800, 0x10805, L), (0x10808, 0x10808, L), (0x1080A, 0x10835, L), (0x10837, 0x10838, L),
    (0x1083C, 0x1083C, L), (0x1083F, 0x10855, L), (0x10860, 0x10876, L), (0x10880, 0x1089E, L),
    (0x108E0, 0x108F2, L), (0x108F4, 0x108F5, L), (0x10900, 0x10915, L), (0x10920, 0x10939, L),
    (0x10980, 0x109B7, L), (0x109BE, 0x109BF, L), (0x10A00, 0x10A00, L), (0x10A01, 0x10A03, M),
    (0x10A05, 0x10A06, M), (0x10A0C, 0x10A0F, M), (0x10A10, 0x10A13, L), (0x10A15, 0x10A17, L),
    (0x10A19, 0x10A35, L), (0x10A38, 0x10A3A, M), (0x10A3F, 0x10A3F, M), (0x10A60, 0x10A7C, L),
    (0x10A80, 0x10A9C, L), (0x10AC0, 0x10AC7, L), (0x10AC9, 0x10AE4, L), (0x10AE5, 0x10AE6, M),
    (0x10B00, 0x10B35, L), (0x10B40, 0x10B55, L), (0x10B60, 0x10B72, L), (0x10B80, 0x10B91, L),
    (0x10C00, 0x10C48, L), (0x10C80, 0x10CB2, L), (0x10CC0, 0x10CF2, L), (0x10D00, 0x10D23, L),
    (0x10D24, 0x10D27, M), (0x10D30, 0x10D39, L), (0x10D40, 0x10D65, L), (0x10D69, 0x10D6D, M),
    (0x10D6F, 0x10D85, L), (0x10E80, 0x10EA9, L), (0x10EAB, 0x10EAC, M), (0x10EB0, 0x10EB1, L),
    (0x10EC2, 0x10EC4, L), (0x10EFC, 0x10EFF, M), (0x10F00, 0x10F1C, L), (0x10F27, 0x10F27, L),
    (0x10F30, 0x10F45, L), (0x10F46, 0x10F50, M), (0x10F70, 0x10F81, L), (0x10F82, 0x10F85, M),
    (0x10FB0, 0x10FC4, L), (0x10FE0, 0x10FF6, L), (0x11000, 0x11002, M), (0x11003, 0x11037, L),
    (0x11038, 0x11046, M), (0x11066, 0x1106F, L), (0x11070, 0x11070, M), (0x11071, 0x11072, L),
    (0x11073, 0x11074, M), (0x11075, 0x11075, L), (0x1107F, 0x11082, M), (0x11083, 0x110AF, L),
    (0x110B0, 0x110BA, M), (0x110C2, 0x110C2, M), (0x110D0, 0x110E8, L), (0x110F0, 0x110F9, L),
    (0x11100, 0x11102, M), (0x11103, 0x11126, L), (0x11127, 0x11134, M), (0x11136, 0x1113F, L),
    (0x11144, 0x11144, L), (0x11145, 0x11146, M), (0x11147, 0x11147, L), (0x11150, 0x11172, L),
    (0x11173, 0x11173, M), (0x11176, 0x11176, L), (0x11180, 0x11182, M), (0x11183, 0x111B2, L),
    (0x111B3, 0x111C0, M), (0x111C1, 0x111C4, L), (0x111C9, 0x111CC, M), (0x111CE, 0x111CF, M),
    (0x111D0, 0x111DA, L), (0x111DC, 0x111DC, L), (0x11200, 0x11211, L), (0x11213, 0x1122B, L),
    (0x1122C, 0x11237, M), (0x1123E, 0x1123E, M), (0x1123F, 0x11240, L), (0x11241, 0x11241, M),
    (0x11280, 0x11286, L), (0x11288, 0x11288, L), (0x1128A, 0x1128D, L), (0x1128F, 0x1129D, L),
    (0x1129F, 0x112A8, L), (0x112B0, 0x112DE, L), (0x112DF, 0x112EA, M), (0x112F0, 0x112F9, L),
    (0x11300, 0x11303, M), (0x11305, 0x1130C, L), (0x1130F, 0x11310, L), (0x11313, 0x11328, L),
    (0x1132A, 0x11330, L), (0x11332, 0x11333, L), (0x11335, 0x11339, L), (0x1133B, 0x1133C, M),
    (0x1133D, 0x1133D, L), (0x1133E, 0x11344, M), (0x11347, 0x11348, M), (0x1134B, 0x1134D, M),
    (0x11350, 0x11350, L), (0x11357, 0x11357, M), (0x1135D, 0x11361, L), (0x11362, 0x11363, M),
    (0x11366, 0x1136C, M), (0x11370, 0x11374, M), (0x11380, 0x11389, L), (0x1138B, 0x1138B, L),
    (0x1138E, 0x1138E, L), (0x11390, 0x113B5, L), (0x113B7, 0x113B7, L), (0x113B8, 0x113C0, M),
    (0x113C2, 0x113C2, M), (0x113C5, 0x113C5, M), (0x113C7, 0x113CA, M), (0x113CC, 0x113D0, M),
    (0x113D1, 0x113D1, L), (0x113D2, 0x113D2, M), (0x113D3, 0x113D3, L), (0x113E1, 0x113E2, M),
    (0x11400, 0x11434, L), (0x11435, 0x11446, M), (0x11447, 0x1144A, L), (0x11450, 0x11459, L),
    (0x1145E, 0x1145E, M), (0x1145F, 0x11461, L), (0x11480, 0x114AF, L), (0x114B0, 0x114C3, M),
    (0x114C4, 0x114C5, L), (0x114C7, 0x114C7, L), (0x114D0, 0x114D9, L), (0x11580, 0x115AE, L),
    (0x115AF, 0x115B5, M), (0x115B8, 0x115C0, M), (0x115D8, 0x115DB, L), (0x115DC, 0x115DD, M),
    (0x11600, 0x1162F, L), (0x11630, 0x11640, M), (0x11644, 0x11644, L), (0x11650, 0x11659, L),
    (0x11680, 0x116AA, L), (0x116AB, 0x116B7, M), (0x116B8, 0x116B8, L), (0x116C0, 0x116C9, L),
    (0x116D0, 0x116E3, L), (0x11700, 0x1171A, L), (0x1171D, 0x1172B, M), (0x11730, 0x11739, L),
    (0x11740, 0x11746, L), (0x11800, 0x1182B, L), (0x1182C, 0x1183A, M), (0x118A0, 0x118E9, L),
    (0x118FF, 0x11906, L), (0x11909, 0x11909, L), (0x1190C, 0x11913, L), (0x11915, 0x11916, L),
    (0x11918, 0x1192F, L), (0x11930, 0x11935, M), (0x11937, 0x11938, M), (0x1193B, 0x1193E, M),
    (0x1193F, 0x1193F, L), (0x11940, 0x11940, M), (0x11941, 0x11941, L), (0x11942, 0x11943, M),
    (0x11950, 0x11959, L), (0x119A0, 0x119A7, L), (0x119AA, 0x119D0, L), (0x119D1, 0x119D7, M),
    (0x119DA, 0x119E0, M), (0x119E1, 0x119E1, L), (0x119E3, 0x119E3, L), (0x119E4, 0x119E4, M),
    (0x11A00, 0x11A00, L), (0x11A01, 0x11A0A, M), (0x11A0B, 0x11A32, L), (0x11A33, 0x11A39, M),
    (0x11A3A, 0x11A3A, L), (0x11A3B, 0x11A3E, M), (0x11A47, 0x11A47, M), (0x11A50, 0x11A50, L),
    (0x11A51, 0x11A5B, M), (0x11A5C, 0x11A89, L), (0x11A8A, 0x11A99, M), (0x11A9D, 0x11A9D, L),
    (0x11AB0, 0x11AF8, L), (0x11BC0, 0x11BE0, L), (0x11BF0, 0x11BF9, L), (0x11C00, 0x11C08, L),
    (0x11C0A, 0x11C2E, L), (0x11C2F, 0x11C36, M), (0x11C38, 0x11C3F, M), (0x11C40, 0x11C40, L),
    (0x11C50, 0x11C59, L), (0x11C72, 0x11C8F, L), (0x11C92, 0x11CA7, M), (0x11CA9, 0x11CB6, M),
    (0x11D00, 0x11D06, L), (0x11D08, 0x11D09, L), (0x11D0B, 0x11D30, L), (0x11D31, 0x11D36, M),
    (0x11D3A, 0x11D3A, M), (0x11D3C, 0x11D3D, M), (0x11D3F, 0x11D45, M), (0x11D46, 0x11D46, L),
    (0x11D47, 0x11D47, M), (0x11D50, 0x11D59, L), (0x11D60, 0x11D65, L), (0x11D67, 0x11D68, L),
    (0x11D6A, 0x11D89, L), (0x11D8A, 0x11D8E, M), (0x11D90, 0x11D91, M), (0x11D93, 0x11D97, M),
    (0x11D98, 0x11D98, L), (0x11DA0, 0x11DA9, L), (0x11EE0, 0x11EF2, L), (0x11EF3, 0x11EF6, M),
    (0x11F00, 0x11F01, M), (0x11F02, 0x11F02, L), (0x11F03, 0x11F03, M), (0x11F04, 0x11F10, L),
    (0x11F12, 0x11F33, L), (0x11F34, 0x11F3A, M), (0x11F3E, 0x11F42, M), (0x11F50, 0x11F59, L),
    (0x11F5A, 0x11F5A, M), (0x11FB0, 0x11FB0, L), (0x12000, 0x12399, L), (0x12480, 0x12543, L),
    (0x12F90, 0x12FF0, L), (0x13000, 0x1342F, L), (0x13440, 0x13440, M), (0x13441, 0x13446, L),
    (0x13447, 0x13455, M), (0x13460, 0x143FA, L), (0x14400, 0x14646, L), (0x16100, 0x1611D, L),
    (0x1611E, 0x1612F, M), (0x16130, 0x16139, L), (0x16800, 0x16A38, L), (0x16A40, 0x16A5E, L),
    (0x16A60, 0x16A69, L), (0x16A70, 0x16ABE, L), (0x16AC0, 0x16AC9, L), (0x16AD0, 0x16AED, L),
    (0x16AF0, 0x16AF4, M), (0x16B00, 0x16B2F, L), (0x16B30, 0x16B36, M), (0x16B40, 0x16B43, L),
    (0x16B50, 0x16B59, L), (0x16B63, 0x16B77, L), (0x16B7D, 0x16B8F, L), (0x16D40, 0x16D6C, L),
    (0x16D70, 0x16D79, L), (0x16E40, 0x16E7F, L), (0x16F00, 0x16F4A, L), (0x16F4F, 0x16F4F, M),
    (0x16F50, 0x16F50, L), (0x16F51, 0x16F87, M), (0x16F8F, 0x16F92, M), (0x16F93, 0x16F9F, L),
    (0x16FE0, 0x16FE1, L), (0x16FE3, 0x16FE3, L), (0x16FE4, 0x16FE4, M), (0x16FF0, 0x16FF1, M),
    (0x17000, 0x187F7, L), (0x18800, 0x18CD5, L), (0x18CFF, 0x18D08, L), (0x1AFF0, 0x1AFF3, L),
    (0x1AFF5, 0x1AFFB, L), (0x1AFFD, 0x1AFFE, L), (0x1B000, 0x1B122, L), (0x1B132, 0x1B132, L),
    (0x1B150, 0x1B152, L), (0x1B155, 0x1B155, L), (0x1B164, 0x1B167, L), (0x1B170, 0x1B2FB, L),
    (0x1BC00, 0x1BC6A, L), (0x1BC70, 0x1BC7C, L), (0x1BC80, 0x1BC88, L), (0x1BC90, 0x1BC99, L),
    (0x1BC9D, 0x1BC9E, M), (0x1CCF0, 0x1CCF9, L), (0x1CF00, 0x1CF2D, M), (0x1CF30, 0x1CF46, M),
    (0x1D165, 0x1D169, M), (0x1D16D, 0x1D172, M), (0x1D17B, 0x1D182, M), (0x1D185, 0x1D18B, M),
    (0x1D1AA, 0x1D1AD, M), (0x1D242, 0x1D244, M), (0x1D400, 0x1D454, L), (0x1D456, 0x1D49C, L),
    (0x1D49E, 0x1D49F, L), (0x1D4A2, 0x1D4A2, L), (0x1D4A5, 0x1D4A6, L), (0x1D4A9, 0x1D4AC, L),
    (0x1D4AE, 0x1D4B9, L), (0x1D4BB, 0x1D4BB, L), (0x1D4BD, 0x1D4C3, L), (0x1D4C5, 0x1D505, L),
    (0x1D507, 0x1D50A, L), (0x1D50D, 0x1D514, L), (0x1D516, 0x1D51C, L), (0x1D51E, 0x1D539, L),
    (0x1D53B, 0x1D53E, L), (0x1D540, 0x1D544, L), (0x1D546, 0x1D546, L), (0x1D54A, 0x1D550, L),
    (0x1D552, 0x1D6A5, L), (0x1D6A8, 0x1D6C0, L), (0x1D6C2, 0x1D6DA, L), (0x1D6DC, 0x1D6FA, L),
    (0x1D6FC, 0x1D714, L), (0x1D716, 0x1D734, L), (0x1D736, 0x1D74E, L), (0x1D750, 0x1D76E, L),
    (0x1D770, 0x1D788, L), (0x1D78A, 0x1D7A8, L), (0x1D7AA, 0x1D7C2, L), (0x1D7C4, 0x1D7CB, L),
    (0x1D7CE, 0x1D7FF, L), (0x1DA00, 0x1DA36, M), (0x1DA3B, 0x1DA6C, M), (0x1DA75, 0x1DA75, M),
    (0x1DA84, 0x1DA84, M), (0x1DA9B, 0x1DA9F, M), (0x1DAA1, 0x1DAAF, M), (0x1DF00, 0x1DF1E, L),
    (0x1DF25, 0x1DF2A, L), (0x1E000, 0x1E006, M), (0x1E008, 0x1E018, M), (0x1E01B, 0x1E021, M),
    (0x1E023, 0x1E024, M), (0x1E026, 0x1E02A, M), (0x1E030, 0x1E06D, L), (0x1E08F, 0x1E08F, M),
    (0x1E100, 0x1E12C, L), (0x1E130, 0x1E136, M), (0x1E137, 0x1E13D, L), (0x1E140, 0x1E149, L),
    (0x1E14E, 0x1E14E, L), (0x1E290, 0x1E2AD, L), (0x1E2AE, 0x1E2AE, M), (0x1E2C0, 0x1E2EB, L),
    (0x1E2EC, 0x1E2EF, M), (0x1E2F0, 0x1E2F9, L), (0x1E4D0, 0x1E4EB, L), (0x1E4EC, 0x1E4EF, M),
    (0x1E4F0, 0x1E4F9, L), (0x1E5D0, 0x1E5ED, L), (0x1E5EE, 0x1E5EF, M), (0x1E5F0, 0x1E5FA, L),
    (0x1E7E0, 0x1E7E6, L), (0x1E7E8, 0x1E7EB, L), (0x1E7ED, 0x1E7EE, L), (0x1E7F0, 0x1E7FE, L),
    (0x1E800, 0x1E8C4, L), (0x1E8D0, 0x1E8D6, M), (0x1E900, 0x1E943, L), (0x1E944, 0x1E94A, M),
    (0x1E94B, 0x1E94B, L), (0x1E950, 0x1E959, L), (0x1EE00, 0x1EE03, L), (0x1EE05, 0x1EE1F, L),
    (0x1EE21, 0x1EE22, L), (0x1EE24, 0x1EE24, L), (0x1EE27, 0x1EE27, L), (0x1EE29, 0x1EE32, L),
    (0x1EE34, 0x1EE37, L), (0x1EE39, 0x1EE39, L), (0x1EE3B, 0x1EE3B, L), (0x1EE42, 0x1EE42, L),
    (0x1EE47, 0x1EE47, L), (0x1EE49, 0x1EE49, L), (0x1EE4B, 0x1EE4B, L), (0x1EE4D, 0x1EE4F, L),
    (0x1EE51, 0x1EE52, L), (0x1EE54, 0x1EE54, L), (0x1EE57, 0x1EE57, L), (0x1EE59, 0x1EE59, L),
    (0x1EE5B, 0x1EE5B, L), (0x1EE5D, 0x1EE5D, L), (0x1EE5F, 0x1EE5F, L), (0x1EE61, 0x1EE62, L),
    (0x1EE64, 0x1EE64, L), (0x1EE67, 0x1EE6A, L), (0x1EE6C, 0x1EE72, L), (0x1EE74, 0x1EE77, L),
    (0x1EE79, 0x1EE7C, L), (0x1EE7E, 0x1EE7E, L), (0x1EE80, 0x1EE89, L), (0x1EE8B, 0x1EE9B, L),
    (0x1EEA1, 0x1EEA3, L), (0x1EEA5, 0x1EEA9, L), (0x1EEAB, 0x1EEBB, L), (0x1FBF0, 0x1FBF9, L),
    (0x20000, 0x2A6DF, L), (0x2A700, 0x2B739, L), (0x2B740, 0x2B81D, L), (0x2B820, 0x2CEA1, L),
    (0x2CEB0, 0x2EBE0, L), (0x2EBF0, 0x2EE5D, L), (0x2F800, 0x2FA1D, L), (0x30000, 0x3134A, L),
    (0x31350, 0x323AF, L), (0xE0100, 0xE01EF, M),
    ]
};

#[cfg(test)]
mod tests {
    //! Every verdict is compared with `jsonschema`'s own: the oracle, never a hand-written
    //! boolean. Hand-picked edge cases first, then property tests over random, near-format and
    //! mutated texts.

    use std::sync::LazyLock;

    use proptest::prelude::*;
    use proptest::sample::{Index, select};
    use proptest::test_runner::Config;
    use serde_json::json;

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
                        let threshold = if k <= bias {
                            PUNYCODE_TMIN
                        } else if k >= bias + PUNYCODE_TMAX {
                            PUNYCODE_TMAX
                        } else {
                            k - bias
                        };
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
        '0', '1', '2', '5', '6', '9', 'a', 'f', 'g', 'A', 'F', 'x', 'n', 'T', 't', 'Z', 'z', ':',
        '-', '.', '+', '@', '[', ']', '"', '\\', ' ', '\t', '<', '>', '%', '_', 'é', '\u{3000}',
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

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn uuid_agrees_with_jsonschema(text in texts(UUID_PATTERNS, UUID_SEEDS)) {
            assert_agrees("uuid", &text)?;
        }

        #[test]
        fn date_time_agrees_with_jsonschema(text in texts(DATE_TIME_PATTERNS, DATE_TIME_SEEDS)) {
            assert_agrees("date-time", &text)?;
        }

        #[test]
        fn email_agrees_with_jsonschema(text in texts(EMAIL_PATTERNS, EMAIL_SEEDS)) {
            assert_agrees("email", &text)?;
        }

        #[test]
        fn ipv4_agrees_with_jsonschema(text in texts(IPV4_PATTERNS, IPV4_SEEDS)) {
            assert_agrees("ipv4", &text)?;
        }

        #[test]
        fn ipv6_agrees_with_jsonschema(text in texts(IPV6_PATTERNS, IPV6_SEEDS)) {
            assert_agrees("ipv6", &text)?;
        }
    }
}
