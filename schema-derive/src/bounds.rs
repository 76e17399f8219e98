//! Where-clauses for generic inputs: a generated impl asks of each field type that names a type
//! parameter what the impl needs of it (`Validate`, `Fixture`...), the way serde bounds its
//! generic impls. Field types that name no parameter need no bound: they are checked where the
//! type is defined.

use proc_macro2::{TokenStream, TokenTree};
use quote::quote;

use crate::internals::ast::Input;

/// `input`'s generics with `ty: bound` added for every `(ty, bound)` whose type names one of
/// the type parameters.
pub fn with_bounds<'t>(
    input: &Input<'_>,
    bounds: impl IntoIterator<Item = (&'t syn::Type, TokenStream)>,
) -> syn::Generics {
    let mut generics = input.generics.clone();
    let params: Vec<String> = generics
        .type_params()
        .map(|param| param.ident.to_string())
        .collect();
    if params.is_empty() {
        return generics;
    }
    let clause = generics.make_where_clause();
    for (ty, bound) in bounds {
        if names_any(quote!(#ty), &params) {
            clause.predicates.push(syn::parse_quote!(#ty: #bound));
        }
    }
    generics
}

fn names_any(tokens: TokenStream, params: &[String]) -> bool {
    tokens.into_iter().any(|tree| match tree {
        TokenTree::Ident(ident) => params.iter().any(|param| ident == param),
        TokenTree::Group(group) => names_any(group.stream(), params),
        TokenTree::Punct(_) | TokenTree::Literal(_) => false,
    })
}
