//! The error collector: every problem found in one input is reported in one compile.
//!
//! Modelled on serde_derive's `Ctxt`: errors carry the span of the token at fault, and the
//! collector refuses to be dropped unchecked, so no error is ever lost on the way to the output.

use std::cell::RefCell;
use std::fmt::Display;
use std::thread;

use quote::ToTokens;

/// Collects errors while an input is read and checked.
#[derive(Default)]
pub struct Ctxt {
    errors: RefCell<Option<Vec<syn::Error>>>,
}

impl Ctxt {
    pub fn new() -> Self {
        Self {
            errors: RefCell::new(Some(Vec::new())),
        }
    }

    /// Records an error spanning the tokens of `object`.
    pub fn error_spanned_by<A: ToTokens, T: Display>(&self, object: A, message: T) {
        self.push(syn::Error::new_spanned(object.into_token_stream(), message));
    }

    /// Records an error at `span`.
    pub fn error_at<T: Display>(&self, span: proc_macro2::Span, message: T) {
        self.push(syn::Error::new(span, message));
    }

    /// Records a parse error as it is.
    pub fn syn_error(&self, error: syn::Error) {
        self.push(error);
    }

    fn push(&self, error: syn::Error) {
        self.errors
            .borrow_mut()
            .as_mut()
            .expect("the collector is still open")
            .push(error);
    }

    /// Closes the collector: `Ok` if nothing was recorded, else every error combined.
    pub fn check(self) -> syn::Result<()> {
        let mut errors = self
            .errors
            .take()
            .expect("the collector is checked once")
            .into_iter();
        let Some(mut combined) = errors.next() else {
            return Ok(());
        };
        for error in errors {
            combined.combine(error);
        }
        Err(combined)
    }
}

impl Drop for Ctxt {
    fn drop(&mut self) {
        if !thread::panicking() && self.errors.borrow().is_some() {
            panic!("the error collector was dropped without being checked");
        }
    }
}
