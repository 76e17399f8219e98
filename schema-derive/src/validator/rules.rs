//! The cross-member rules of a struct (`#[schemars(transform = schema_runtime::rules!(...))]`) as
//! generated code: the runtime's data of each rule with its violation's text (`impl Rules`), and
//! which members the streaming path must note (a rule reads its value) or keep whole (a
//! `members(...)` rule constrains its object) until the object ends.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{bounds, pattern_static, runtime};
use crate::internals::ast::{Input, Shape};
use crate::internals::rules::{RuleAttr, RuleValue, ThenAttr};
use schema_vocabulary as words;

/// The member names the input's rules read, each once, in the order first named.
pub(super) fn noted_members<'i>(input: &'i Input<'_>) -> Vec<&'i str> {
    let mut names: Vec<&str> = Vec::new();
    for rule in &input.rules {
        for member in rule.members() {
            if !names.contains(&member.name.as_str()) {
                names.push(&member.name);
            }
        }
    }
    names
}

/// `impl Rules`: the input's rules as the runtime's data, each with its violation's text.
pub(super) fn rules_impl(input: &Input<'_>) -> TokenStream {
    if input.rules.is_empty() {
        return quote!();
    }
    let rt = runtime();
    let ident = input.ident;
    let generics = bounds(input, &quote!(#rt::Validate));
    let (impl_generics, type_generics, where_clause) = generics.split_for_impl();
    let literal = |value: &RuleValue| match value {
        RuleValue::Bool(flag, _) => quote!(#rt::rules::Literal::Bool(#flag)),
        RuleValue::String(text, _) => quote!(#rt::rules::Literal::String(#text)),
    };
    let rules = input.rules.iter().map(|rule| match rule {
        RuleAttr::AtLeastOne(members) => {
            let names: Vec<&str> = members.iter().map(|member| member.name.as_str()).collect();
            let expected = words::at_least_one(&names);
            quote!(#rt::rules::CrossRule::AtLeastOne { members: &[#(#names),*], expected: #expected })
        }
        RuleAttr::IfThen {
            member,
            value,
            then_member,
            then,
        } => {
            let (then_text, then) = match then {
                ThenAttr::Equals(pinned) => (
                    words::pinned(&pinned.json()),
                    {
                        let pinned = literal(pinned);
                        quote!(#rt::rules::Then::Equals(#pinned))
                    },
                ),
                ThenAttr::Members {
                    required, optional, ..
                } => {
                    let required: Vec<&str> = required.iter().map(|m| m.name.as_str()).collect();
                    let optional: Vec<&str> = optional.iter().map(|m| m.name.as_str()).collect();
                    let when = |then: &str| words::when(then, &member.name, &value.json());
                    let missing = required.iter().map(|name| when(&words::member(name)));
                    let absent = when(words::ABSENT);
                    let object = object_type(input, &then_member.name);
                    (
                        words::members(&required, &optional),
                        quote! {
                            #rt::rules::Then::Members {
                                required: &[#((#required, #missing)),*],
                                optional: &[#(#optional),*],
                                object: #rt::rules::ObjectType::of::<#object>(),
                                absent: #absent,
                            }
                        },
                    )
                }
                ThenAttr::Pattern(pattern, _) => {
                    let pattern_static = pattern_static(&format_ident!("PATTERN"), pattern);
                    (
                        words::pattern(pattern),
                        quote! {
                            #rt::rules::Then::Pattern {
                                pattern: #pattern,
                                matches: {
                                    fn matches(text: &str) -> bool {
                                        #pattern_static
                                        PATTERN.is_match(text)
                                    }
                                    matches
                                },
                            }
                        },
                    )
                }
            };
            let expected = words::when(&then_text, &member.name, &value.json());
            let (member, then_member) = (&member.name, &then_member.name);
            let value = literal(value);
            quote! {
                #rt::rules::CrossRule::IfThen {
                    member: #member,
                    value: #value,
                    then_member: #then_member,
                    then: #then,
                    expected: #expected,
                }
            }
        }
    });
    quote! {
        #[automatically_derived]
        impl #impl_generics #rt::rules::Rules for #ident #type_generics #where_clause {
            const RULES: &'static [#rt::rules::CrossRule] = &[#(#rules),*];
        }
    }
}

/// The type of the own member `name`, under its `Option` and `Nullable` layers: the object type
/// a `members(...)` rule constrains (the model's check made sure it is an own member).
fn object_type(input: &Input<'_>, name: &str) -> syn::Type {
    let Shape::Struct { fields, .. } = &input.shape else {
        unreachable!("rules are read on structs only")
    };
    let field = fields
        .iter()
        .find(|field| !field.flatten && field.wire_name == name)
        .expect("the model's check made sure the member is the struct's own");
    let mut ty = &field.schema_ty;
    while let Some(inner) = optional_inner(ty) {
        ty = inner;
    }
    ty.clone()
}

/// The `T` of `Option<T>` or `Nullable<T>`, read from the spelling.
fn optional_inner(ty: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::Path(path) = crate::internals::ungroup(ty) else {
        return None;
    };
    let last = path.path.segments.last()?;
    if last.ident != "Option" && last.ident != "Nullable" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(arguments) = &last.arguments else {
        return None;
    };
    match arguments.args.first()? {
        syn::GenericArgument::Type(inner) => Some(inner),
        _ => None,
    }
}

/// The own members a `members(...)` rule constrains, each once, in the order first named: the
/// streaming path reads each whole and keeps it until the object ends.
pub(crate) fn kept_members<'i>(input: &'i Input<'_>) -> Vec<&'i str> {
    let mut names: Vec<&str> = Vec::new();
    for rule in &input.rules {
        if let RuleAttr::IfThen {
            then_member,
            then: ThenAttr::Members { .. },
            ..
        } = rule
        {
            if !names.contains(&then_member.name.as_str()) {
                names.push(&then_member.name);
            }
        }
    }
    names
}
