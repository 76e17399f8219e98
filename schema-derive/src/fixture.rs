//! Generates fixtures: `impl Fixture` (a valid default value) for every type, and for structs
//! with named fields a builder (`T::fixture()`, one setter per field, `build()`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};

use crate::internals::ast::{Field, Input, Shape};
use crate::internals::attr::{Check, Number};
use crate::internals::rules::{RuleAttr, ThenAttr};

/// The fixture code for a model.
pub fn expand(input: &Input<'_>) -> TokenStream {
    let fixture = fixture(input);
    let random = random(input);
    quote!(#fixture #random)
}

/// The input's generics with `bound` on every field type that names a parameter.
fn bounds(input: &Input<'_>, bound: &TokenStream) -> syn::Generics {
    match &input.shape {
        Shape::Struct { fields, .. } => {
            crate::bounds::with_bounds(input, fields.iter().map(|field| (field.ty, bound.clone())))
        }
        Shape::Newtype(field) => {
            crate::bounds::with_bounds(input, [(&field.schema_ty, bound.clone())])
        }
        Shape::Enum(_) => crate::bounds::with_bounds(input, []),
        Shape::Eras(eras) => {
            crate::bounds::with_bounds(input, eras.iter().map(|era| (era.ty, bound.clone())))
        }
    }
}

fn fixture(input: &Input<'_>) -> TokenStream {
    let ident = input.ident;
    let generics = bounds(input, &quote!(::schema_runtime::fixture::Fixture));
    let (impl_generics, type_generics, where_clause) = generics.split_for_impl();
    let params: Vec<&syn::Ident> = generics.type_params().map(|param| &param.ident).collect();
    let (declared_generics, _, declared_where) = input.generics.split_for_impl();
    let builder_generics = if params.is_empty() {
        quote!()
    } else {
        quote!(<#(#params),*>)
    };
    match &input.shape {
        Shape::Struct { fields, extra, .. } => {
            let present = present_by_default(input, fields);
            let lent = lent_by_default(input, fields);
            let nested = nested_by_default(input);
            let defaults = fields.iter().map(|field| {
                let member = &field.member;
                let name = field.wire_name.as_str();
                let value = if let Some(json) = nested.condition(name) {
                    let ty = field.ty;
                    quote!(::schema_runtime::fixture::rule_value::<#ty>(#json, #name))
                } else if let Some(required) = nested.object(name) {
                    with_members_default(field.ty, &required)
                } else if present.contains(&name) {
                    present_default(field.ty)
                } else if field.flatten && !lent.is_empty() {
                    let ty = field.ty;
                    quote!(<#ty as ::schema_runtime::fixture::Fixture>::fixture_with_members(&[#(#lent),*]))
                } else {
                    field_default(field)
                };
                quote!(#member: #value)
            });
            // The same defaults, with the members named in `present` present (a struct a
            // cross-member rule's `members(...)` constrains is built so).
            let with_members = fields.iter().map(|field| {
                let member = &field.member;
                let name = field.wire_name.as_str();
                // A flattened part's members are the struct's: it is given the same names.
                if field.flatten {
                    let ty = field.ty;
                    return quote!(#member: <#ty as ::schema_runtime::fixture::Fixture>::fixture_with_members(present));
                }
                let listed = present_default(field.ty);
                if present.contains(&name) {
                    return quote!(#member: #listed);
                }
                let value = field_default(field);
                // A member that is neither optional nor nullable is present anyway.
                if optional_layers(field.ty).is_empty() {
                    return quote!(#member: #value);
                }
                quote!(#member: if present.contains(&#name) { #listed } else { #value })
            });
            let with_members_extra = extra.iter().map(|extra| {
                let member = &extra.member;
                quote!(#member: ::core::default::Default::default())
            });
            let extra_default = extra.iter().map(|extra| {
                let member = &extra.member;
                quote!(#member: ::core::default::Default::default())
            });
            let builder = format_ident!("{}Builder", ident);
            let setters = fields
                .iter()
                .map(|field| setter(ident, &field.member, field.ty));
            let extra_setter = extra
                .iter()
                .map(|extra| setter(ident, &extra.member, extra.ty));
            let builder_doc = format!(
                "Builds a valid [`{ident}`]: starts from the fixture defaults; every setter \
                 replaces one member. Made by [`{ident}::fixture`]."
            );
            let fixture_doc = format!(
                "A builder ([`{builder}`]) whose defaults form a valid document (the same on \
                 every call): one setter per member, then `build()`."
            );
            quote! {
                #[automatically_derived]
                impl #impl_generics ::schema_runtime::fixture::Fixture for #ident #type_generics #where_clause {
                    fn fixture_default() -> Self {
                        Self { #(#defaults,)* #(#extra_default,)* }
                    }

                    fn fixture_with_members(present: &[&str]) -> Self {
                        let _ = present;
                        Self { #(#with_members,)* #(#with_members_extra,)* }
                    }
                }

                #[doc = #builder_doc]
                #[must_use]
                pub struct #builder #declared_generics #declared_where {
                    value: #ident #type_generics,
                }

                impl #impl_generics #ident #type_generics #where_clause {
                    #[doc = #fixture_doc]
                    pub fn fixture() -> #builder #builder_generics {
                        #builder { value: <Self as ::schema_runtime::fixture::Fixture>::fixture_default() }
                    }
                }

                impl #impl_generics #builder #builder_generics #where_clause {
                    #(#setters)*
                    #(#extra_setter)*

                    /// The value built.
                    #[must_use]
                    pub fn build(self) -> #ident #type_generics {
                        self.value
                    }
                }

                impl #impl_generics ::core::convert::From<#builder #builder_generics> for #ident #type_generics #where_clause {
                    fn from(builder: #builder #builder_generics) -> Self {
                        builder.value
                    }
                }
            }
        }
        Shape::Newtype(field) => {
            let value = match &input.example {
                Some(example) => {
                    let example = strip_reference(example);
                    quote!(::schema_runtime::fixture::FromExample::from_example(#example))
                }
                None => quote!(<_ as ::schema_runtime::fixture::Fixture>::fixture_default()),
            };
            let member = &field.member;
            quote! {
                #[automatically_derived]
                impl #impl_generics ::schema_runtime::fixture::Fixture for #ident #type_generics #where_clause {
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
                impl #impl_generics ::schema_runtime::fixture::Fixture for #ident #type_generics #where_clause {
                    fn fixture_default() -> Self {
                        Self::#first
                    }
                }
            }
        }
        Shape::Eras(eras) => {
            // The documented era's default, else the newest era's.
            let era = eras
                .iter()
                .find(|era| era.documented)
                .or(eras.last())
                .expect("the model of an enum of eras has at least one era");
            let (variant, ty) = (&era.ident, era.ty);
            quote! {
                #[automatically_derived]
                impl #impl_generics ::schema_runtime::fixture::Fixture for #ident #type_generics #where_clause {
                    fn fixture_default() -> Self {
                        Self::#variant(<#ty as ::schema_runtime::fixture::Fixture>::fixture_default())
                    }
                }
            }
        }
    }
}

/// `impl Random` (random valid values), kept only when `schema-types` has its `proptest`
/// feature on (see `schema_runtime::__random_impl`).
fn random(input: &Input<'_>) -> TokenStream {
    let ident = input.ident;
    let random = quote!(::schema_runtime::fixture::random);
    let mut generics = bounds(input, &quote!(#random::Random));
    let split = generics.clone();
    let (impl_generics, type_generics, where_clause) = split.split_for_impl();
    let body = match &input.shape {
        Shape::Struct { fields, extra, .. } => {
            let values = fields.iter().map(|field| {
                let member = &field.member;
                let ty = field.ty;
                let length =
                    merge_bounds(&field.checks)
                        .into_iter()
                        .find_map(|check| match check {
                            Check::Length { min, max } => Some((min, max)),
                            _ => None,
                        });
                match length {
                    Some((min, max)) => {
                        let (min, max) = (option_u64(min), option_u64(max));
                        quote!(#member: #random::random_items(rng, #min, #max))
                    }
                    None => quote!(#member: <#ty as #random::Random>::random(rng)),
                }
            });
            // Other members of an open object stay empty: random names could collide with the
            // named members once flattened.
            let extras = extra.iter().map(|extra| {
                let member = &extra.member;
                quote!(#member: ::core::default::Default::default())
            });
            if input.rules.is_empty() {
                quote!(Self { #(#values,)* #(#extras,)* })
            } else {
                // Drawn member by member, then again until the rules hold: every combination
                // the rules allow comes up, and none they forbid.
                quote!(#random::draw_under_rules(rng, |rng| Self { #(#values,)* #(#extras,)* }))
            }
        }
        Shape::Newtype(field) => {
            let member = &field.member;
            let ty = &field.schema_ty;
            let constraints: Vec<TokenStream> =
                merge_bounds(input.checks.iter().chain(&field.checks))
                    .iter()
                    .map(constraint)
                    .collect();
            if constraints.is_empty() {
                quote!(Self { #member: <#ty as #random::Random>::random(rng) })
            } else {
                quote! {
                    Self {
                        #member: <#ty as #random::RandomConstrained>::random_constrained(
                            rng, &[#(#constraints),*],
                        ),
                    }
                }
            }
        }
        Shape::Enum(variants) => {
            let count = variants.len();
            let arms = variants.iter().enumerate().map(|(index, variant)| {
                let variant = &variant.ident;
                quote!(#index => Self::#variant,)
            });
            let last = &variants[count - 1].ident;
            quote! {
                match #random::pick(rng, #count) {
                    #(#arms)*
                    _ => Self::#last,
                }
            }
        }
        Shape::Eras(eras) => {
            let count = eras.len();
            let arms = eras.iter().enumerate().map(|(index, era)| {
                let (variant, ty) = (&era.ident, era.ty);
                quote!(#index => Self::#variant(<#ty as #random::Random>::random(rng)),)
            });
            let (last, last_ty) = (&eras[count - 1].ident, eras[count - 1].ty);
            quote! {
                match #random::pick(rng, #count) {
                    #(#arms)*
                    _ => Self::#last(<#last_ty as #random::Random>::random(rng)),
                }
            }
        }
    };
    let where_clause = if input.rules.is_empty() {
        quote!(#where_clause)
    } else {
        let mut clause = generics.make_where_clause().clone();
        clause.predicates.push(syn::parse_quote!(
            Self: ::schema_runtime::__private::serde::Serialize
                + ::schema_runtime::validate::rules::Rules
        ));
        quote!(#clause)
    };
    quote! {
        ::schema_runtime::__random_impl! {
            #[automatically_derived]
            impl #impl_generics #random::Random for #ident #type_generics #where_clause {
                fn random(rng: &mut #random::TestRng) -> Self {
                    #body
                }
            }
        }
    }
}

/// The checks with every range intersected into the first range and every length into the
/// first length: the runtime draws under one of each, and `extend("minimum" = .., "maximum" =
/// ..)` declares two ranges (one per keyword), as the validator checks them.
fn merge_bounds<'a>(checks: impl IntoIterator<Item = &'a Check>) -> Vec<Check> {
    let mut merged: Vec<Check> = Vec::new();
    for check in checks {
        let kept = merged.iter_mut().find(|kept| {
            matches!(
                (&**kept, check),
                (Check::Range { .. }, Check::Range { .. })
                    | (Check::Length { .. }, Check::Length { .. })
            )
        });
        match (kept, check) {
            (
                Some(Check::Range { min, max }),
                Check::Range {
                    min: at_least,
                    max: at_most,
                },
            ) => {
                *min = tighter(*min, *at_least, true);
                *max = tighter(*max, *at_most, false);
            }
            (
                Some(Check::Length { min, max }),
                Check::Length {
                    min: at_least,
                    max: at_most,
                },
            ) => {
                *min = (*min).max(*at_least);
                *max = match (*max, *at_most) {
                    (Some(kept), Some(other)) => Some(kept.min(other)),
                    (kept, other) => kept.or(other),
                };
            }
            _ => merged.push(check.clone()),
        }
    }
    merged
}

/// Of two bounds, the larger (`larger`) or the smaller; a missing bound gives way.
fn tighter(kept: Option<Number>, other: Option<Number>, larger: bool) -> Option<Number> {
    match (kept, other) {
        (Some(kept), Some(other)) if (as_f64(other) > as_f64(kept)) == larger => Some(other),
        (Some(kept), _) => Some(kept),
        (None, other) => other,
    }
}

/// A bound as the runtime draws under it.
fn as_f64(number: Number) -> f64 {
    match number {
        #[allow(clippy::cast_precision_loss)] // a bound to draw under, not to check
        Number::Integer(value) => value as f64,
        Number::Float(value) => value,
    }
}

/// A constraint as the data `schema_runtime::fixture::random` draws values from.
fn constraint(check: &Check) -> TokenStream {
    let random = quote!(::schema_runtime::fixture::random);
    match check {
        Check::Format(name) => quote!(#random::Constraint::Format(#name)),
        Check::Pattern(pattern) => quote!(#random::Constraint::Pattern(#pattern)),
        Check::Length { min, max } => {
            let (min, max) = (option_u64(*min), option_u64(*max));
            quote!(#random::Constraint::Length(#min, #max))
        }
        Check::Range { min, max } => {
            let bound = |bound: &Option<Number>| match bound {
                Some(number) => {
                    let value = as_f64(*number);
                    quote!(::core::option::Option::Some(#value))
                }
                None => quote!(::core::option::Option::None),
            };
            let (min, max) = (bound(min), bound(max));
            quote!(#random::Constraint::Range(#min, #max))
        }
        Check::AnyOf(branches) => {
            let branches = branches.iter().map(|branch| {
                let constraints = branch.iter().map(constraint);
                quote!(&[#(#constraints),*])
            });
            quote!(#random::Constraint::AnyOf(&[#(#branches),*]))
        }
    }
}

fn option_u64(value: Option<u64>) -> TokenStream {
    match value {
        Some(value) => quote!(::core::option::Option::Some(#value)),
        None => quote!(::core::option::Option::None),
    }
}

/// The stub emitted when the input has errors.
pub fn fallback(input: &syn::DeriveInput) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, type_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        impl #impl_generics ::schema_runtime::fixture::Fixture for #ident #type_generics #where_clause {
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
                (0..#min).map(|_| ::schema_runtime::fixture::Fixture::fixture_default()).collect()
            }
        }
        None => quote_spanned! {field.span=>
            <#ty as ::schema_runtime::fixture::Fixture>::fixture_default()
        },
    }
}

/// The members whose default is a present, non-null value so that the defaults meet the
/// `at_least_one` rules: for each rule none of whose own members is required anyway, the first
/// own member it names (whose default would otherwise be absent or `null`).
fn present_by_default<'f>(input: &Input<'_>, fields: &'f [Field<'_>]) -> Vec<&'f str> {
    let mut present = Vec::new();
    for rule in &input.rules {
        let RuleAttr::AtLeastOne(members) = rule else {
            continue;
        };
        let own: Vec<&Field<'_>> = members
            .iter()
            .filter_map(|member| {
                fields
                    .iter()
                    .find(|field| !field.flatten && field.wire_name == member.name)
            })
            .collect();
        let met = own
            .iter()
            .any(|field| field.required && optional_layers(field.ty).is_empty());
        if let (false, Some(first)) = (met, own.first()) {
            present.push(first.wire_name.as_str());
        }
    }
    present
}

/// The members the default of a struct asks its flattened parts for
/// (the runtime's `Fixture::fixture_with_members`), so that it meets the
/// `at_least_one` rules whose members the parts lend: for each rule that names none of the
/// struct's own members, the first member it names.
fn lent_by_default<'i>(input: &'i Input<'_>, fields: &[Field<'_>]) -> Vec<&'i str> {
    let mut lent = Vec::new();
    if !fields.iter().any(|field| field.flatten) {
        return lent;
    }
    for rule in &input.rules {
        let RuleAttr::AtLeastOne(members) = rule else {
            continue;
        };
        let own = members.iter().any(|member| {
            fields
                .iter()
                .any(|field| !field.flatten && field.wire_name == member.name)
        });
        if let (false, Some(first)) = (own, members.first()) {
            lent.push(first.name.as_str());
        }
    }
    lent
}

/// What the default of a struct with a `members(...)` rule sets so that the rule holds: the
/// first such rule's condition member holds the rule's value, and the object it constrains has
/// the rule's required members (its other members at their defaults, so absent or `null`).
#[derive(Default)]
struct NestedDefault<'i> {
    /// The condition member and its value as JSON text.
    condition: Option<(&'i str, String)>,
    /// The constrained member and the members it is given.
    object: Option<(&'i str, Vec<&'i str>)>,
}

impl NestedDefault<'_> {
    fn condition(&self, name: &str) -> Option<&str> {
        self.condition
            .as_ref()
            .filter(|(member, _)| *member == name)
            .map(|(_, json)| json.as_str())
    }

    fn object(&self, name: &str) -> Option<Vec<&str>> {
        self.object
            .as_ref()
            .filter(|(member, _)| *member == name)
            .map(|(_, required)| required.clone())
    }
}

fn nested_by_default<'i>(input: &'i Input<'_>) -> NestedDefault<'i> {
    input
        .rules
        .iter()
        .find_map(|rule| match rule {
            RuleAttr::IfThen {
                member,
                value,
                then_member,
                then: ThenAttr::Members { required, .. },
            } => Some(NestedDefault {
                condition: Some((member.name.as_str(), value.json())),
                object: Some((
                    then_member.name.as_str(),
                    required.iter().map(|name| name.name.as_str()).collect(),
                )),
            }),
            _ => None,
        })
        .unwrap_or_default()
}

/// A present, non-null default for a member of type `ty` whose object has the members
/// `required`: `Fixture::fixture_with_members` of the inner type in every `Option` and
/// `Nullable` layer.
fn with_members_default(ty: &syn::Type, required: &[&str]) -> TokenStream {
    in_optional_layers(
        ty,
        quote!(::schema_runtime::fixture::Fixture::fixture_with_members(&[#(#required),*])),
    )
}

/// `value`, a value of the type inside `ty`'s `Option` and `Nullable` layers, wrapped in each of
/// them as present and non-null.
fn in_optional_layers(ty: &syn::Type, mut value: TokenStream) -> TokenStream {
    for layer in optional_layers(ty).into_iter().rev() {
        value = if layer == "Option" {
            quote!(::core::option::Option::Some(#value))
        } else {
            quote!(::schema_runtime::Nullable::value(#value))
        };
    }
    value
}

/// The `Option` and `Nullable` layers around a type, outermost first, read from its spelling.
fn optional_layers(ty: &syn::Type) -> Vec<&'static str> {
    let mut layers = Vec::new();
    let mut ty = crate::internals::ungroup(ty);
    while let syn::Type::Path(path) = ty {
        let Some(last) = path.path.segments.last() else {
            break;
        };
        let layer = if last.ident == "Option" {
            "Option"
        } else if last.ident == "Nullable" {
            "Nullable"
        } else {
            break;
        };
        let syn::PathArguments::AngleBracketed(arguments) = &last.arguments else {
            break;
        };
        let Some(syn::GenericArgument::Type(inner)) = arguments.args.first() else {
            break;
        };
        layers.push(layer);
        ty = crate::internals::ungroup(inner);
    }
    layers
}

/// A present, non-null default for a member of type `ty`: the inner type's default in every
/// `Option` and `Nullable` layer.
fn present_default(ty: &syn::Type) -> TokenStream {
    in_optional_layers(
        ty,
        quote!(::schema_runtime::fixture::Fixture::fixture_default()),
    )
}

fn setter(ident: &syn::Ident, member: &syn::Member, ty: &syn::Type) -> TokenStream {
    let syn::Member::Named(name) = member else {
        unreachable!("builders are generated for named fields only")
    };
    let doc = format!("Sets [`{name}`]({ident}::{name}).");
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
