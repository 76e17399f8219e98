#![doc = include_str!("../README.md")]
//!
//! ## How it is built
//!
//! The crate is a small compiler: `internals` reads and checks the input into a model,
//! collecting every error with its span; `validator` and `fixture` generate code from a model
//! that had none. The texts a violation states come from `schema_vocabulary`, which the runtime
//! uses too.

mod bounds;
#[cfg(test)]
mod expansion;
mod fixture;
mod internals;
mod optional_members;
mod validator;

use proc_macro::TokenStream;
use syn::DeriveInput;

use crate::internals::ast::Input;
use crate::internals::check;
use crate::internals::ctxt::Ctxt;

/// Derives `schema_runtime::validate::Validate`: a check of every constraint of the type on an
/// untrusted `serde_json::Value`, reporting every violation with its JSON Pointer.
#[proc_macro_derive(Validate, attributes(schemars, serde))]
pub fn derive_validate(input: TokenStream) -> TokenStream {
    expand_validate(input.into()).into()
}

/// Derives a fixture builder: `T::fixture()` returns a builder whose defaults form a valid
/// document, with a setter for every field.
#[proc_macro_derive(Fixture, attributes(schemars, serde))]
pub fn derive_fixture(input: TokenStream) -> TokenStream {
    expand_fixture(input.into()).into()
}

/// Makes every `Option<T>` member of a struct optional and never `null`: for serde (absent reads
/// as `None`, `None` is written as absent), for schemars (`T`'s schema, not required) and so for
/// the derives above, as if each such member carried
/// `#[serde(default, skip_serializing_if = "Option::is_none")]` and `#[schemars(with = "T")]`.
/// A member that states any of these itself is left as written. Put it above `#[derive(...)]`.
#[proc_macro_attribute]
pub fn optional_members(args: TokenStream, item: TokenStream) -> TokenStream {
    optional_members::expand(args.into(), item.into()).into()
}

/// What `#[derive(Validate)]` expands `input` (the item without its `#[derive]`) to.
fn expand_validate(input: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    expand(
        input,
        check::for_validate,
        validator::expand,
        validator::fallback,
    )
}

/// What `#[derive(Fixture)]` expands `input` (the item without its `#[derive]`) to.
fn expand_fixture(input: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    expand(
        input,
        check::for_fixture,
        fixture::expand,
        fixture::fallback,
    )
}

/// Parses `input`, reads it into a model and checks it with `check`, then generates with
/// `generate`; on errors, emits them with the stub from `fallback`, so that one mistake gives one
/// message rather than a cascade.
fn expand(
    input: proc_macro2::TokenStream,
    check: fn(&Ctxt, &Input<'_>),
    generate: fn(&Input<'_>) -> proc_macro2::TokenStream,
    fallback: fn(&DeriveInput) -> proc_macro2::TokenStream,
) -> proc_macro2::TokenStream {
    let input: DeriveInput = match syn::parse2(input) {
        Ok(input) => input,
        Err(error) => return error.into_compile_error(),
    };
    let cx = Ctxt::new();
    let model = Input::from_ast(&cx, &input);
    if let Some(model) = &model {
        check(&cx, model);
    }
    match (cx.check(), model) {
        (Ok(()), Some(model)) => generate(&model),
        (Ok(()), None) => fallback(&input),
        (Err(errors), _) => {
            let mut output = errors.to_compile_error();
            output.extend(fallback(&input));
            output
        }
    }
}
