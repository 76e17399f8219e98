//! Reading and checking an input type, before any code is generated: `ctxt` collects errors,
//! `attr` reads the schemars constraint attributes, `rules`
//! the cross-member rules of a struct, `ast` builds the model from what serde and
//! schemars read. Generation (`crate::validator`, `crate::fixture`) only runs on a model that
//! produced no error, and never reports errors itself.

pub mod ast;
pub mod attr;
pub mod check;
pub mod ctxt;
pub mod rules;
pub mod symbol;

/// `ty` without the invisible groups around it: a type a `macro_rules!` macro hands on as a
/// `$ty:ty` fragment reaches a derive wrapped in a group with no delimiters, and a type is read by
/// its spelling (`Option<...>`, a map, a struct), as serde's derive reads it.
pub fn ungroup(mut ty: &syn::Type) -> &syn::Type {
    while let syn::Type::Group(group) = ty {
        ty = &group.elem;
    }
    ty
}
