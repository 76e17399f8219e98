//! The `uuid` format, as the `jsonschema` crate checks it.
//!
//! uuid: `is_valid_uuid`, that is `uuid_simd::parse_hyphenated`

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
