//! `Validate::object_members`: what a type says of the objects of the documents it accepts (the
//! members each must have, those it may have, whether it admits others), each object named by its
//! path, which the runtime's eras read before they judge a document: the names one era requires
//! and another does not are looked for in its bytes, and an era's missing names are counted as
//! owed when another era's report shows the document lacks them.

use proc_macro2::TokenStream;
use quote::quote;

use super::runtime;
use crate::internals::ast::Shape;

/// `Validate::object_members`: each required member, then within it what its type says; each
/// optional member; what each flattened struct says, of the same object; and whether the object
/// admits other members (a struct with `deny_unknown_fields` and no flattened map does not). A
/// newtype says what its field's type says; other shapes keep the default (nothing named, open).
pub(super) fn object_members(shape: &Shape<'_>) -> TokenStream {
    let rt = runtime();
    let said: Vec<TokenStream> = match shape {
        Shape::Struct {
            fields,
            closed,
            extra,
        } => {
            let mut said: Vec<TokenStream> = fields
                .iter()
                .map(|field| {
                    let name = &field.wire_name;
                    if field.flatten {
                        let ty = field.ty;
                        quote!(members.flattened(<#ty as #rt::Validate>::object_members);)
                    } else if field.required {
                        let ty = &field.schema_ty;
                        quote! {
                            members.member(#name);
                            members.within(#name, <#ty as #rt::Validate>::object_members);
                        }
                    } else {
                        quote!(members.optional(#name);)
                    }
                })
                .collect();
            said.push(if *closed && extra.is_none() {
                quote!(members.closed();)
            } else {
                quote!(members.open();)
            });
            said
        }
        Shape::Newtype(field) => {
            let ty = &field.schema_ty;
            vec![quote!(<#ty as #rt::Validate>::object_members(members);)]
        }
        Shape::Enum(_) | Shape::Eras(_) => Vec::new(),
    };
    if said.is_empty() {
        return quote!();
    }
    quote! {
        fn object_members(members: &mut #rt::ObjectMembers) {
            #(#said)*
        }
    }
}
