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

mod date_time;
mod email;
mod hostname;
#[cfg(test)]
mod tests;
mod uuid;

use std::net::{Ipv4Addr, Ipv6Addr};

pub use date_time::is_date_time;
pub use email::is_email;
pub use uuid::is_uuid;

/// The format names this module knows: every name of `schema_vocabulary::FORMATS`.
pub const KNOWN: &[&str] = schema_vocabulary::FORMATS;

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

// ipv4, ipv6: `is_valid_ipv4`, `is_valid_ipv6`, that is the standard library's parsers.

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
