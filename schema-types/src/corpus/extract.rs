//! Finds the example documents printed in the upstream pages, by code.
//!
//! The examples are never re-typed: a re-typed example silently drifts from the page, and its
//! defects (which are facts about the documentation) get fixed by accident. One scanner serves
//! both pages although they look different. The Hasura page is a plain-text rendering without
//! code fences, where an example is simply a run of lines from `{` to `}` (one of them starts
//! `{  "license_jti"` on the same line as its first member); the Appsmith page wraps each example
//! in a ```` ```javascript title="..." ```` fence. What both share is the rule used here:
//!
//! - outside an example, a line whose first non-blank character is `{` opens one;
//! - the example ends at the `}` that brings the brace depth back to 0, counting only braces
//!   outside strings and comments (the rules of `lexer.rs`, which the reader uses too).
//!
//! An opening brace whose braces never balance before the end of the page opens no example;
//! none does in the pages as kept, and the tests pin every example's place.

use super::Page;
use super::lexer::{TokenKind, tokens};
use crate::payload::ExampleLocation;

/// An example document as printed in a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    /// The page that prints it.
    pub page: Page,
    /// The line of its opening `{`, counted from 1.
    pub line: usize,
    /// The line of its closing `}`, counted from 1.
    pub end_line: usize,
    /// What the page says the example is: the `title="..."` of its code fence when it is fenced,
    /// otherwise the nearest non-blank line before it ("Server telemetry data sample").
    pub caption: String,
    /// The example exactly as printed: the slice of the page from its `{` to the matching `}`.
    pub text: &'static str,
}

/// Every example of both pages: Hasura's first, each page's in page order.
pub fn examples() -> Vec<Example> {
    Page::ALL.into_iter().flat_map(page_examples).collect()
}

/// The example whose opening `{` stands on `location.line` of `location.page`, if there is one.
pub fn example_at(location: ExampleLocation) -> Option<Example> {
    page_examples(location.page)
        .into_iter()
        .find(|example| example.line == location.line)
}

/// The examples of one page, in page order.
fn page_examples(page: Page) -> Vec<Example> {
    let text = page.text();
    let lines = line_starts(text);
    let mut found = Vec::new();
    let mut index = 0;
    while let Some(&start) = lines.get(index) {
        let line = line_text(text, start);
        let opening = start + line.len() - line.trim_start().len();
        let close = if text[opening..].starts_with('{') {
            closing_brace(&text[opening..])
        } else {
            None
        };
        match close {
            Some(close) => {
                let example_text = &text[opening..=opening + close];
                let end_index = index + example_text.matches('\n').count();
                found.push(Example {
                    page,
                    line: index + 1,
                    end_line: end_index + 1,
                    caption: caption(text, &lines[..index]),
                    text: example_text,
                });
                index = end_index + 1;
            }
            None => index += 1,
        }
    }
    found
}

/// The byte offset of the `}` that balances the `{` opening `text`, if the braces balance.
fn closing_brace(text: &str) -> Option<usize> {
    let mut depth = 0_usize;
    for token in tokens(text) {
        match token.kind {
            TokenKind::Other('{') => depth += 1,
            TokenKind::Other('}') => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(token.start);
                }
            }
            _ => {}
        }
    }
    None
}

/// The caption of an example, from the lines that precede it (given by their byte offsets).
fn caption(text: &str, preceding: &[usize]) -> String {
    let nearest = preceding
        .iter()
        .rev()
        .map(|&start| line_text(text, start).trim())
        .find(|line| !line.is_empty());
    match nearest {
        Some(fence) if fence.starts_with("```") => title_attribute(fence).unwrap_or("").to_owned(),
        Some(line) => line.to_owned(),
        None => String::new(),
    }
}

/// The value of `title="..."` in a code fence's info string.
fn title_attribute(fence: &str) -> Option<&str> {
    let (_, rest) = fence.split_once("title=\"")?;
    let (title, _) = rest.split_once('"')?;
    Some(title)
}

/// The byte offset at which each line of `text` starts.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(index, _)| index + 1))
        .collect()
}

/// The line that starts at byte `start` of `text`, without its line break.
fn line_text(text: &str, start: usize) -> &str {
    let rest = &text[start..];
    rest.split_once('\n').map_or(rest, |(line, _)| line)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where the examples are, and what the page calls them; read off the pages by eye.
    const EXPECTED: [(Page, usize, usize, &str); 11] = [
        (Page::Hasura, 21, 46, "Server telemetry data sample"),
        (Page::Hasura, 55, 96, "Server telemetry data sample"),
        (Page::Hasura, 98, 125, "Data source telemetry data sample"),
        (
            Page::Hasura,
            127,
            155,
            "Hasura usage metrics telemetry data sample",
        ),
        (Page::Hasura, 163, 171, "Sample data:"),
        (Page::Hasura, 181, 194, "Sample data:"),
        (Page::Appsmith, 18, 41, "sample keep-alive ping"),
        (Page::Appsmith, 48, 82, "sample server-setup ping"),
        (Page::Appsmith, 91, 102, "sample usage-payload billing"),
        (Page::Appsmith, 111, 139, "Sample event"),
        (Page::Appsmith, 146, 183, "sample successful backend call"),
    ];

    #[test]
    fn the_pages_print_exactly_eleven_examples_at_the_known_places() {
        let found: Vec<_> = examples()
            .into_iter()
            .map(|example| {
                (
                    example.page,
                    example.line,
                    example.end_line,
                    example.caption,
                )
            })
            .collect();
        let expected: Vec<_> = EXPECTED
            .iter()
            .map(|&(page, line, end_line, caption)| (page, line, end_line, caption.to_owned()))
            .collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn each_example_is_the_verbatim_slice_of_its_lines() {
        for example in examples() {
            let lines: Vec<&str> = example.page.text().split('\n').collect();
            let printed = lines[example.line - 1..example.end_line].join("\n");
            assert_eq!(
                printed.trim_start(),
                example.text,
                "example at {} line {}",
                example.page.file_name(),
                example.line
            );
            assert!(example.text.starts_with('{'));
            assert!(example.text.ends_with('}'));
        }
    }

    #[test]
    fn the_example_opening_on_the_same_line_as_a_member_keeps_it() {
        let example = example_at(Page::Hasura.at(127)).unwrap();
        assert!(example.text.starts_with("{  \"license_jti\": "));
    }

    #[test]
    fn example_at_finds_only_opening_lines() {
        let found = example_at(Page::Appsmith.at(146)).unwrap();
        assert_eq!(found.caption, "sample successful backend call");
        for line in [0, 145, 147, 183, 10_000] {
            assert_eq!(example_at(Page::Appsmith.at(line)), None, "line {line}");
        }
    }

    #[test]
    fn braces_inside_strings_and_comments_do_not_count() {
        let text = "{\"a\": \"}\", // }\n/* } */ \"b\": {\"c\": \"\\\"}\"}} tail";
        let close = closing_brace(text).unwrap();
        assert_eq!(&text[close + 1..], " tail");
    }

    #[test]
    fn unbalanced_braces_open_no_example() {
        assert_eq!(closing_brace("{ \"a\": { }"), None);
    }

    #[test]
    fn a_fence_without_a_title_gives_an_empty_caption() {
        let text = "Intro\n```javascript\n{}";
        assert_eq!(caption(text, &line_starts(text)[..2]), "");
        assert_eq!(caption(text, &line_starts(text)[..1]), "Intro");
        assert_eq!(
            title_attribute("```javascript title=\"sample keep-alive ping\""),
            Some("sample keep-alive ping")
        );
    }
}
