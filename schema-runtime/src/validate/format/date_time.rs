//! The `date-time` format (RFC 3339), as the `jsonschema` crate checks it.
//!
//! date-time: `is_valid_datetime`, `is_valid_date`, `is_valid_time`

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
    let Some([year, month, day]) = digit_fields(bytes, b'-', [4, 2, 2]) else {
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
    if bytes.len() < 9 {
        return false;
    }
    let Some([hour, minute, second]) = digit_fields(&bytes[..8], b':', [2, 2, 2]) else {
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
    let Some([offset_hour, offset_minute]) = digit_fields(offset, b':', [2, 2]) else {
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
    hour: u16,
    minute: u16,
    offset_hour: u16,
    offset_minute: u16,
    ahead_of_utc: bool,
) -> bool {
    let [hour, minute, offset_hour, offset_minute] =
        [hour, minute, offset_hour, offset_minute].map(i32::from);
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

/// The values of fields of ASCII digits of the given widths, separated by `separator`, that make
/// up all of `bytes` (`HH:MM` is `digit_fields(bytes, b':', [2, 2])`), or None. (`jsonschema`'s
/// `parse_two_digits` and `parse_four_digits` are SWAR parsers; an exhaustive comparison showed
/// that they accept exactly the ASCII digits.)
fn digit_fields<const N: usize>(
    bytes: &[u8],
    separator: u8,
    widths: [usize; N],
) -> Option<[u16; N]> {
    let mut values = [0; N];
    let mut rest = bytes;
    for (index, (value, width)) in values.iter_mut().zip(widths).enumerate() {
        if index > 0 {
            rest = rest.strip_prefix(&[separator])?;
        }
        let (digits, after) = rest.split_at_checked(width)?;
        *value = digits.iter().try_fold(0, |value: u16, &byte| {
            byte.is_ascii_digit()
                .then(|| value * 10 + u16::from(byte - b'0'))
        })?;
        rest = after;
    }
    rest.is_empty().then_some(values)
}
