//! Generates fixtures: `impl Fixture` (a valid default value) for every type, and for structs
//! with named fields a builder (`T::fixture()`, one setter per field, `build()`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};

use crate::internals::ast::{Field, Input, Shape};
use crate::internals::attr::Check;

/// The fixture code for a model.
pub fn expand(input: &Input<'_>) -> TokenStream {
    let ident = input.ident;
    match &input.shape {
        Shape::Struct { fields, extra, .. } => {
            let defaults = fields.iter().map(|field| {
                let member = &field.member;
                let value = field_default(field);
                quote!(#member: #value)
            });
            let extra_default = extra.iter().map(|extra| {
                let member = &extra.member;
                quote!(#member: ::core::default::Default::default())
            });
            let builder = format_ident!("{}Builder", ident);
            let setters = fields.iter().map(|field| setter(&field.member, field.ty));
            let extra_setter = extra.iter().map(|extra| setter(&extra.member, extra.ty));
            let builder_doc = format!(
                "Builds a valid [`{ident}`]: starts from the fixture defaults; every setter \
                 replaces one member."
            );
            quote! {
                #[automatically_derived]
                impl ::schema_types::fixture::Fixture for #ident {
                    fn fixture_default() -> Self {
                        Self { #(#defaults,)* #(#extra_default,)* }
                    }
                }

                #[doc = #builder_doc]
                #[derive(Clone, Debug)]
                #[must_use]
                pub struct #builder {
                    value: #ident,
                }

                impl #ident {
                    /// A builder whose defaults form a valid document (the same on every call).
                    pub fn fixture() -> #builder {
                        #builder { value: <Self as ::schema_types::fixture::Fixture>::fixture_default() }
                    }
                }

                impl #builder {
                    #(#setters)*
                    #(#extra_setter)*

                    /// The value built.
                    #[must_use]
                    pub fn build(self) -> #ident {
                        self.value
                    }
                }

                impl ::core::convert::From<#builder> for #ident {
                    fn from(builder: #builder) -> Self {
                        builder.value
                    }
                }
            }
        }
        Shape::Newtype(field) => {
            let value = match &input.example {
                Some(example) => {
                    let example = strip_reference(example);
                    quote!(::schema_types::fixture::FromExample::from_example(#example))
                }
                None => quote!(<_ as ::schema_types::fixture::Fixture>::fixture_default()),
            };
            let member = &field.member;
            quote! {
                #[automatically_derived]
                impl ::schema_types::fixture::Fixture for #ident {
                    fn fixture_default() -> Self {
                        Self { #member: #value }
                    }
                }
            }
        }
        Shape::Enum(variants) => {
            let first = &variants[0].ident;
            quote! {
                #[automatically_derived]
                impl ::schema_types::fixture::Fixture for #ident {
                    fn fixture_default() -> Self {
                        Self::#first
                    }
                }
            }
        }
    }
}

/// The stub emitted when the input has errors.
pub fn fallback(ident: &syn::Ident) -> TokenStream {
    quote! {
        impl ::schema_types::fixture::Fixture for #ident {
            fn fixture_default() -> Self {
                ::core::unimplemented!()
            }
        }
    }
}

/// A field's default: its type's, with as many default items as a minimum length asks for.
fn field_default(field: &Field<'_>) -> TokenStream {
    let ty = field.ty;
    let min_items = field.checks.iter().find_map(|check| match check {
        Check::Length { min: Some(min), .. } if *min > 0 => Some(*min),
        _ => None,
    });
    match min_items {
        Some(min) => {
            let min = usize::try_from(min).unwrap_or(usize::MAX);
            quote_spanned! {field.span=>
                (0..#min).map(|_| ::schema_types::fixture::Fixture::fixture_default()).collect()
            }
        }
        None => quote_spanned! {field.span=>
            <#ty as ::schema_types::fixture::Fixture>::fixture_default()
        },
    }
}

fn setter(member: &syn::Member, ty: &syn::Type) -> TokenStream {
    let syn::Member::Named(name) = member else {
        unreachable!("builders are generated for named fields only")
    };
    let doc = format!("Sets `{name}`.");
    quote! {
        #[doc = #doc]
        pub fn #name(mut self, value: impl ::core::convert::Into<#ty>) -> Self {
            self.value.#name = ::core::convert::Into::into(value);
            self
        }
    }
}

/// `&"IN"` (the form schemars asks for when a string literal would read as a path) is `"IN"`.
fn strip_reference(example: &syn::Expr) -> &syn::Expr {
    match example {
        syn::Expr::Reference(reference) => strip_reference(&reference.expr),
        other => other,
    }
}
