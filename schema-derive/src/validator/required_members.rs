//! `Validate::required_members`: the members every document a type accepts has, each with the
//! object it belongs to, which the runtime's eras look for in a document's bytes before they
//! judge it, and count as owed when a document lacks them.

use proc_macro2::TokenStream;
use quote::quote;

use super::runtime;
use crate::internals::ast::Shape;

/// `Validate::required_members`: each required member, then within it those its type asks for,
/// and those of each flattened struct, which are members of the same object. A newtype asks for
/// what its field's type asks for; other shapes keep the default (none).
pub(super) fn required_members(shape: &Shape<'_>) -> TokenStream {
    let rt = runtime();
    let members: Vec<TokenStream> = match shape {
        Shape::Struct { fields, .. } => fields
            .iter()
            .filter_map(|field| {
                if field.flatten {
                    let ty = field.ty;
                    Some(quote!(<#ty as #rt::Validate>::required_members(required);))
                } else if field.required {
                    let (name, ty) = (&field.wire_name, &field.schema_ty);
                    Some(quote! {
                        required.member(#name);
                        required.within(#name, <#ty as #rt::Validate>::required_members);
                    })
                } else {
                    None
                }
            })
            .collect(),
        Shape::Newtype(field) => {
            let ty = &field.schema_ty;
            vec![quote!(<#ty as #rt::Validate>::required_members(required);)]
        }
        Shape::Enum(_) | Shape::Eras(_) => Vec::new(),
    };
    if members.is_empty() {
        return quote!();
    }
    quote! {
        fn required_members(required: &mut #rt::RequiredMembers) {
            #(#members)*
        }
    }
}
