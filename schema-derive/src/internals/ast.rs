//! The model of one input type, built from what serde and schemars read.
//!
//! Member names, requiredness, flattening and closedness come from `serde_derive_internals`, the
//! code serde itself and schemars use, so a `#[serde(...)]` attribute means the same thing to the
//! deserialiser, the schema and the validator. Constraints come from [`super::attr`]. Shapes the
//! validator cannot follow exactly are reported here, with the span of what is at fault.

use proc_macro2::Span;
use serde_derive_internals::ast::{Container, Data, Style};
use serde_derive_internals::{Ctxt as SerdeCtxt, Derive};
use syn::spanned::Spanned;

use super::attr::{Attrs, Check, Position};
use super::ctxt::Ctxt;
use super::rules::{self, RuleAttr};

/// A type the derives can follow.
pub struct Input<'a> {
    pub ident: &'a syn::Ident,
    /// The type's generic parameters; the generated impls add a bound for each field type that
    /// names one of them.
    pub generics: &'a syn::Generics,
    pub shape: Shape<'a>,
    /// Constraints declared on the container (newtypes carry their rule here or on the field).
    pub checks: Vec<Check>,
    /// The container's `example`, a fixture's default value for a newtype.
    pub example: Option<syn::Expr>,
    /// The cross-member rules a struct states (`rules!`), in order; empty for other shapes.
    pub rules: Vec<RuleAttr>,
}

pub enum Shape<'a> {
    /// A struct with named members.
    Struct {
        fields: Vec<Field<'a>>,
        closed: bool,
        extra: Option<Extra<'a>>,
    },
    /// A one-field tuple struct that stands for its field.
    Newtype(Field<'a>),
    /// An enum of unit variants, each a string.
    Enum(Vec<Variant>),
    /// An untagged enum of newtype variants, each an era of the document (see the runtime's
    /// `validate::eras`), oldest first.
    Eras(Vec<EraVariant<'a>>),
}

/// One era: a newtype variant of an untagged enum, marked `extend("x-era" = ...)`.
pub struct EraVariant<'a> {
    pub ident: syn::Ident,
    /// The document type of the era.
    pub ty: &'a syn::Type,
    pub name: String,
    pub documented: bool,
}

/// A flattened map that takes every member the struct does not name.
pub struct Extra<'a> {
    pub member: syn::Member,
    pub ty: &'a syn::Type,
    /// The type of the map's values.
    pub value_ty: syn::Type,
}

pub struct Field<'a> {
    pub member: syn::Member,
    /// The member's name in documents.
    pub wire_name: String,
    pub ty: &'a syn::Type,
    /// The type whose schema the field has: `#[schemars(with = ...)]`, else `ty`.
    pub schema_ty: syn::Type,
    pub required: bool,
    /// `#[serde(flatten)]` on a struct: its members are this struct's members.
    pub flatten: bool,
    pub checks: Vec<Check>,
    pub span: Span,
}

pub struct Variant {
    pub ident: syn::Ident,
    pub wire_name: String,
}

impl<'a> Input<'a> {
    /// Reads `input`; `None` after reporting why it cannot be followed.
    pub fn from_ast(cx: &Ctxt, input: &'a syn::DeriveInput) -> Option<Self> {
        let serde_cx = SerdeCtxt::new();
        let private = syn::Ident::new("__private", Span::call_site());
        let container = Container::from_ast(&serde_cx, input, Derive::Deserialize, &private);
        // A malformed serde attribute is reported here too: a type may derive these without
        // deriving serde's traits, and a validator built on a misread attribute would be wrong.
        if let Err(error) = serde_cx.check() {
            cx.syn_error(error);
            return None;
        }
        let container = container?;

        if input.generics.lifetimes().next().is_some()
            || input.generics.const_params().next().is_some()
        {
            cx.error_spanned_by(
                &input.generics,
                "only type parameters are supported: payload types own their data",
            );
        }
        let container_attrs = Attrs::from_attributes(cx, &input.attrs, Position::Container);
        if let Some(with) = &container_attrs.with {
            cx.error_spanned_by(with, "`with` is supported on fields only");
        }
        if let Some(era) = &container_attrs.era {
            cx.error_at(era.span, ERA_ON_VARIANTS);
        }
        let untagged = matches!(
            container.attrs.tag(),
            serde_derive_internals::attr::TagType::None
        );
        let shape = match &container.data {
            Data::Enum(variants) if untagged => Shape::Eras(read_eras(cx, &container, variants)),
            Data::Enum(variants) => Shape::Enum(read_variants(cx, &container, variants)),
            Data::Struct(Style::Struct, fields) => read_struct(cx, &container, fields),
            Data::Struct(Style::Newtype, fields) => {
                Shape::Newtype(read_field(cx, &container, &fields[0]))
            }
            Data::Struct(Style::Tuple | Style::Unit, _) => {
                cx.error_spanned_by(
                    &input.ident,
                    "only structs with named fields, one-field tuple structs and enums of unit \
                     variants are supported",
                );
                return None;
            }
        };
        if !container_attrs.checks.is_empty() && !matches!(shape, Shape::Newtype(_)) {
            cx.error_spanned_by(
                &input.ident,
                "constraints on a struct with named fields or an enum are not read: declare them on \
                 a field or on a newtype",
            );
        }
        let rules = match (container_attrs.rules, &shape) {
            (Some((stated, _)), Shape::Struct { fields, .. }) => {
                rules::check(cx, &stated, fields);
                stated
            }
            (Some((_, span)), _) => {
                cx.error_at(
                    span,
                    "`rules!` is read on structs with named fields: a rule ties members together",
                );
                Vec::new()
            }
            (None, _) => Vec::new(),
        };
        Some(Self {
            ident: &input.ident,
            generics: &input.generics,
            shape,
            checks: container_attrs.checks,
            example: container_attrs.example,
            rules,
        })
    }
}

fn read_struct<'a>(
    cx: &Ctxt,
    container: &Container<'a>,
    fields: &[serde_derive_internals::ast::Field<'a>],
) -> Shape<'a> {
    if container.attrs.transparent() {
        cx.error_spanned_by(
            &container.ident,
            "`#[serde(transparent)]` is supported on newtypes only",
        );
    }
    let mut read = Vec::new();
    let mut extra: Option<Extra<'a>> = None;
    for field in fields {
        if field.attrs.flatten() {
            if let Some(value_ty) = map_value_type(field.ty) {
                if extra.is_some() {
                    cx.error_spanned_by(field.original, "only one flattened map is supported");
                } else {
                    extra = Some(Extra {
                        member: field.member.clone(),
                        ty: field.ty,
                        value_ty,
                    });
                }
                continue;
            }
            if !is_struct_like(field.ty) {
                cx.error_spanned_by(
                    field.ty,
                    "only a struct with named fields or a map (`BTreeMap<String, T>` or \
                     `serde_json::Map<String, Value>`) can be flattened",
                );
                continue;
            }
            let flattened = read_field(cx, container, field);
            let schema_ty = &flattened.schema_ty;
            let ty = field.ty;
            let has_with = quote::quote!(#schema_ty).to_string() != quote::quote!(#ty).to_string();
            if !flattened.checks.is_empty() || has_with {
                cx.error_spanned_by(
                    field.original,
                    "a flattened struct takes no constraints or `with`: its members carry their own",
                );
            }
            read.push(Field {
                flatten: true,
                required: false,
                ..flattened
            });
            continue;
        }
        read.push(read_field(cx, container, field));
    }
    Shape::Struct {
        fields: read,
        closed: container.attrs.deny_unknown_fields(),
        extra,
    }
}

fn read_field<'a>(
    cx: &Ctxt,
    container: &Container<'a>,
    field: &serde_derive_internals::ast::Field<'a>,
) -> Field<'a> {
    if field.attrs.skip_deserializing() {
        cx.error_spanned_by(
            field.original,
            "skipped fields are not supported by these derives",
        );
    }
    if field.attrs.aliases().len() > 1 {
        cx.error_spanned_by(
            field.original,
            "`alias` is not supported: the schema does not list aliases",
        );
    }
    let attrs = Attrs::from_attributes(cx, &field.original.attrs, Position::Field);
    if attrs.example.is_some() {
        cx.error_spanned_by(field.original, "`example` is read on types, not fields");
    }
    if let Some(era) = &attrs.era {
        cx.error_at(era.span, ERA_ON_VARIANTS);
    }
    let schema_ty = attrs.with.clone().unwrap_or_else(|| field.ty.clone());
    // schemars' rule for the deserialize contract: a member is optional when it has a default
    // or its type is an `Option`.
    let has_default = !field.attrs.default().is_none() || !container.attrs.default().is_none();
    let required = !has_default && !is_option(&schema_ty);
    Field {
        member: field.member.clone(),
        wire_name: field.attrs.name().deserialize_name().to_string(),
        ty: field.ty,
        schema_ty,
        required,
        flatten: false,
        checks: attrs.checks,
        span: field.original.span(),
    }
}

fn read_variants(
    cx: &Ctxt,
    container: &Container<'_>,
    variants: &[serde_derive_internals::ast::Variant<'_>],
) -> Vec<Variant> {
    use serde_derive_internals::attr::TagType;
    if !matches!(container.attrs.tag(), TagType::External) {
        cx.error_spanned_by(
            &container.ident,
            "tagged enums are not supported: only enums of unit variants, and untagged enums of \
             eras",
        );
    }
    let mut read = Vec::new();
    for variant in variants {
        if !matches!(variant.style, Style::Unit) {
            cx.error_spanned_by(
                variant.original,
                "only unit variants are supported: each is one string",
            );
            continue;
        }
        if variant.attrs.other()
            || variant.attrs.skip_deserializing()
            || variant.attrs.aliases().len() > 1
        {
            cx.error_spanned_by(
                variant.original,
                "`other`, `skip` and `alias` are not supported on variants",
            );
        }
        let attrs = Attrs::from_attributes(cx, &variant.original.attrs, Position::Variant);
        if !attrs.checks.is_empty() || attrs.with.is_some() {
            cx.error_spanned_by(
                variant.original,
                "constraints are not supported on variants",
            );
        }
        if let Some(era) = &attrs.era {
            cx.error_at(era.span, ERA_ON_VARIANTS);
        }
        read.push(Variant {
            ident: variant.ident.clone(),
            wire_name: variant.attrs.name().deserialize_name().to_string(),
        });
    }
    if read.is_empty() && variants.is_empty() {
        cx.error_spanned_by(&container.ident, "an enum needs at least one variant");
    }
    read
}

/// Where `x-era` is read.
const ERA_ON_VARIANTS: &str =
    "`x-era` is read on the variants of an untagged enum, each of which is one era";

/// Reads the variants of an untagged enum: one era each, a newtype variant holding the era's
/// document type, marked with its name; at most one is the documented era.
fn read_eras<'a>(
    cx: &Ctxt,
    container: &Container<'a>,
    variants: &[serde_derive_internals::ast::Variant<'a>],
) -> Vec<EraVariant<'a>> {
    let mut read: Vec<EraVariant<'a>> = Vec::new();
    for variant in variants {
        let attrs = Attrs::from_attributes(cx, &variant.original.attrs, Position::Variant);
        if !attrs.checks.is_empty() || attrs.with.is_some() {
            cx.error_spanned_by(
                variant.original,
                "constraints are not supported on variants",
            );
        }
        if !matches!(variant.style, Style::Newtype) {
            cx.error_spanned_by(
                variant.original,
                "a variant of an untagged enum is an era: a newtype variant holding the era's \
                 document type",
            );
            continue;
        }
        if variant.attrs.skip_deserializing() || variant.attrs.aliases().len() > 1 {
            cx.error_spanned_by(
                variant.original,
                "`skip` and `alias` are not supported on variants",
            );
        }
        let Some(era) = attrs.era else {
            if attrs.era_declared {
                continue;
            }
            cx.error_spanned_by(
                &variant.ident,
                "a variant of an untagged enum is an era: name it with \
                 `#[schemars(extend(\"x-era\" = \"NAME\"))]`",
            );
            continue;
        };
        if read.iter().any(|earlier| earlier.name == era.name) {
            cx.error_at(era.span, format!("era `{}` is declared twice", era.name));
            continue;
        }
        if era.documented && read.iter().any(|earlier| earlier.documented) {
            cx.error_at(era.span, "only one era is the documented one");
            continue;
        }
        read.push(EraVariant {
            ident: variant.ident.clone(),
            ty: variant.fields[0].ty,
            name: era.name,
            documented: era.documented,
        });
    }
    if variants.is_empty() {
        cx.error_spanned_by(&container.ident, "an enum needs at least one variant");
    }
    read
}

/// Whether `ty` can name a struct: not a reference, tuple or array, nor a standard type that
/// serializes as something other than an object.
fn is_struct_like(ty: &syn::Type) -> bool {
    let Some(segment) = last_segment(ty) else {
        return false;
    };
    !matches!(
        segment.ident.to_string().as_str(),
        "String"
            | "str"
            | "bool"
            | "char"
            | "u8"
            | "u16"
            | "u32"
            | "u64"
            | "u128"
            | "usize"
            | "i8"
            | "i16"
            | "i32"
            | "i64"
            | "i128"
            | "isize"
            | "f32"
            | "f64"
            | "Vec"
            | "Option"
            | "Value"
            | "Number"
            | "Box"
            | "Rc"
            | "Arc"
    )
}

/// Whether `ty` is spelled `Option<...>` (as schemars decides for the deserialize contract).
fn is_option(ty: &syn::Type) -> bool {
    last_segment(ty).is_some_and(|segment| segment.ident == "Option")
}

/// The value type of a map type: `T` of `BTreeMap<String, T>`/`HashMap<String, T>`/
/// `IndexMap<String, T>`, `Value` of `serde_json::Map<String, Value>`.
fn map_value_type(ty: &syn::Type) -> Option<syn::Type> {
    let segment = last_segment(ty)?;
    if !matches!(
        segment.ident.to_string().as_str(),
        "BTreeMap" | "HashMap" | "IndexMap" | "Map"
    ) {
        return None;
    }
    let syn::PathArguments::AngleBracketed(arguments) = &segment.arguments else {
        return None;
    };
    match arguments.args.iter().nth(1)? {
        syn::GenericArgument::Type(value) => Some(value.clone()),
        _ => None,
    }
}

fn last_segment(ty: &syn::Type) -> Option<&syn::PathSegment> {
    match super::ungroup(ty) {
        syn::Type::Path(path) if path.qself.is_none() => path.path.segments.last(),
        _ => None,
    }
}
