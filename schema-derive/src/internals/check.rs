//! Checks of a model that only one derive needs.

use super::ast::{Input, Shape};
use super::attr::Check;
use super::ctxt::Ctxt;

/// What `#[derive(Validate)]` needs beyond a readable model: nothing.
pub fn for_validate(_cx: &Ctxt, _input: &Input<'_>) {}

/// What `Fixture` needs: a valid default for every constrained value. A constrained newtype
/// takes its `example`; a field can only constrain the number of items of a `Vec` (the default
/// has that many), anything else belongs on a newtype.
pub fn for_fixture(cx: &Ctxt, input: &Input<'_>) {
    match &input.shape {
        Shape::Newtype(field) => {
            let constrained = !input.checks.is_empty() || !field.checks.is_empty();
            if constrained && input.example.is_none() {
                cx.error_spanned_by(
                    input.ident,
                    "a constrained newtype needs `#[schemars(example = ...)]`: the example is \
                     the fixture's default value",
                );
            }
        }
        Shape::Struct { fields, .. } => {
            for field in fields {
                let only_item_counts = field
                    .checks
                    .iter()
                    .all(|check| matches!(check, Check::Length { .. }))
                    && (field.checks.is_empty() || is_vec(field.ty));
                if !only_item_counts {
                    cx.error_spanned_by(
                        &field.member,
                        "a fixture cannot make up a value for this constraint: declare it on a \
                         newtype with an `example`",
                    );
                }
            }
        }
        Shape::Enum(_) | Shape::Eras(_) => {}
    }
}

/// Whether `ty` is spelled `Vec<...>`: the one field type whose length a fixture can meet (by
/// repeating the item's default).
fn is_vec(ty: &syn::Type) -> bool {
    matches!(super::ungroup(ty), syn::Type::Path(path) if path.path.segments.last().is_some_and(|s| s.ident == "Vec"))
}
