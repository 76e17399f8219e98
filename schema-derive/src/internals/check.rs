//! Checks of a model that only one derive needs.

use super::ast::{Input, Shape};
use super::attr::Check;
use super::ctxt::Ctxt;

/// What `Validate` needs beyond a readable model: nothing.
pub fn for_validate(_cx: &Ctxt, _input: &Input<'_>) {}

/// What `Fixture` needs: a valid default for every constrained value. A constrained newtype
/// takes its `example`; a field can only constrain the number of items (the default has that
/// many), anything else belongs on a newtype.
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
                let only_lengths = field
                    .checks
                    .iter()
                    .all(|check| matches!(check, Check::Length { .. }));
                if !only_lengths {
                    cx.error_at(
                        field.span,
                        "a fixture cannot make up a value for this constraint: declare it on a \
                         newtype with an `example`",
                    );
                }
            }
        }
        Shape::Enum(_) => {}
    }
}
