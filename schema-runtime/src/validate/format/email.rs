//! The `email` format, as the `jsonschema` crate checks it.
//!
//! email: `is_valid_email` with no options, that is `email_address::EmailAddress::from_str` (default `Options`: no minimum of sub-domains, domain literals and display text allowed, local part at most 64 bytes), then `jsonschema`'s ASCII local part and domain checks

use std::net::{Ipv4Addr, Ipv6Addr};

use super::hostname::is_hostname;

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
