//! The lexical rules that both finding and reading an example depend on.
//!
//! Finding an example (counting braces) and reading it (removing comments and trailing commas)
//! must agree on what is a string and what is a comment: a brace or a `//` inside a string is
//! text, a brace inside a comment is not structure. The rules are written once, here, as a
//! tokenizer over JavaScript-flavoured JSON.
//!
//! The tokenizer never fails. Malformed input gives tokens that say so (an unterminated block
//! comment) or tokens that strict JSON later refuses; judging is the reader's job.

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TokenKind {
    /// A string, quotes included. A `\` escapes the next character. A string ends at its closing
    /// quote or, unterminated, before the end of its line: neither JSON nor JavaScript lets a
    /// string span lines, and stopping there keeps a stray quote from swallowing a page.
    String,
    /// A `//` comment, up to (not including) the line break.
    LineComment,
    /// A `/* */` comment. Comments do not nest: the first `*/` closes it. `terminated` is false
    /// when the text ends first.
    BlockComment {
        /// Whether a `*/` closes the comment.
        terminated: bool,
    },
    /// A run of JSON whitespace: space, tab, line feed, carriage return.
    Whitespace,
    /// Any other single character: punctuation, or a character of a literal or number.
    Other(char),
}

/// A token and its byte range in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Token {
    /// What it is.
    pub(super) kind: TokenKind,
    /// Byte offset of its first character.
    pub(super) start: usize,
    /// Byte offset just past its last character.
    pub(super) end: usize,
}

impl TokenKind {
    /// Whether the token carries meaning for JSON: not whitespace, not a comment.
    pub(super) fn is_significant(self) -> bool {
        !matches!(
            self,
            Self::Whitespace | Self::LineComment | Self::BlockComment { .. }
        )
    }
}

/// The tokens of `text`, from its first byte to its end.
pub(super) fn tokens(text: &str) -> Tokens<'_> {
    Tokens { text, offset: 0 }
}

/// Iterator returned by [`tokens`].
pub(super) struct Tokens<'a> {
    text: &'a str,
    offset: usize,
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let start = self.offset;
        let rest = &self.text[start..];
        let first = rest.chars().next()?;
        let (kind, length) = if first == '"' {
            (TokenKind::String, string_length(rest))
        } else if rest.starts_with("//") {
            (
                TokenKind::LineComment,
                rest.find('\n').unwrap_or(rest.len()),
            )
        } else if let Some(body) = rest.strip_prefix("/*") {
            match body.find("*/") {
                Some(close) => (TokenKind::BlockComment { terminated: true }, 2 + close + 2),
                None => (TokenKind::BlockComment { terminated: false }, rest.len()),
            }
        } else if is_json_whitespace(first) {
            let length = rest
                .find(|c: char| !is_json_whitespace(c))
                .unwrap_or(rest.len());
            (TokenKind::Whitespace, length)
        } else {
            (TokenKind::Other(first), first.len_utf8())
        };
        self.offset = start + length;
        Some(Token {
            kind,
            start,
            end: self.offset,
        })
    }
}

/// The byte length of the string that opens `text` (which starts with `"`).
fn string_length(text: &str) -> usize {
    let mut characters = text.char_indices().skip(1);
    while let Some((index, character)) = characters.next() {
        match character {
            '"' => return index + 1,
            '\n' => return index,
            '\\' => {
                // The escaped character is part of the string, whatever it is, unless it is the
                // line break that ends an unterminated string.
                if let Some((index, '\n')) = characters.next() {
                    return index;
                }
            }
            _ => {}
        }
    }
    text.len()
}

fn is_json_whitespace(character: char) -> bool {
    matches!(character, ' ' | '\t' | '\n' | '\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A token as the tests compare it: its kind and its text.
    type Lexed<'t> = (TokenKind, &'t str);

    fn kinds(text: &str) -> Vec<Lexed<'_>> {
        tokens(text)
            .map(|token| (token.kind, &text[token.start..token.end]))
            .collect()
    }

    /// Texts and their tokens: what each shows, the text, and every token with its text.
    #[test]
    fn tokenizations() {
        use TokenKind::{BlockComment, LineComment, Other, Whitespace};
        let cases: [(&str, &str, &[Lexed]); 6] = [
            (
                "strings hold comment markers, braces and escaped quotes",
                r#""a // b /* c } \" d" x"#,
                &[
                    (TokenKind::String, r#""a // b /* c } \" d""#),
                    (Whitespace, " "),
                    (Other('x'), "x"),
                ],
            ),
            (
                "an escaped backslash does not escape the closing quote",
                r#""a\\"}"#,
                &[(TokenKind::String, r#""a\\""#), (Other('}'), "}")],
            ),
            (
                "an unterminated string stops before the line break",
                "\"abc\n}",
                &[
                    (TokenKind::String, "\"abc"),
                    (Whitespace, "\n"),
                    (Other('}'), "}"),
                ],
            ),
            (
                "comments hold everything up to their end and do not nest",
                "// a /* b \" }\n/* c /* d // e */ f */",
                &[
                    (LineComment, "// a /* b \" }"),
                    (Whitespace, "\n"),
                    (BlockComment { terminated: true }, "/* c /* d // e */"),
                    (Whitespace, " "),
                    (Other('f'), "f"),
                    (Whitespace, " "),
                    (Other('*'), "*"),
                    (Other('/'), "/"),
                ],
            ),
            (
                "an unterminated block comment runs to the end",
                "1 /* } ]",
                &[
                    (Other('1'), "1"),
                    (Whitespace, " "),
                    (BlockComment { terminated: false }, "/* } ]"),
                ],
            ),
            (
                "multi-byte characters are one token each",
                "Â\u{a0}",
                &[(Other('Â'), "Â"), (Other('\u{a0}'), "\u{a0}")],
            ),
        ];
        for (what, text, expected) in cases {
            assert_eq!(kinds(text), expected, "{what}");
        }
    }
}
