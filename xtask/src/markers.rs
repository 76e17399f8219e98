//! A generated section inside a hand-written document: the text between a start and an end
//! marker line, rewritten by the tool that owns it and left alone everywhere else. README.md's
//! payload table (`cargo xtask gen`) and BENCHMARKS.md's figures (the benchmark's `report`) are
//! kept this way, through [`Markers::replace`].

/// The two marker lines around a generated section.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Markers {
    /// The line that opens the section (an HTML comment naming the tool that writes it).
    pub start: &'static str,
    /// The line that closes it.
    pub end: &'static str,
}

impl Markers {
    /// `document` with the text between the markers replaced by `section`; the marker lines
    /// stay, `section` goes on the lines between them.
    ///
    /// ```
    /// use xtask::markers::Markers;
    ///
    /// let markers = Markers { start: "<!-- a -->", end: "<!-- b -->" };
    /// let document = "intro\n<!-- a -->\nold\n<!-- b -->\nrest\n";
    /// assert_eq!(
    ///     markers.replace(document, "new\n").unwrap(),
    ///     "intro\n<!-- a -->\nnew\n<!-- b -->\nrest\n"
    /// );
    /// ```
    ///
    /// # Errors
    ///
    /// A sentence naming the marker that is missing (or the end marker that does not follow the
    /// start).
    pub fn replace(&self, document: &str, section: &str) -> Result<String, String> {
        let start = document
            .find(self.start)
            .map(|at| at + self.start.len())
            .ok_or_else(|| format!("no line `{}`", self.start))?;
        let end = document[start..]
            .find(self.end)
            .map(|at| start + at)
            .ok_or_else(|| format!("no line `{}` after `{}`", self.end, self.start))?;
        Ok(format!(
            "{}\n{section}{}",
            &document[..start],
            &document[end..]
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MARKERS: Markers = Markers {
        start: "<!-- start -->",
        end: "<!-- end -->",
    };

    #[test]
    fn only_the_section_changes() {
        let document = "# Title\n\nprose\n\n<!-- start -->\nold\nlines\n<!-- end -->\n\nmore\n";
        assert_eq!(
            MARKERS.replace(document, "new\n").unwrap(),
            "# Title\n\nprose\n\n<!-- start -->\nnew\n<!-- end -->\n\nmore\n"
        );
    }

    #[test]
    fn missing_or_misplaced_markers_are_named() {
        assert_eq!(
            MARKERS.replace("no markers", "x").unwrap_err(),
            "no line `<!-- start -->`"
        );
        assert_eq!(
            MARKERS
                .replace("<!-- end -->\n<!-- start -->\n", "x")
                .unwrap_err(),
            "no line `<!-- end -->` after `<!-- start -->`"
        );
    }
}
