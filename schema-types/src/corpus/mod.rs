//! The upstream documentation pages, verbatim, and the example documents they print.
//!
//! Everything the project knows about a payload it learned from one of two pages: Hasura's
//! telemetry guide and Appsmith's telemetry page. They are kept byte for byte under `upstream/`
//! (defects included; they are never edited) and compiled in with `include_str!`, so the
//! examples the schemas publish are always the examples the vendors print. The crate reaches
//! them through its `upstream` link to the workspace's folder, which `cargo package` turns into
//! the two files, so the published package carries the pages it compiles.
//!
//! This module owns three concerns, one file each:
//!
//! - [`examples`] (`extract.rs`) finds the example documents in a page by code, never by
//!   re-typing them: an example is the text from a `{` that opens a line to the `}` that balances
//!   it. One scanner serves both pages, the plain-text Hasura rendering (no code fences) and the
//!   Markdown Appsmith page (```` ```javascript ```` fences).
//! - [`read`] (`lenient.rs`) turns an example into a JSON value: it applies the
//!   [manual repairs](Repair::Insert) recorded in [`SYNTAX_ERRATA`], then the project's
//!   *lenient reading*, then strict JSON.
//! - [`SYNTAX_ERRATA`] and [`VALUE_ERRATA`] (`errata.rs`) list every defect of the printed
//!   examples: syntax that is not JSON, and values that break a rule the schemas keep strict.
//!
//! Finding and reading agree on what is a string and what is a comment because both use the
//! one tokenizer in `lexer.rs`.
//!
//! # The lenient reading
//!
//! Some examples are JavaScript-flavoured JSON. The project reads them with one explicit,
//! documented leniency, and nothing else:
//!
//! - `//` line comments and `/* */` block comments outside strings are removed (block comments
//!   do not nest, as in JavaScript: the first `*/` closes one);
//! - a trailing comma, a `,` followed only by whitespace or comments before a `}` or `]`, is
//!   removed.
//!
//! Removed characters are blanked out with spaces, byte for byte (newlines are kept), so the text
//! serde_json parses has the page's layout, and each of its bytes remembers the page line and
//! column it came from: a parse error is reported in page coordinates, columns counted in
//! characters as an editor counts them. Every removal is reported as an [`AppliedRepair`], and every removal the pages
//! need is also listed in [`SYNTAX_ERRATA`]; the tests check that the two agree exactly. A defect
//! the lenient reading must not guess at, such as a missing comma, is repaired only where an
//! erratum says so, with the exact text to insert.

mod errata;
mod extract;
mod lenient;
mod lexer;

pub use errata::{
    Repair, SYNTAX_ERRATA, StrictRule, SyntaxDefect, SyntaxErratum, VALUE_ERRATA, ValueErratum,
};
pub use extract::{Example, example_at, examples};
pub use lenient::{AppliedRepair, ReadError, ReadExample, example_document, read};

/// One of the two upstream pages that document the payloads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Page {
    /// Hasura GraphQL Engine's "Telemetry Guide/FAQ", as a plain-text rendering.
    Hasura,
    /// Appsmith's "Telemetry" page, as its Markdown source.
    Appsmith,
}

impl Page {
    /// Both pages, Hasura first; the order in which [`examples`] lists their examples.
    pub const ALL: [Page; 2] = [Page::Hasura, Page::Appsmith];

    /// The page's file name under `upstream/` (`hasura-telemetry.md`).
    pub const fn file_name(self) -> &'static str {
        match self {
            Self::Hasura => "hasura-telemetry.md",
            Self::Appsmith => "appsmith-telemetry.md",
        }
    }

    /// The page's path from the workspace root (`upstream/hasura-telemetry.md`); error messages
    /// name the page by this path.
    pub const fn repo_path(self) -> &'static str {
        match self {
            Self::Hasura => "upstream/hasura-telemetry.md",
            Self::Appsmith => "upstream/appsmith-telemetry.md",
        }
    }

    /// The page, byte for byte as kept under `upstream/`.
    pub fn text(self) -> &'static str {
        match self {
            Self::Hasura => include_str!("../../upstream/hasura-telemetry.md"),
            Self::Appsmith => include_str!("../../upstream/appsmith-telemetry.md"),
        }
    }

    /// The place of line `line` (counted from 1) of the page, as a payload names its example's.
    #[cfg(test)]
    const fn at(self, line: usize) -> crate::payload::ExampleLocation {
        crate::payload::ExampleLocation { page: self, line }
    }

    /// Line `line` (counted from 1) of the page, without its line break; `None` past the end.
    fn line(self, line: usize) -> Option<&'static str> {
        self.text().split('\n').nth(line.checked_sub(1)?)
    }
}
