//! The `date-time` format (RFC 3339), as the `jsonschema` crate checks it.
//!
//! date-time: `is_valid_datetime`, `is_valid_date`, `is_valid_time`

/// Whether `text` is a `date-time` as `jsonschema` 0.61.2 judges it: RFC 3339
/// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)`, `T` and `Z` in either case, a leap second
/// only at 23:59 UTC.
#[must_use]
pub fn is_date_time(text: &str) -> bool {
    let bytes = text.as_bytes();
    // The first `T` or `t` splits date from time, wherever it is; a date is ten digits and
    // dashes, so only a text whose eleventh byte it is can be a date-time.
    matches!(bytes.get(10), Some(b'T' | b't')) && is_date(&bytes[..10]) && is_time(&bytes[11..])
}

/// `YYYY-MM-DD` naming a day that exists.
fn is_date(bytes: &[u8]) -> bool {
    let &[y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = bytes else {
        return false;
    };
    let (Some(century), Some(year_of), Some(month), Some(day)) =
        (two(y0, y1), two(y2, y3), two(m0, m1), two(d0, d1))
    else {
        return false;
    };
    let year = century * 100 + year_of;
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
    let &[h0, h1, b':', m0, m1, b':', s0, s1, ref rest @ ..] = bytes else {
        return false;
    };
    let (Some(hour), Some(minute), Some(second)) = (two(h0, h1), two(m0, m1), two(s0, s1)) else {
        return false;
    };
    if hour > 23 || minute > 59 || second > 60 {
        return false;
    }
    let mut rest = rest;
    if let [b'.', fraction @ ..] = rest {
        let digits = fraction
            .iter()
            .take_while(|byte| byte.is_ascii_digit())
            .count();
        if digits == 0 {
            return false;
        }
        rest = &fraction[digits..];
    }
    let Some((&designator, offset)) = rest.split_first() else {
        return false;
    };
    let ahead_of_utc = match designator {
        b'Z' | b'z' => return offset.is_empty() && (second != 60 || (hour == 23 && minute == 59)),
        b'+' => true,
        b'-' => false,
        _ => return false,
    };
    let &[oh0, oh1, b':', om0, om1] = offset else {
        return false;
    };
    let (Some(offset_hour), Some(offset_minute)) = (two(oh0, oh1), two(om0, om1)) else {
        return false;
    };
    if offset_hour > 23 || offset_minute > 59 {
        return false;
    }
    second != 60
        || is_last_minute_of_utc_day(hour, minute, offset_hour, offset_minute, ahead_of_utc)
}

/// The value of two ASCII digits, or None. (`jsonschema`'s `parse_two_digits` and
/// `parse_four_digits` are SWAR parsers; an exhaustive comparison showed that they accept
/// exactly the ASCII digits.)
fn two(tens: u8, ones: u8) -> Option<u16> {
    let (tens, ones) = (tens.wrapping_sub(b'0'), ones.wrapping_sub(b'0'));
    (tens < 10 && ones < 10).then(|| u16::from(tens) * 10 + u16::from(ones))
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
