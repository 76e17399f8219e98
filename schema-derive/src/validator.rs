//! Generates `Validate` implementations: code that checks each constraint of the model directly
//! on a `serde_json::Value`, recording every violation with its JSON Pointer.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::internals::ast::{Field, Input, Shape};
use crate::internals::attr::{Check, Number};
use crate::internals::symbol::FORMATS;

/// The `impl Validate` for a model.
pub fn expand(input: &Input<'_>) -> TokenStream {
    let ident = input.ident;
    let body = match &input.shape {
        Shape::Struct {
            fields,
            closed,
            extra,
        } => struct_body(fields, *closed, extra.as_ref()),
        Shape::Newtype(field) => {
            let ty = &field.schema_ty;
            let checks = checks(input.checks.iter().chain(&field.checks), &quote!(value));
            quote! {
                <#ty as ::schema_types::validate::Validate>::validate_at(value, checker);
                #checks
            }
        }
        Shape::Enum(variants) => {
            let names: Vec<&str> = variants.iter().map(|v| v.wire_name.as_str()).collect();
            let (rule, expected) = match names.as_slice() {
                [only] => (quote!(Const), format!("the string {}", quoted(only))),
                many => {
                    let listed: Vec<String> = many.iter().map(|name| quoted(name)).collect();
                    (quote!(Enum), format!("one of {}", listed.join(", ")))
                }
            };
            quote! {
                match value.as_str() {
                    ::core::option::Option::Some(#(#names)|*) => {}
                    ::core::option::Option::Some(_) => checker.violation(
                        ::schema_types::validate::Rule::#rule, #expected, value,
                    ),
                    ::core::option::Option::None => checker.wrong_type("a string", value),
                }
            }
        }
    };
    quote! {
        #[automatically_derived]
        impl ::schema_types::validate::Validate for #ident {
            fn validate_at<'v>(
                value: &'v ::schema_types::__private::serde_json::Value,
                checker: &mut ::schema_types::validate::Checker<'v>,
            ) {
                #body
            }
        }
    }
}

/// The stub emitted when the input has errors, so that one mistake gives one message.
pub fn fallback(input: &syn::DeriveInput) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, type_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        impl #impl_generics ::schema_types::validate::Validate for #ident #type_generics #where_clause {
            fn validate_at<'v>(
                _: &'v ::schema_types::__private::serde_json::Value,
                _: &mut ::schema_types::validate::Checker<'v>,
            ) {
                ::core::unimplemented!()
            }
        }
    }
}

fn struct_body(
    fields: &[Field<'_>],
    closed: bool,
    extra: Option<&crate::internals::ast::Extra<'_>>,
) -> TokenStream {
    let members = fields.iter().map(|field| {
        let name = &field.wire_name;
        let ty = &field.schema_ty;
        let checks = checks(&field.checks, &quote!(member));
        let missing = if field.required {
            quote!(checker.missing(#name, value);)
        } else {
            quote!()
        };
        quote! {
            match members.get_key_value(#name) {
                ::core::option::Option::Some((name, member)) => {
                    checker.enter_member(name);
                    <#ty as ::schema_types::validate::Validate>::validate_at(member, checker);
                    #checks
                    checker.leave();
                }
                ::core::option::Option::None => { #missing }
            }
        }
    });
    let names: Vec<&str> = fields
        .iter()
        .map(|field| field.wire_name.as_str())
        .collect();
    let is_named = if names.is_empty() {
        quote!(false)
    } else {
        quote!(::core::matches!(name.as_str(), #(#names)|*))
    };
    let others = match (extra, closed) {
        (Some(extra), _) => {
            let value_ty = &extra.value_ty;
            quote! {
                for (name, member) in members {
                    if !#is_named {
                        checker.enter_member(name);
                        <#value_ty as ::schema_types::validate::Validate>::validate_at(member, checker);
                        checker.leave();
                    }
                }
            }
        }
        (None, true) => quote! {
            for (name, member) in members {
                if !#is_named {
                    checker.unknown(name, member);
                }
            }
        },
        (None, false) => quote!(),
    };
    quote! {
        let ::core::option::Option::Some(members) = value.as_object() else {
            checker.wrong_type("an object", value);
            return;
        };
        #(#members)*
        #others
    }
}

/// Code that applies `checks` to the value named by `target`.
fn checks<'c>(checks: impl IntoIterator<Item = &'c Check>, target: &TokenStream) -> TokenStream {
    let applied = checks.into_iter().map(|check| match check {
        Check::Format(name) => {
            let function = format_function(name);
            quote!(checker.check_format(#target, #name, ::schema_types::validate::format::#function);)
        }
        Check::Pattern(pattern) => {
            let regex = regex_static(pattern);
            quote!({ #regex checker.check_pattern(#target, &PATTERN); })
        }
        Check::Length { min, max } => {
            let (min, max) = (option_usize(*min), option_usize(*max));
            quote!(checker.check_length(#target, #min, #max);)
        }
        Check::Range { min, max } => {
            let (min, max) = (option_bound(*min), option_bound(*max));
            quote!(checker.check_range(#target, #min, #max);)
        }
        Check::AnyOf(branches) => any_of(branches, target),
    });
    quote!(#(#applied)*)
}

/// `anyOf` of string constraints: one `format` violation (or `pattern`/`length` when no branch
/// states a format) when no branch holds.
fn any_of(branches: &[Vec<Check>], target: &TokenStream) -> TokenStream {
    let mut statics = Vec::new();
    let mut conditions = Vec::new();
    let mut described = Vec::new();
    for (index, branch) in branches.iter().enumerate() {
        let mut parts = vec![quote!(true)];
        let mut words = Vec::new();
        for check in branch {
            match check {
                Check::Format(name) => {
                    let function = format_function(name);
                    parts.push(quote!(::schema_types::validate::format::#function(text)));
                    words.push(format!("of format {name}"));
                }
                Check::Pattern(pattern) => {
                    let name = format_ident!("PATTERN_{}", index);
                    let literal = pattern.as_str();
                    statics.push(quote! {
                        static #name: ::std::sync::LazyLock<::schema_types::__private::regex::Regex> =
                            ::std::sync::LazyLock::new(|| {
                                ::schema_types::__private::regex::Regex::new(#literal)
                                    .expect("the derive checked this pattern")
                            });
                    });
                    parts.push(quote!(#name.is_match(text)));
                    words.push(format!("matching {pattern}"));
                }
                Check::Length { min, max } => {
                    if let Some(min) = min {
                        parts.push(quote!(text.chars().count() as u64 >= #min));
                        words.push(format!("of at least {min} characters"));
                    }
                    if let Some(max) = max {
                        parts.push(quote!(text.chars().count() as u64 <= #max));
                        words.push(format!("of at most {max} characters"));
                    }
                }
                Check::Range { .. } | Check::AnyOf(_) => {
                    unreachable!("attr::extension_check admits only string constraints in anyOf")
                }
            }
        }
        conditions.push(quote!((#(#parts)&&*)));
        described.push(if words.is_empty() {
            "any string".to_owned()
        } else {
            format!("a string {}", words.join(" and "))
        });
    }
    let all: Vec<&Check> = branches.iter().flatten().collect();
    let rule = if all.iter().any(|c| matches!(c, Check::Format(_))) {
        quote!(Format)
    } else if all.iter().any(|c| matches!(c, Check::Pattern(_))) {
        quote!(Pattern)
    } else {
        quote!(Length)
    };
    let expected = described.join(", or ");
    quote! {
        if let ::schema_types::__private::serde_json::Value::String(text) = #target {
            #(#statics)*
            if !(#(#conditions)||*) {
                checker.violation(::schema_types::validate::Rule::#rule, #expected, #target);
            }
        }
    }
}

fn regex_static(pattern: &str) -> TokenStream {
    quote! {
        static PATTERN: ::std::sync::LazyLock<::schema_types::__private::regex::Regex> =
            ::std::sync::LazyLock::new(|| {
                ::schema_types::__private::regex::Regex::new(#pattern)
                    .expect("the derive checked this pattern")
            });
    }
}

fn format_function(name: &str) -> syn::Ident {
    let (_, function) = FORMATS
        .iter()
        .find(|(known, _)| *known == name)
        .expect("attr only admits known formats");
    format_ident!("{}", function)
}

fn option_usize(value: Option<u64>) -> TokenStream {
    match value {
        Some(value) => {
            let value = usize::try_from(value).unwrap_or(usize::MAX);
            quote!(::core::option::Option::Some(#value))
        }
        None => quote!(::core::option::Option::None),
    }
}

fn option_bound(value: Option<Number>) -> TokenStream {
    match value {
        Some(Number::Integer(value)) => {
            quote!(::core::option::Option::Some(::schema_types::validate::Bound::Integer(#value)))
        }
        Some(Number::Float(value)) => {
            quote!(::core::option::Option::Some(::schema_types::validate::Bound::Float(#value)))
        }
        None => quote!(::core::option::Option::None),
    }
}

fn quoted(name: &str) -> String {
    serde_json::Value::String(name.to_owned()).to_string()
}
