//! Expansion snapshots: what `#[derive(Validate)]` and `#[derive(Fixture)]` generate for the
//! representative declarations in `tests/expand/`, pretty-printed with `prettyplease` and
//! compared with the reviewed goldens in `tests/expand/snapshots/`, one per case and derive.
//!
//! A change to the generated code shows up here as a diff to review (`cargo insta review`); with
//! `CI=true` a new or changed expansion fails instead of being written. The same case files are
//! compiled and run as trybuild pass cases (`tests/ui.rs`), so every golden is code that builds
//! and validates documents as its `main` expects.
//!
//! Each case is read the way the compiler hands it to a derive: every struct and enum that names
//! the derive in its `#[derive(...)]`, without its `#[derive]` attributes, in file order.

use std::path::Path;

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::punctuated::Punctuated;
use syn::{DeriveInput, Token};

/// Per case, `validate@<case>.rs.snap` and `fixture@<case>.rs.snap`. One `glob!` for both:
/// insta counts the failures of a `glob!` on one stack for the whole process, so two running at
/// once in parallel tests could report each other's failures.
#[test]
fn expansions() {
    insta::with_settings!({
        snapshot_path => "../tests/expand/snapshots",
        prepend_module_to_snapshot => false,
    }, {
        insta::glob!("../tests/expand", "*.rs", |path| {
            let validate = expansion(path, "Validate", crate::expand_validate);
            insta::assert_snapshot!("validate", validate);
            let fixture = expansion(path, "Fixture", crate::expand_fixture);
            insta::assert_snapshot!("fixture", fixture);
        });
    });
}

/// `expand` applied to every type of the case at `path` that derives `derive`, pretty-printed.
fn expansion(path: &Path, derive: &str, expand: fn(TokenStream) -> TokenStream) -> String {
    let text = std::fs::read_to_string(path).expect("the case reads");
    let case = syn::parse_file(&text).expect("the case parses");
    let mut rendered = String::new();
    for item in case.items {
        if !matches!(item, syn::Item::Struct(_) | syn::Item::Enum(_)) {
            continue;
        }
        let mut input: DeriveInput = syn::parse2(item.into_token_stream()).expect("a type");
        if !derives(&input, derive) {
            continue;
        }
        input.attrs.retain(|attr| !attr.path().is_ident("derive"));
        let output = expand(input.into_token_stream());
        let output: syn::File = syn::parse2(output).expect("the expansion is a list of items");
        output
            .items
            .into_iter()
            .for_each(|item| rendered += &render(item));
    }
    assert!(
        !rendered.is_empty(),
        "{}: no type derives {derive}",
        path.display()
    );
    rendered
}

/// One generated item, pretty-printed.
fn render(item: syn::Item) -> String {
    match item {
        syn::Item::Macro(call) if is_random_impl(&call.mac.path) => render_random_impl(&call.mac),
        item => unparse(vec![item]),
    }
}

/// Whether `path` names `schema_runtime::__random_impl`, the macro that keeps the `Random` impl
/// only when the runtime's `proptest` feature is on.
fn is_random_impl(path: &syn::Path) -> bool {
    path.segments
        .last()
        .is_some_and(|segment| segment.ident == "__random_impl")
}

/// A call of `__random_impl!`, its items pretty-printed and indented inside the call:
/// `prettyplease` would print a macro's body as the tokens it finds.
fn render_random_impl(call: &syn::Macro) -> String {
    let items: syn::File = syn::parse2(call.tokens.clone()).expect("a list of items");
    let body: String = unparse(items.items)
        .lines()
        .map(|line| match line {
            "" => "\n".to_owned(),
            line => format!("    {line}\n"),
        })
        .collect();
    let path = call.path.to_token_stream().to_string().replace(' ', "");
    format!("{path}! {{\n{body}}}\n")
}

fn unparse(items: Vec<syn::Item>) -> String {
    prettyplease::unparse(&syn::File {
        shebang: None,
        frontmatter: None,
        attrs: Vec::new(),
        items,
    })
}

/// Whether one of `input`'s `#[derive(...)]` attributes names `derive`.
fn derives(input: &DeriveInput, derive: &str) -> bool {
    input
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("derive"))
        .flat_map(|attr| {
            attr.parse_args_with(Punctuated::<syn::Path, Token![,]>::parse_terminated)
                .expect("a derive list")
        })
        .any(|path| path.is_ident(derive))
}
