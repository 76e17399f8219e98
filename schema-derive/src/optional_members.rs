//! `#[optional_members]`: every `Option<T>` member of a struct may be absent and is never `null`.
//!
//! A member that a document may leave out is an `Option<T>` in Rust, but three derives must be
//! told what that means, and each is told differently: serde reads an absent member as `None`
//! and must write `None` back as absent (`skip_serializing_if`), schemars must describe `T`
//! alone (`with = "T"`: by default it adds `null`, which the emitters never send) and, once told
//! so, must still leave the member out of `required` (`default`); the validator and the fixture
//! read the same attributes. Written on each member, that is three facts to keep together per
//! member; this attribute writes them from the member's type, so a struct states the rule once.
//!
//! A member that states any of it itself (its own `default`, `with`, `skip_serializing_if`,
//! `deserialize_with` or `serialize_with`: an `Option<Nullable<T>>` that tells absent from
//! `null`, say) is left as written. The attribute goes above `#[derive(...)]`, so that the
//! derives see the members it completed.

use proc_macro2::{TokenStream, TokenTree};
use quote::{ToTokens, quote};
use syn::spanned::Spanned;

/// The serde and schemars keys with which a member states its own reading of `None`.
const STATED: &[&str] = &[
    "default",
    "with",
    "skip_serializing_if",
    "deserialize_with",
    "serialize_with",
];

/// Expands `#[optional_members]` (with `args` between its parentheses) on `item`.
pub(crate) fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    if let Some(first) = args.into_iter().next() {
        return syn::Error::new(first.span(), "`#[optional_members]` takes no arguments")
            .into_compile_error();
    }
    let mut input: syn::DeriveInput = match syn::parse2(item.clone()) {
        Ok(input) => input,
        Err(_) => return refused(first_span(&item), item),
    };
    let fields = match &mut input.data {
        syn::Data::Struct(syn::DataStruct {
            fields: syn::Fields::Named(fields),
            ..
        }) => fields,
        syn::Data::Struct(data) => return refused(data.fields.span(), input.into_token_stream()),
        syn::Data::Enum(data) => return refused(data.enum_token.span, input.into_token_stream()),
        syn::Data::Union(data) => return refused(data.union_token.span, input.into_token_stream()),
    };
    for field in &mut fields.named {
        let Some(inner) = option_inner(&field.ty) else {
            continue;
        };
        if field.attrs.iter().any(states_none_itself) {
            continue;
        }
        let with = inner.to_token_stream().to_string();
        field.attrs.push(syn::parse_quote!(
            #[serde(default, skip_serializing_if = "Option::is_none")]
        ));
        field
            .attrs
            .push(syn::parse_quote!(#[schemars(with = #with)]));
    }
    quote!(#input)
}

/// The error for an item the attribute cannot complete, pointed at `span`, with the item as it
/// was (so that its other errors, and its uses, are not lost).
fn refused(span: proc_macro2::Span, item: TokenStream) -> TokenStream {
    let mut output = syn::Error::new(
        span,
        "`#[optional_members]` goes on a struct with named members",
    )
    .into_compile_error();
    output.extend(item);
    output
}

/// `T` of a member typed `Option<T>` (`std::option::Option<T>` too).
fn option_inner(ty: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::Path(path) = crate::internals::ungroup(ty) else {
        return None;
    };
    if path.qself.is_some() {
        return None;
    }
    let last = path.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(arguments) = &last.arguments else {
        return None;
    };
    match arguments.args.iter().collect::<Vec<_>>().as_slice() {
        [syn::GenericArgument::Type(inner)] => Some(inner),
        _ => None,
    }
}

/// Whether `attr` is a `serde` or `schemars` attribute that names one of [`STATED`] at its top
/// level (`extend(...)` and other nested lists are not looked into).
fn states_none_itself(attr: &syn::Attribute) -> bool {
    if !(attr.path().is_ident("serde") || attr.path().is_ident("schemars")) {
        return false;
    }
    let syn::Meta::List(list) = &attr.meta else {
        return false;
    };
    list.tokens.clone().into_iter().any(
        |token| matches!(&token, TokenTree::Ident(ident) if STATED.iter().any(|key| ident == key)),
    )
}

/// Where to point an error about an item that is not a struct: its first token.
fn first_span(item: &TokenStream) -> proc_macro2::Span {
    item.clone()
        .into_iter()
        .next()
        .map_or_else(proc_macro2::Span::call_site, |token| token.span())
}
