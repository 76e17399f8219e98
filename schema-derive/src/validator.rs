//! Generates `Validate` implementations: code that checks each constraint of the model
//! directly, recording every violation with its JSON Pointer, on both paths of the runtime: over
//! a parsed `serde_json::Value` (`validate_at`) and while parsing bytes (`stream_at`, with
//! `StreamMembers` for structs). Both paths apply the same checks to a `Seen` value, so each
//! constraint is generated once.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::internals::ast::{Extra, Field, Input, Shape};
use crate::internals::attr::{Check, Number};
use schema_vocabulary::{self as words, Unit};

mod lent;
mod object_members;
mod rules;

use lent::lent_members;
use object_members::object_members;
pub(crate) use rules::kept_members;
use rules::{noted_members, rules_impl};

/// The `impl Validate` (and for structs `impl StreamMembers`) for a model.
pub fn expand(input: &Input<'_>) -> TokenStream {
    let ident = input.ident;
    let rt = runtime();
    let generics = bounds(input, &quote!(#rt::Validate));
    let (impl_generics, type_generics, where_clause) = generics.split_for_impl();
    if let Shape::Eras(eras) = &input.shape {
        let eras = eras.iter().map(|era| {
            let (ty, name, documented) = (era.ty, &era.name, era.documented);
            quote!(#rt::Era::of::<#ty>(#name, #documented))
        });
        // The names each era asks a document for, gathered once per type: in a `static`, which
        // cannot depend on the type's parameters, so a generic type goes without.
        let (clues, clues_ref) = if input.generics.params.is_empty() {
            (
                quote!(static CLUES: #rt::eras::Clues = #rt::eras::Clues::new();),
                quote!(::core::option::Option::Some(&CLUES)),
            )
        } else {
            (quote!(), quote!(::core::option::Option::None))
        };
        return quote! {
            #[automatically_derived]
            impl #impl_generics #rt::Validate for #ident #type_generics #where_clause {
                const ERAS: &'static [#rt::Era] = &[#(#eras),*];

                fn validate_at<'v>(
                    value: &'v ::schema_runtime::__private::serde_json::Value,
                    checker: &mut #rt::Checker<'v>,
                ) {
                    #rt::eras::validate_at(value, checker, Self::ERAS);
                }

                fn stream_at<'de, __D: ::schema_runtime::__private::serde::Deserializer<'de>>(
                    deserializer: __D,
                    checker: &mut #rt::Checker<'de>,
                ) -> ::core::result::Result<#rt::Seen<'de>, __D::Error> {
                    #rt::eras::stream_at(deserializer, checker, Self::ERAS)
                }

                fn validate_slice_with(bytes: &[u8], limits: #rt::Limits) -> #rt::Report {
                    #clues
                    #rt::eras::validate_slice_with(bytes, limits, Self::ERAS, #clues_ref)
                }

                fn validate_slice_with_serde_json(
                    bytes: &[u8],
                    limits: #rt::Limits,
                ) -> #rt::Report {
                    #rt::eras::validate_slice_with_serde_json(bytes, limits, Self::ERAS)
                }
            }
        };
    }
    let object_members = object_members(&input.shape);
    let (value_body, stream_body, extra_impl) = match &input.shape {
        Shape::Struct {
            fields,
            closed,
            extra,
        } => {
            let mut members = stream_members(input, fields, *closed, extra.as_ref());
            // A struct with a map of its other members lends them to none: it has no list of
            // them. A struct with rules lends its members with the rules, which the struct that
            // flattens it checks on its object.
            if extra.is_none() && fields.len() <= 128 {
                members.extend(lent_members(input, fields));
            }
            members.extend(rules_impl(input));
            (
                struct_body(fields, *closed, extra.as_ref(), !input.rules.is_empty()),
                quote!(#rt::stream::object::<Self, __D>(deserializer, checker)),
                members,
            )
        }
        Shape::Newtype(field) => {
            let ty = &field.schema_ty;
            let checks = checks(input.checks.iter().chain(&field.checks), &quote!(&seen));
            (
                quote! {
                    <#ty as #rt::Validate>::validate_at(value, checker);
                    let seen = #rt::Seen::of(value);
                    #checks
                },
                quote! {
                    let seen = <#ty as #rt::Validate>::stream_at(deserializer, checker)?;
                    #checks
                    ::core::result::Result::Ok(seen)
                },
                quote!(),
            )
        }
        Shape::Eras(_) => unreachable!("generated above"),
        Shape::Enum(variants) => {
            let names: Vec<&str> = variants.iter().map(|v| v.wire_name.as_str()).collect();
            let (variants, expected) = words::variants(&names);
            let variants = match variants {
                words::Variants::Const => quote!(Const),
                words::Variants::Enum => quote!(Enum),
            };
            let check = quote! {
                match seen.as_str() {
                    ::core::option::Option::Some(#(#names)|*) => {}
                    _ => checker.not_a_variant(&seen, #rt::Variants::#variants, #expected),
                }
            };
            (
                quote! {
                    let seen = #rt::Seen::of(value);
                    #check
                },
                quote! {
                    let seen = #rt::stream::any(deserializer, checker)?;
                    #check
                    ::core::result::Result::Ok(seen)
                },
                quote!(),
            )
        }
    };
    quote! {
        #[automatically_derived]
        impl #impl_generics #rt::Validate for #ident #type_generics #where_clause {
            fn validate_at<'v>(
                value: &'v ::schema_runtime::__private::serde_json::Value,
                checker: &mut #rt::Checker<'v>,
            ) {
                #value_body
            }

            fn stream_at<'de, __D: ::schema_runtime::__private::serde::Deserializer<'de>>(
                deserializer: __D,
                checker: &mut #rt::Checker<'de>,
            ) -> ::core::result::Result<#rt::Seen<'de>, __D::Error> {
                #stream_body
            }

            #object_members
        }

        #extra_impl
    }
}

fn runtime() -> TokenStream {
    quote!(::schema_runtime::validate)
}

/// The input's generics, bounded: `bound` on every field type that names a parameter, and
/// `Members` on every flattened one.
fn bounds(input: &Input<'_>, bound: &TokenStream) -> syn::Generics {
    let rt = runtime();
    if let Shape::Eras(eras) = &input.shape {
        return crate::bounds::with_bounds(input, eras.iter().map(|era| (era.ty, bound.clone())));
    }
    let Shape::Struct { fields, extra, .. } = &input.shape else {
        return crate::bounds::with_bounds(input, []);
    };
    let fields = fields.iter().map(|field| {
        if field.flatten {
            (field.ty, quote!(#rt::Members))
        } else {
            (&field.schema_ty, bound.clone())
        }
    });
    let extra = extra.iter().map(|extra| (&extra.value_ty, bound.clone()));
    crate::bounds::with_bounds(input, fields.chain(extra))
}

/// The stub emitted when the input has errors, so that one mistake gives one message.
pub fn fallback(input: &syn::DeriveInput) -> TokenStream {
    let ident = &input.ident;
    let rt = runtime();
    let (impl_generics, type_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        impl #impl_generics #rt::Validate for #ident #type_generics #where_clause {
            fn validate_at<'v>(
                _: &'v ::schema_runtime::__private::serde_json::Value,
                _: &mut #rt::Checker<'v>,
            ) {
                ::core::unimplemented!()
            }

            fn stream_at<'de, __D: ::schema_runtime::__private::serde::Deserializer<'de>>(
                _: __D,
                _: &mut #rt::Checker<'de>,
            ) -> ::core::result::Result<#rt::Seen<'de>, __D::Error> {
                ::core::unimplemented!()
            }
        }
    }
}

/// The parsed path of a struct: every named member, then the others.
fn struct_body(
    fields: &[Field<'_>],
    closed: bool,
    extra: Option<&Extra<'_>>,
    has_rules: bool,
) -> TokenStream {
    let rt = runtime();
    let an_object = words::AN_OBJECT;
    let named = named_members(fields.iter().filter(|field| !field.flatten));
    let flattened = fields.iter().filter(|field| field.flatten).map(|field| {
        let ty = field.ty;
        quote!(<#ty as #rt::Members>::validate_members(value, members, checker);)
    });
    let is_named = is_named(fields);
    let others = match (extra, closed) {
        (Some(extra), _) => {
            let value_ty = &extra.value_ty;
            quote! {
                for (name, member) in members {
                    if !#is_named {
                        checker.enter_member(name.as_str());
                        <#value_ty as #rt::Validate>::validate_at(member, checker);
                        checker.leave();
                    }
                }
            }
        }
        (None, true) => quote! {
            for (name, member) in members {
                if !#is_named {
                    checker.unknown(name, &#rt::Seen::of(member));
                }
            }
        },
        (None, false) => quote!(),
    };
    let rules = if has_rules {
        quote!(#rt::rules::check_members(<Self as #rt::rules::Rules>::RULES, members, checker);)
    } else {
        quote!()
    };
    quote! {
        let ::core::option::Option::Some(members) = value.as_object() else {
            checker.wrong_type(#an_object, &#rt::Seen::of(value));
            return;
        };
        #named
        #(#flattened)*
        #others
        #rules
    }
}

/// The parsed path's check of the named members of `members`, the object `value`.
fn named_members<'f>(fields: impl Iterator<Item = &'f Field<'f>>) -> TokenStream {
    let rt = runtime();
    let members = fields.map(|field| {
        let name = &field.wire_name;
        let ty = &field.schema_ty;
        let checks = checks(&field.checks, &quote!(&#rt::Seen::of(member)));
        let enter = enter_member(name);
        let missing = if field.required {
            let expected = words::member(name);
            quote!(checker.missing(#name, #expected, &#rt::Seen::of(value));)
        } else {
            quote!()
        };
        quote! {
            match members.get_key_value(#name) {
                ::core::option::Option::Some((name, member)) => {
                    #enter
                    <#ty as #rt::Validate>::validate_at(member, checker);
                    #checks
                    checker.leave();
                }
                ::core::option::Option::None => { #missing }
            }
        }
    });
    quote!(#(#members)*)
}

fn is_named(fields: &[Field<'_>]) -> TokenStream {
    let rt = runtime();
    let names: Vec<&str> = fields
        .iter()
        .filter(|field| !field.flatten)
        .map(|field| field.wire_name.as_str())
        .collect();
    let mut tests = Vec::new();
    if !names.is_empty() {
        tests.push(quote!(::core::matches!(name.as_str(), #(#names)|*)));
    }
    for field in fields.iter().filter(|field| field.flatten) {
        let ty = field.ty;
        tests.push(quote!(<#ty as #rt::Members>::index_of(name.as_str()).is_some()));
    }
    if tests.is_empty() {
        quote!(false)
    } else {
        quote!((#(#tests)||*))
    }
}

/// The streaming path of a struct: members in document order, then the missing ones.
fn stream_members(
    input: &Input<'_>,
    fields: &[Field<'_>],
    closed: bool,
    extra: Option<&Extra<'_>>,
) -> TokenStream {
    let rt = runtime();
    let ident = input.ident;
    let generics = bounds(input, &quote!(#rt::Validate));
    let (impl_generics, type_generics, where_clause) = generics.split_for_impl();
    let own: Vec<&Field<'_>> = fields.iter().filter(|field| !field.flatten).collect();
    let flattened: Vec<&syn::Type> = fields
        .iter()
        .filter(|field| field.flatten)
        .map(|field| field.ty)
        .collect();
    let count = own.len();
    let names: Vec<&str> = own.iter().map(|field| field.wire_name.as_str()).collect();
    let indices: Vec<usize> = (0..count).collect();
    // The members the rules read: each one's value is kept, in its slot, until the object ends.
    let noted = noted_members(input);
    let slot_of = |name: &str| noted.iter().position(|noted| *noted == name);
    let own_slots: Vec<Option<usize>> = own.iter().map(|field| slot_of(&field.wire_name)).collect();
    let lent_slots: Vec<(usize, &str)> = noted
        .iter()
        .enumerate()
        .filter(|(_, name)| !names.contains(name))
        .map(|(slot, name)| (slot, *name))
        .collect();
    let kept = kept_members(input);
    let own_kept: Vec<Option<usize>> = own
        .iter()
        .map(|field| kept.iter().position(|kept| *kept == field.wire_name))
        .collect();
    let arms = member_arms(&own, &own_slots, &own_kept, false);
    // An undeclared member a rule names (a name no flattened part lends) still counts for the
    // rule, as it does on the parsed path and in JSON Schema (`required` sees any member).
    let note_undeclared = if lent_slots.is_empty() {
        quote!()
    } else {
        let (slots, lent_names): (Vec<usize>, Vec<&str>) = lent_slots.iter().copied().unzip();
        quote! {
            if let ::core::option::Option::Some(slot) = match &*name {
                #(#lent_names => ::core::option::Option::Some(#slots),)*
                _ => ::core::option::Option::None,
            } {
                noted[slot] = ::core::option::Option::Some(seen);
            }
        }
    };
    let other = match (extra, closed) {
        (Some(extra), _) => {
            let value_ty = &extra.value_ty;
            quote! {
                checker.enter_member(name);
                let seen = map.next_value_seed(#rt::stream::Next::<#value_ty>::new(checker));
                checker.leave();
                seen?;
            }
        }
        (None, true) => quote! {
            let seen = map.next_value_seed(#rt::stream::Look::new(checker))?;
            checker.unknown(&name, &seen);
            #note_undeclared
        },
        (None, false) => quote! {
            map.next_value::<#rt::stream::Skip>()?;
        },
    };
    let missing = missing(&own, &quote!(!present[index]));
    let lent: Vec<syn::Ident> = (0..flattened.len())
        .map(|index| format_ident!("lent_{}", index))
        .collect();
    let lend = flattened.iter().zip(&lent).map(|(ty, present)| {
        let keep = if lent_slots.is_empty() {
            quote!(<#ty as #rt::Members>::stream_member(index, name, &mut map, checker)?;)
        } else {
            let (slots, lent_names): (Vec<usize>, Vec<&str>) = lent_slots.iter().copied().unzip();
            quote! {
                let slot = match &*name {
                    #(#lent_names => ::core::option::Option::Some(#slots),)*
                    _ => ::core::option::Option::None,
                };
                let seen = <#ty as #rt::Members>::stream_member(index, name, &mut map, checker)?;
                if let ::core::option::Option::Some(slot) = slot {
                    noted[slot] = ::core::option::Option::Some(seen);
                }
            }
        };
        quote! {
            if let ::core::option::Option::Some(index) = <#ty as #rt::Members>::index_of(&name) {
                if !#present.insert(index) {
                    checker.duplicate();
                }
                #keep
                continue;
            }
        }
    });
    let (declare_kept, object) = if kept.is_empty() {
        (quote!(), quote!(|_| ::core::option::Option::None))
    } else {
        let slots = kept.len();
        (
            quote! {
                let mut kept: [::core::option::Option<::schema_runtime::__private::serde_json::Value>; #slots] =
                    ::core::array::from_fn(|_| ::core::option::Option::None);
            },
            quote! {
                |name| {
                    const KEPT: [&str; #slots] = [#(#kept),*];
                    KEPT.iter()
                        .position(|kept| *kept == name)
                        .and_then(|slot| kept[slot].as_ref())
                        .and_then(::schema_runtime::__private::serde_json::Value::as_object)
                }
            },
        )
    };
    let (declare_noted, check_rules) = if noted.is_empty() {
        (quote!(), quote!())
    } else {
        let slots = noted.len();
        (
            quote! {
                let mut noted: [::core::option::Option<#rt::Seen<'de>>; #slots] =
                    ::core::array::from_fn(|_| ::core::option::Option::None);
                #declare_kept
            },
            quote! {
                const NOTED: [&str; #slots] = [#(#noted),*];
                #rt::rules::check(
                    <Self as #rt::rules::Rules>::RULES,
                    |name| {
                        NOTED
                            .iter()
                            .position(|noted| *noted == name)
                            .and_then(|slot| noted[slot].clone())
                    },
                    #object,
                    count,
                    checker,
                );
            },
        )
    };
    let lent_missing = flattened.iter().zip(&lent).map(
        |(ty, present)| quote!(<#ty as #rt::Members>::report_missing(&#present, count, checker);),
    );
    // The rules of a flattened struct hold on this object: it is read whole and checked as
    // parsed.
    let whole = if flattened.is_empty() {
        quote!()
    } else {
        quote! {
            if #(<#flattened as #rt::Members>::HAS_RULES)||* {
                return #rt::rules::stream_whole::<Self, __A>(map, checker);
            }
        }
    };
    quote! {
        #[automatically_derived]
        impl #impl_generics #rt::stream::StreamMembers for #ident #type_generics #where_clause {
            fn stream_members<'de, __A: ::schema_runtime::__private::serde::de::MapAccess<'de>>(
                mut map: __A,
                checker: &mut #rt::Checker<'de>,
            ) -> ::core::result::Result<usize, __A::Error> {
                #whole
                let mut present = [false; #count];
                #(let mut #lent = #rt::Present::default();)*
                #declare_noted
                let mut others = #rt::Names::new();
                let mut count = 0usize;
                loop {
                    if checker.gave_up() {
                        return ::core::result::Result::Err(#rt::stream::gave_up());
                    }
                    let ::core::option::Option::Some(name) = map.next_key_seed(#rt::stream::Name)? else {
                        break;
                    };
                    count += 1;
                    let index = match &*name {
                        #(#names => #indices,)*
                        _ => usize::MAX,
                    };
                    if index == usize::MAX {
                        #(#lend)*
                        if !others.insert(name.clone()) {
                            checker.duplicate();
                        }
                    } else {
                        if present[index] {
                            checker.duplicate();
                        }
                        present[index] = true;
                    }
                    match index {
                        #(#arms)*
                        _ => { #other }
                    }
                }
                #(#missing)*
                #(#lent_missing)*
                #check_rules
                ::core::result::Result::Ok(count)
            }
        }
    }
}

/// One `match` arm per member, by index: checks the member's value from `map`, and keeps what
/// it was in `noted[slot]` when a rule reads it (`slots`, by member). A lent member's arm
/// (`lent`) returns what it was.
///
/// A member a `members(...)` rule constrains (`kept`, its slot by member) is read whole into
/// `kept[slot]`, checked as its type there, so that the rule sees its members when the object
/// ends.
fn member_arms(
    fields: &[&Field<'_>],
    slots: &[Option<usize>],
    kept: &[Option<usize>],
    lent: bool,
) -> Vec<TokenStream> {
    let rt = runtime();
    fields
        .iter()
        .enumerate()
        .map(|(index, field)| {
            let tail = match (lent, slots.get(index).copied().flatten()) {
                (true, _) => quote!(return seen;),
                (false, Some(slot)) => {
                    quote!(noted[#slot] = ::core::option::Option::Some(seen?);)
                }
                (false, None) => quote!(seen?;),
            };
            let ty = &field.schema_ty;
            let enter = enter_member(&field.wire_name);
            let checked = if field.checks.is_empty() {
                quote!()
            } else {
                let checks = checks(&field.checks, &quote!(&seen));
                quote! {
                    if let ::core::result::Result::Ok(seen) = &seen {
                        #checks
                    }
                }
            };
            let read = match kept.get(index).copied().flatten() {
                Some(slot) => quote! {
                    let seen = map
                        .next_value::<::schema_runtime::__private::serde_json::Value>()
                        .map(|value| {
                            let seen = #rt::rules::validate_kept::<#ty>(&value, checker);
                            kept[#slot] = ::core::option::Option::Some(value);
                            seen
                        });
                },
                None => quote! {
                    let seen = map.next_value_seed(#rt::stream::Next::<#ty>::new(checker));
                },
            };
            quote! {
                #index => {
                    #enter
                    #read
                    #checked
                    checker.leave();
                    #tail
                }
            }
        })
        .collect()
}

/// Descends into the declared member `wire_name`: a name the pointer writes as it is (no `~`, no
/// `/`, decided here, when the type is compiled) is pushed as the literal, so recording a
/// violation below it copies the name without scanning it.
fn enter_member(wire_name: &str) -> TokenStream {
    if wire_name.contains(['~', '/']) {
        quote!(checker.enter_declared_member(#wire_name);)
    } else {
        quote!(checker.enter_plain_member(#wire_name);)
    }
}

/// The report of each required member not seen, `absent` telling (from `index`) whether it was.
fn missing(fields: &[&Field<'_>], absent: &TokenStream) -> Vec<TokenStream> {
    let rt = runtime();
    fields
        .iter()
        .enumerate()
        .filter(|(_, field)| field.required)
        .map(|(index, field)| {
            let name = &field.wire_name;
            let expected = words::member(name);
            quote! {
                {
                    let index = #index;
                    if #absent {
                        checker.missing(#name, #expected, &#rt::Seen::Object(count));
                    }
                }
            }
        })
        .collect()
}

/// Code that applies `checks` to the `Seen` value named by `target`.
///
/// Every text a violation states is written here, once, as a string literal (the `_described`
/// methods of the runtime's `Checker` take it), in the words the runtime's own methods use, so
/// that recording a violation formats nothing but its pointer and the value found.
fn checks<'c>(checks: impl IntoIterator<Item = &'c Check>, target: &TokenStream) -> TokenStream {
    let rt = runtime();
    let applied = checks.into_iter().map(|check| match check {
        Check::Format(name) => {
            let function = format_function(name);
            let expected = words::format(name);
            quote!(checker.check_format(#target, #expected, #rt::format::#function);)
        }
        Check::Pattern(pattern) => {
            let pattern_static = pattern_static(&format_ident!("PATTERN"), pattern);
            let expected = words::pattern(pattern);
            quote!({ #pattern_static checker.check_pattern(#target, &PATTERN, #expected); })
        }
        Check::Length { min, max } => {
            let (min, max) = (min.map(to_usize), max.map(to_usize));
            let of_string = words::length(min, max, Unit::Characters);
            let of_array = words::length(min, max, Unit::Items);
            let (min, max) = (option_usize(min), option_usize(max));
            quote!(checker.check_length(#target, #min, #max, #of_string, #of_array);)
        }
        Check::Range { min, max } => {
            let expected = words::range(min.map(bound), max.map(bound));
            let (min, max) = (option_bound(*min), option_bound(*max));
            quote!(checker.check_range(#target, #min, #max, #expected);)
        }
        Check::AnyOf(branches) => any_of(branches, target),
    });
    quote!(#(#applied)*)
}

/// `anyOf` of string constraints: one `format` violation (or `pattern`/`length` when no branch
/// states a format) when no branch holds.
fn any_of(branches: &[Vec<Check>], target: &TokenStream) -> TokenStream {
    let rt = runtime();
    let mut statics = Vec::new();
    let mut conditions = Vec::new();
    let mut described = Vec::new();
    for (index, branch) in branches.iter().enumerate() {
        let mut parts = vec![quote!(true)];
        let mut constraints = Vec::new();
        for check in branch {
            match check {
                Check::Format(name) => {
                    let function = format_function(name);
                    parts.push(quote!(#rt::format::#function(text)));
                    constraints.push(words::of_format(name));
                }
                Check::Pattern(pattern) => {
                    let name = format_ident!("PATTERN_{}", index);
                    statics.push(pattern_static(&name, pattern));
                    parts.push(quote!(#name.is_match(text)));
                    constraints.push(words::matching(pattern));
                }
                Check::Length { min, max } => {
                    if let Some(min) = min {
                        parts.push(quote!(text.chars().count() as u64 >= #min));
                        constraints.push(words::at_least(*min));
                    }
                    if let Some(max) = max {
                        parts.push(quote!(text.chars().count() as u64 <= #max));
                        constraints.push(words::at_most(*max));
                    }
                }
                Check::Range { .. } | Check::AnyOf(_) => {
                    unreachable!("attr::extension_check admits only string constraints in anyOf")
                }
            }
        }
        conditions.push(quote!((#(#parts)&&*)));
        described.push(words::string_branch(&constraints));
    }
    let all: Vec<&Check> = branches.iter().flatten().collect();
    let rule = if all.iter().any(|c| matches!(c, Check::Format(_))) {
        quote!(Format)
    } else if all.iter().any(|c| matches!(c, Check::Pattern(_))) {
        quote!(Pattern)
    } else {
        quote!(Length)
    };
    let expected = words::any_of(&described);
    quote! {
        if let ::core::option::Option::Some(text) = (#target).as_str() {
            #(#statics)*
            if !(#(#conditions)||*) {
                checker.violation(#rt::Rule::#rule, #expected, #target);
            }
        }
    }
}

fn pattern_static(name: &syn::Ident, pattern: &str) -> TokenStream {
    let rt = runtime();
    quote! {
        static #name: ::std::sync::LazyLock<#rt::Pattern> =
            ::std::sync::LazyLock::new(|| #rt::Pattern::new(#pattern));
    }
}

fn format_function(name: &str) -> syn::Ident {
    // `schema_vocabulary::FORMATS` names every format the runtime checks, with a function
    // `is_NAME` (in snake case) in `validate::format`; attr admits no other name.
    format_ident!("is_{}", name.replace('-', "_"))
}

fn to_usize(value: u64) -> usize {
    usize::try_from(value).unwrap_or(usize::MAX)
}

fn option_usize(value: Option<usize>) -> TokenStream {
    match value {
        Some(value) => quote!(::core::option::Option::Some(#value)),
        None => quote!(::core::option::Option::None),
    }
}

/// A bound as the vocabulary's texts take it.
fn bound(number: Number) -> words::Bound {
    match number {
        Number::Integer(value) => words::Bound::Integer(value),
        Number::Float(value) => words::Bound::Float(value),
    }
}

fn option_bound(value: Option<Number>) -> TokenStream {
    let rt = runtime();
    match value {
        Some(Number::Integer(value)) => {
            quote!(::core::option::Option::Some(#rt::Bound::Integer(#value)))
        }
        Some(Number::Float(value)) => {
            quote!(::core::option::Option::Some(#rt::Bound::Float(#value)))
        }
        None => quote!(::core::option::Option::None),
    }
}
