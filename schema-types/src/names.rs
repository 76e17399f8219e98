//! Enums of names: a member whose value is one of a closed set of texts (an event's name, a
//! request's type, an edition, a cloud provider).
//!
//! Each such enum is declared with [`names!`], which writes what they all share once: the value
//! traits, the schema, validator and fixture derives, the `#[serde(rename)]` of every variant,
//! and `as_str()`, the text a document spells (as
//! [`KeepAliveEventName::as_str`](crate::appsmith::KeepAliveEventName::as_str)). A detection clue
//! that names an event ([`crate::api::Clue::Equals`]) takes its text from the enum, so an event's
//! name is written once.

/// Declares an enum of names, each variant with the text documents spell it as:
///
/// ```text
/// names! {
///     /// The kind of request a keep-alive ping records.
///     pub enum ReleaseNotesRequestType {
///         /// `fetch-release-notes`: the server asked for release notes.
///         FetchReleaseNotes = "fetch-release-notes",
///     }
/// }
/// ```
macro_rules! names {
    ($(
        $(#[$meta:meta])*
        pub enum $name:ident {
            $($(#[$variant_meta:meta])* $variant:ident = $text:literal,)+
        }
    )+) => {$(
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        #[derive(::schemars::JsonSchema, $crate::validate::Validate, $crate::fixture::Fixture)]
        $(#[$meta])*
        pub enum $name {
            $(
                $(#[$variant_meta])*
                #[serde(rename = $text)]
                $variant,
            )+
        }

        impl $name {
            /// The name as a document spells it.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text,)+
                }
            }
        }
    )+};
}
pub(crate) use names;
