//! Reads the constraints declared in `#[schemars(...)]` attributes.
//!
//! A constraint is declared once, in the attribute schemars reads, so that the published schema
//! and the generated validator follow the same declaration. Only attributes whose meaning the
//! validator can follow exactly are accepted; an attribute that would change the schema in a way
//! the validator cannot check is an error here, never silently skipped, since a skipped
//! constraint would let the validator and the schema disagree.

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::spanned::Spanned;
use syn::{Expr, ExprLit, ExprUnary, Lit, LitStr, Token, UnOp};

use super::ctxt::Ctxt;
use super::symbol::*;

/// One constraint on a value, as the published schema states it.
#[derive(Clone, Debug)]
pub enum Check {
    /// `format`: one of [`FORMATS`].
    Format(String),
    /// `pattern`: a regular expression, already known to compile.
    Pattern(String),
    /// `minLength`/`maxLength` or `minItems`/`maxItems` (the JSON type decides which applies).
    Length { min: Option<u64>, max: Option<u64> },
    /// `minimum`/`maximum`, inclusive.
    Range {
        min: Option<Number>,
        max: Option<Number>,
    },
    /// `anyOf` of branches made of string constraints.
    AnyOf(Vec<Vec<Check>>),
}

/// A numeric bound as written.
#[derive(Clone, Copy, Debug)]
pub enum Number {
    Integer(i128),
    Float(f64),
}

/// What the `#[schemars(...)]` attributes of one container or field declare.
#[derive(Default)]
pub struct Attrs {
    /// The constraints, in declaration order.
    pub checks: Vec<Check>,
    /// `with = "Type"`: the type whose schema stands for this field's.
    pub with: Option<syn::Type>,
    /// `example = expr`: the first example, which fixtures use as their default.
    pub example: Option<Expr>,
    seen: Vec<&'static str>,
}

impl Attrs {
    /// Reads every `#[schemars(...)]` attribute in `attrs`.
    pub fn from_attributes(cx: &Ctxt, attrs: &[syn::Attribute]) -> Self {
        let mut read = Self::default();
        for attr in attrs.iter().filter(|attr| attr.path().is_ident(SCHEMARS)) {
            let result = attr.parse_nested_meta(|meta| {
                read.read_one(cx, &meta);
                Ok(())
            });
            if let Err(error) = result {
                cx.syn_error(error);
            }
        }
        read
    }

    fn read_one(&mut self, cx: &Ctxt, meta: &ParseNestedMeta<'_>) {
        let Some(ident) = meta.path.get_ident().map(ToString::to_string) else {
            cx.error_spanned_by(&meta.path, "unsupported schemars attribute");
            skip(meta);
            return;
        };
        let result = match ident.as_str() {
            REGEX if self.first(cx, REGEX, meta) => read_regex(cx, meta, &mut self.checks),
            LENGTH if self.first(cx, LENGTH, meta) => read_length(meta, &mut self.checks),
            RANGE if self.first(cx, RANGE, meta) => read_range(meta, &mut self.checks),
            EMAIL if self.first(cx, "format", meta) => {
                self.checks.push(Check::Format("email".to_owned()));
                Ok(())
            }
            WITH if self.first(cx, WITH, meta) => meta.value().and_then(|value| {
                let literal: LitStr = value.parse()?;
                self.with = Some(literal.parse()?);
                Ok(())
            }),
            REGEX | LENGTH | RANGE | EMAIL | WITH => Ok(()),
            EXTEND => read_extend(cx, self, meta),
            EXAMPLE => meta
                .value()
                .and_then(|value| value.parse::<Expr>())
                .map(|expr| {
                    self.example.get_or_insert(expr);
                }),
            name if ANNOTATIONS.contains(&name) => {
                skip(meta);
                Ok(())
            }
            name => {
                cx.error_spanned_by(
                    &meta.path,
                    format!(
                        "`#[schemars({name})]` is not supported by `Validate`: the validator could \
                         not check what it adds to the schema"
                    ),
                );
                skip(meta);
                Ok(())
            }
        };
        if let Err(error) = result {
            cx.syn_error(error);
        }
    }

    /// Records that constraint `key` is declared; a second declaration is reported at its use
    /// (and its tokens skipped), and `false` returned.
    fn first(&mut self, cx: &Ctxt, key: &'static str, meta: &ParseNestedMeta<'_>) -> bool {
        if self.seen.contains(&key) {
            cx.error_spanned_by(&meta.path, format!("duplicate `{key}` constraint"));
            skip(meta);
            return false;
        }
        self.seen.push(key);
        true
    }
}

/// Consumes the tokens of an attribute that is not read (`= value` or `(...)`).
fn skip(meta: &ParseNestedMeta<'_>) {
    if meta.input.peek(Token![=]) {
        let _ = meta.value().and_then(|value| value.parse::<Expr>());
    } else if meta.input.peek(syn::token::Paren) {
        let _ = meta.input.step(|cursor| match cursor.token_tree() {
            Some((_, rest)) => Ok(((), rest)),
            None => Err(cursor.error("expected a group")),
        });
    }
}

fn read_regex(cx: &Ctxt, meta: &ParseNestedMeta<'_>, checks: &mut Vec<Check>) -> syn::Result<()> {
    let mut pattern = None;
    meta.parse_nested_meta(|inner| {
        if inner.path.is_ident(PATTERN) {
            let expr: Expr = inner.value()?.parse()?;
            match expr {
                Expr::Lit(ExprLit {
                    lit: Lit::Str(literal),
                    ..
                }) => pattern = Some(literal),
                other => cx.error_spanned_by(
                    other,
                    "`regex(pattern = ...)` must be a string literal, so that the pattern can be \
                     checked when the derive runs",
                ),
            }
            Ok(())
        } else {
            Err(inner.error("expected `pattern = \"...\"`"))
        }
    })?;
    let Some(literal) = pattern else {
        return Err(meta.error("`regex` needs `pattern = \"...\"`"));
    };
    match regex::Regex::new(&literal.value()) {
        Ok(_) => checks.push(Check::Pattern(literal.value())),
        Err(error) => cx.error_spanned_by(&literal, format!("invalid `regex` pattern: {error}")),
    }
    Ok(())
}

fn read_length(meta: &ParseNestedMeta<'_>, checks: &mut Vec<Check>) -> syn::Result<()> {
    let (mut min, mut max) = (None, None);
    meta.parse_nested_meta(|inner| {
        let target = if inner.path.is_ident(MIN) {
            &mut min
        } else if inner.path.is_ident(MAX) {
            &mut max
        } else if inner.path.is_ident(EQUAL) {
            let value = unsigned(&inner.value()?.parse()?)?;
            min = Some(value);
            max = Some(value);
            return Ok(());
        } else {
            return Err(inner.error("expected `min`, `max` or `equal`"));
        };
        *target = Some(unsigned(&inner.value()?.parse()?)?);
        Ok(())
    })?;
    if let (Some(min), Some(max)) = (min, max) {
        if min > max {
            return Err(meta.error(format!("`length` has min {min} above max {max}")));
        }
    }
    checks.push(Check::Length { min, max });
    Ok(())
}

fn read_range(meta: &ParseNestedMeta<'_>, checks: &mut Vec<Check>) -> syn::Result<()> {
    let (mut min, mut max) = (None, None);
    meta.parse_nested_meta(|inner| {
        let target = if inner.path.is_ident(MIN) {
            &mut min
        } else if inner.path.is_ident(MAX) {
            &mut max
        } else {
            return Err(inner.error("expected `min` or `max`"));
        };
        *target = Some(number(&inner.value()?.parse()?)?);
        Ok(())
    })?;
    if let (Some(min), Some(max)) = (min, max) {
        if as_f64(min) > as_f64(max) {
            return Err(meta.error("`range` has min above max"));
        }
    }
    checks.push(Check::Range { min, max });
    Ok(())
}

/// Reads `extend("key" = json, ...)`: the keys the validator understands become constraints,
/// annotations are ignored, anything else is an error.
fn read_extend(cx: &Ctxt, attrs: &mut Attrs, meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    let content;
    syn::parenthesized!(content in meta.input);
    while !content.is_empty() {
        let key: LitStr = content.parse()?;
        content.parse::<Token![=]>()?;
        let tokens = value_tokens(&content)?;
        match serde_json::from_str::<serde_json::Value>(&tokens.to_string()) {
            Ok(value) => {
                let span = key.span();
                let name = key.value();
                if let Some(check) = extension_check(cx, span, &name, &value) {
                    let slot = match check {
                        Check::Format(_) => "format",
                        Check::Pattern(_) => REGEX,
                        Check::Length { .. } => LENGTH,
                        Check::Range { .. } => RANGE,
                        Check::AnyOf(_) => "anyOf",
                    };
                    if attrs.seen.contains(&slot) {
                        cx.error_at(span, format!("duplicate `{slot}` constraint"));
                    } else {
                        attrs.seen.push(slot);
                        attrs.checks.push(check);
                    }
                }
            }
            Err(_) => cx.error_spanned_by(
                &tokens,
                "`extend` values must be JSON literals for `Validate` to read them",
            ),
        }
        if content.is_empty() {
            break;
        }
        content.parse::<Token![,]>()?;
    }
    Ok(())
}

/// The tokens of one `extend` value: everything up to the next top-level comma.
fn value_tokens(input: ParseStream<'_>) -> syn::Result<TokenStream> {
    input.step(|cursor| {
        let mut tokens = TokenStream::new();
        let mut rest = *cursor;
        while let Some((tree, next)) = rest.token_tree() {
            if let TokenTree::Punct(punct) = &tree {
                if punct.as_char() == ',' {
                    break;
                }
            }
            tokens.extend(std::iter::once(tree));
            rest = next;
        }
        Ok((tokens, rest))
    })
}

/// The constraint an `extend` key states, `None` for an annotation (or after reporting an error).
fn extension_check(cx: &Ctxt, span: Span, key: &str, value: &serde_json::Value) -> Option<Check> {
    let json_u64 = |value: &serde_json::Value| {
        let number = value.as_u64();
        if number.is_none() {
            cx.error_at(span, format!("`{key}` must be a non-negative integer"));
        }
        number
    };
    match key {
        "format" => match value.as_str() {
            Some(format) if FORMATS.iter().any(|(name, _)| *name == format) => {
                Some(Check::Format(format.to_owned()))
            }
            _ => {
                let known: Vec<&str> = FORMATS.iter().map(|(name, _)| *name).collect();
                cx.error_at(
                    span,
                    format!(
                        "format {value} is not checked by `Validate`; known: {}",
                        known.join(", ")
                    ),
                );
                None
            }
        },
        "pattern" => match value.as_str().map(regex::Regex::new) {
            Some(Ok(regex)) => Some(Check::Pattern(regex.as_str().to_owned())),
            _ => {
                cx.error_at(span, "`pattern` must be a valid regular expression");
                None
            }
        },
        "minLength" | "minItems" => json_u64(value).map(|min| Check::Length {
            min: Some(min),
            max: None,
        }),
        "maxLength" | "maxItems" => json_u64(value).map(|max| Check::Length {
            min: None,
            max: Some(max),
        }),
        "minimum" | "maximum" => {
            let bound = value
                .as_i64()
                .map(|n| Number::Integer(n.into()))
                .or_else(|| value.as_u64().map(|n| Number::Integer(n.into())))
                .or_else(|| value.as_f64().map(Number::Float));
            match bound {
                Some(bound) if key == "minimum" => Some(Check::Range {
                    min: Some(bound),
                    max: None,
                }),
                Some(bound) => Some(Check::Range {
                    min: None,
                    max: Some(bound),
                }),
                None => {
                    cx.error_at(span, format!("`{key}` must be a number"));
                    None
                }
            }
        }
        "anyOf" => {
            let Some(branches) = value.as_array().filter(|branches| !branches.is_empty()) else {
                cx.error_at(span, "`anyOf` must be a non-empty array of schemas");
                return None;
            };
            let mut read = Vec::new();
            for branch in branches {
                let Some(members) = branch.as_object() else {
                    cx.error_at(span, "every `anyOf` branch must be an object");
                    return None;
                };
                let mut checks = Vec::new();
                for (name, value) in members {
                    if !matches!(
                        name.as_str(),
                        "format" | "pattern" | "minLength" | "maxLength"
                    ) {
                        if !is_annotation(name) {
                            cx.error_at(
                                span,
                                format!(
                                    "`anyOf` branches may hold only string constraints (format, \
                                     pattern, minLength, maxLength), not `{name}`"
                                ),
                            );
                            return None;
                        }
                        continue;
                    }
                    checks.extend(extension_check(cx, span, name, value));
                }
                read.push(checks);
            }
            Some(Check::AnyOf(read))
        }
        name if is_annotation(name) => None,
        name => {
            cx.error_at(
                span,
                format!("`extend(\"{name}\" = ...)` is not supported by `Validate`: the validator could not check it"),
            );
            None
        }
    }
}

fn is_annotation(key: &str) -> bool {
    matches!(
        key,
        "description" | "title" | "examples" | "$comment" | "deprecated" | "readOnly" | "writeOnly"
    ) || key.starts_with("x-")
}

fn unsigned(expr: &Expr) -> syn::Result<u64> {
    match expr {
        Expr::Lit(ExprLit {
            lit: Lit::Int(literal),
            ..
        }) => literal.base10_parse(),
        other => Err(syn::Error::new(other.span(), "expected an integer literal")),
    }
}

fn number(expr: &Expr) -> syn::Result<Number> {
    match expr {
        Expr::Lit(ExprLit {
            lit: Lit::Int(literal),
            ..
        }) => Ok(Number::Integer(literal.base10_parse()?)),
        Expr::Lit(ExprLit {
            lit: Lit::Float(literal),
            ..
        }) => Ok(Number::Float(literal.base10_parse()?)),
        Expr::Unary(ExprUnary {
            op: UnOp::Neg(_),
            expr,
            ..
        }) => match number(expr)? {
            Number::Integer(value) => Ok(Number::Integer(-value)),
            Number::Float(value) => Ok(Number::Float(-value)),
        },
        other => Err(syn::Error::new(other.span(), "expected a number literal")),
    }
}

#[allow(clippy::cast_precision_loss)] // only compares min with max
fn as_f64(number: Number) -> f64 {
    match number {
        Number::Integer(value) => value as f64,
        Number::Float(value) => value,
    }
}
