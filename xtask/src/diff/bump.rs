//! SchemaVer bumps (VERSIONING.md): their order, the bump between two versions and the version
//! one bump after another. The diff says which bump a change requires; the lock and `cargo xtask
//! diff` compare it with the bump two versions declare.

use schema_types::SchemaVersion;

/// A SchemaVer bump, from none to MODEL.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    /// The schemas are the same apart from their `$id`.
    None,
    /// `MODEL-REVISION-(ADDITION+1)`: every old document stays valid.
    Addition,
    /// `MODEL-(REVISION+1)-0`: some old documents may be refused.
    Revision,
    /// `(MODEL+1)-0-0`: some old documents are refused.
    Model,
}

impl Bump {
    /// `none`, `ADDITION`, `REVISION` or `MODEL`.
    pub fn name(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Addition => "ADDITION",
            Self::Revision => "REVISION",
            Self::Model => "MODEL",
        }
    }

    /// `an ADDITION`, `a REVISION`, `a MODEL` (or `no bump`), for sentences.
    pub fn with_article(self) -> &'static str {
        match self {
            Self::None => "no bump",
            Self::Addition => "an ADDITION",
            Self::Revision => "a REVISION",
            Self::Model => "a MODEL",
        }
    }

    /// The bump from `old` to `new`, or `None` when `new` is not a later version.
    pub fn between(old: SchemaVersion, new: SchemaVersion) -> Option<Self> {
        if new <= old {
            None
        } else if new.model > old.model {
            Some(Self::Model)
        } else if new.revision > old.revision {
            Some(Self::Revision)
        } else {
            Some(Self::Addition)
        }
    }

    /// The version after `version` with this bump (the same version for [`Bump::None`]).
    pub fn apply(self, version: SchemaVersion) -> SchemaVersion {
        let SchemaVersion {
            model,
            revision,
            addition,
        } = version;
        match self {
            Self::None => version,
            Self::Addition => SchemaVersion::new(model, revision, addition + 1),
            Self::Revision => SchemaVersion::new(model, revision + 1, 0),
            Self::Model => SchemaVersion::new(model + 1, 0, 0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_bumped() {
        let v = |text: &str| text.parse::<SchemaVersion>().expect("a version");
        assert_eq!(Bump::between(v("1-2-3"), v("2-0-0")), Some(Bump::Model));
        assert_eq!(Bump::between(v("1-2-3"), v("1-3-0")), Some(Bump::Revision));
        assert_eq!(Bump::between(v("1-2-3"), v("1-2-4")), Some(Bump::Addition));
        assert_eq!(Bump::between(v("1-2-3"), v("1-2-3")), None);
        assert_eq!(Bump::between(v("1-2-3"), v("1-1-9")), None);
        assert_eq!(Bump::Model.apply(v("1-2-3")), v("2-0-0"));
        assert_eq!(Bump::Revision.apply(v("1-2-3")), v("1-3-0"));
        assert_eq!(Bump::Addition.apply(v("1-2-3")), v("1-2-4"));
    }
}
