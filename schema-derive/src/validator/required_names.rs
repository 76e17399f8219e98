//! `Validate::required_names`: the member names every document a type accepts has, which the
//! runtime's eras look for in a document's bytes before they judge it.

use proc_macro2::TokenStream;
use quote::quote;

use super::runtime;
use crate::internals::ast::Shape;

/// `Validate::required_names`: the names of the required members, each followed by those its
/// type asks for, and those of each flattened struct, which are members of the same object. A
/// newtype asks for what its field's type asks for; other shapes keep the default (none).
pub(super) fn required_names(shape: &Shape<'_>) -> TokenStream {
    let rt = runtime();
    let names: Vec<TokenStream> = match shape {
        Shape::Struct { fields, .. } => fields
            .iter()
            .filter_map(|field| {
                if field.flatten {
                    let ty = field.ty;
                    Some(quote!(<#ty as #rt::Validate>::required_names(names);))
                } else if field.required {
                    let (name, ty) = (&field.wire_name, &field.schema_ty);
                    Some(quote! {
                        names.push(#name);
                        <#ty as #rt::Validate>::required_names(names);
                    })
                } else {
                    None
                }
            })
            .collect(),
        Shape::Newtype(field) => {
            let ty = &field.schema_ty;
            vec![quote!(<#ty as #rt::Validate>::required_names(names);)]
        }
        Shape::Enum(_) | Shape::Eras(_) => Vec::new(),
    };
    if names.is_empty() {
        return quote!();
    }
    quote! {
        fn required_names(names: &mut ::std::vec::Vec<&'static str>) {
            #(#names)*
        }
    }
}
