//! `impl Members`: what a struct lends to the struct that flattens it, and to a cross-member
//! rule's `members(...)` that constrains an object of its type.

use proc_macro2::TokenStream;
use quote::quote;

use super::{bounds, member_arms, missing, named_members, runtime};
use crate::internals::ast::{Field, Input};

/// `impl Members`: what a struct lends to a struct that flattens it (both paths, its members
/// only; the enclosing struct decides about the others): its own members, indices from 0, then
/// those of each struct it flattens, each from the sum of the counts before it.
pub(super) fn lent_members(input: &Input<'_>, fields: &[Field<'_>]) -> TokenStream {
    let rt = runtime();
    let ident = input.ident;
    let generics = bounds(input, &quote!(#rt::Validate));
    let (impl_generics, type_generics, where_clause) = generics.split_for_impl();
    let own: Vec<&Field<'_>> = fields.iter().filter(|field| !field.flatten).collect();
    let count = own.len();
    let names: Vec<&str> = own.iter().map(|field| field.wire_name.as_str()).collect();
    let indices: Vec<usize> = (0..count).collect();
    let named = named_members(own.iter().copied());
    let arms = member_arms(&own, &[], &[], true);
    let missing = missing(&own, &quote!(!present.contains(index)));
    let flattened: Vec<&syn::Type> = fields
        .iter()
        .filter(|field| field.flatten)
        .map(|field| field.ty)
        .collect();
    // Where each flattened struct's indices start, and how many there are in all.
    let offsets: Vec<TokenStream> = (0..=flattened.len())
        .map(|lent| {
            let before = flattened[..lent].iter();
            quote!(#count #(+ <#before as #rt::Members>::MEMBERS)*)
        })
        .collect();
    let total = &offsets[flattened.len()];
    let offsets = &offsets[..flattened.len()];
    let lent_index = flattened.iter().zip(offsets).map(|(ty, offset)| {
        quote! {
            if let ::core::option::Option::Some(index) = <#ty as #rt::Members>::index_of(name) {
                return ::core::option::Option::Some(#offset + index);
            }
        }
    });
    let lent_name = flattened.iter().zip(offsets).map(|(ty, offset)| {
        quote! {
            if let ::core::option::Option::Some(index) = index
                .checked_sub(#offset)
                .filter(|index| *index < <#ty as #rt::Members>::MEMBERS)
            {
                return <#ty as #rt::Members>::name_of(index);
            }
        }
    });
    let lent_validate = flattened
        .iter()
        .map(|ty| quote!(<#ty as #rt::Members>::validate_members(value, members, checker);));
    let own_rules = !input.rules.is_empty();
    // `true` for a struct with rules; else whether a struct it flattens has some.
    let has_rules = if own_rules || flattened.is_empty() {
        quote!(#own_rules)
    } else {
        quote!(#(<#flattened as #rt::Members>::HAS_RULES)||*)
    };
    let check_own_rules = if own_rules {
        quote!(#rt::rules::check_members(<Self as #rt::rules::Rules>::RULES, members, checker);)
    } else {
        quote!()
    };
    let lent_stream = flattened.iter().zip(offsets).map(|(ty, offset)| {
        quote! {
            if let ::core::option::Option::Some(index) = index
                .checked_sub(#offset)
                .filter(|index| *index < <#ty as #rt::Members>::MEMBERS)
            {
                return <#ty as #rt::Members>::stream_member(index, name, map, checker);
            }
        }
    });
    let lent_missing = flattened.iter().zip(offsets).map(|(ty, offset)| {
        quote!(<#ty as #rt::Members>::report_missing(&present.skip(#offset), count, checker);)
    });
    // The members of flattened structs count towards the 128 of `Present`: checked when the
    // compiler knows how many they are.
    let within = if flattened.is_empty() {
        quote!()
    } else {
        quote! {
            const {
                ::core::assert!(
                    <Self as #rt::Members>::MEMBERS <= 128,
                    "a flattened struct lends at most 128 members"
                );
            }
        }
    };
    quote! {
        #[automatically_derived]
        impl #impl_generics #rt::Members for #ident #type_generics #where_clause {
            const MEMBERS: usize = #total;
            const HAS_RULES: bool = #has_rules;

            fn index_of(name: &str) -> ::core::option::Option<usize> {
                #within
                match name {
                    #(#names => ::core::option::Option::Some(#indices),)*
                    _ => {
                        #(#lent_index)*
                        ::core::option::Option::None
                    }
                }
            }

            fn name_of(index: usize) -> ::core::option::Option<&'static str> {
                match index {
                    #(#indices => ::core::option::Option::Some(#names),)*
                    _ => {
                        #(#lent_name)*
                        ::core::option::Option::None
                    }
                }
            }

            fn validate_members<'v>(
                value: &'v ::schema_runtime::__private::serde_json::Value,
                members: &'v ::schema_runtime::__private::serde_json::Map<
                    ::std::string::String,
                    ::schema_runtime::__private::serde_json::Value,
                >,
                checker: &mut #rt::Checker<'v>,
            ) {
                let _ = value;
                #named
                #(#lent_validate)*
                #check_own_rules
            }

            fn stream_member<'de, __A: ::schema_runtime::__private::serde::de::MapAccess<'de>>(
                index: usize,
                name: ::std::borrow::Cow<'de, str>,
                map: &mut __A,
                checker: &mut #rt::Checker<'de>,
            ) -> ::core::result::Result<#rt::Seen<'de>, __A::Error> {
                match index {
                    #(#arms)*
                    _ => {
                        #(#lent_stream)*
                        map.next_value::<#rt::stream::Skip>()?;
                        ::core::result::Result::Ok(#rt::Seen::Null)
                    }
                }
            }

            fn report_missing(present: &#rt::Present, count: usize, checker: &mut #rt::Checker<'_>) {
                let _ = (present, count, &checker);
                #(#missing)*
                #(#lent_missing)*
            }
        }
    }
}
