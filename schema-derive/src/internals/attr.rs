//! Reads the constraints declared in `#[schemars(...)]` attributes.
//!
//! A constraint is declared once, in the attribute schemars reads, so that the published schema
//! and the generated validator follow the same declaration. Only attributes whose meaning the
//! validator can follow exactly are accepted; an attribute that would change the schema in a way
//! the validator cannot check is an error here, never silently skipped, since a skipped
//! constraint would let the validator and the schema disagree. After an error the rest of the
//! attribute is skipped, so that each mistake gives one message.

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::spanned::Spanned;
use syn::{Expr, ExprLit, ExprUnary, Lit, LitStr, Token, UnOp};

use super::ctxt::Ctxt;
use super::rules::{self, RuleAttr};
use super::symbol::*;
use schema_vocabulary::{FORMATS, is_annotation};

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

/// What `extend("x-era" = ...)` declares of an era: its name (`"2023"`, or `{"name": "2023",
/// ...}`), and whether it is the documented one (`"documented": true`). Any other member of the
/// object annotates the schema only.
#[derive(Clone, Debug)]
pub struct EraAttr {
    pub name: String,
    pub documented: bool,
    /// The value's first token, where a mistake about the era is reported.
    pub span: Span,
}

/// A numeric bound as written.
#[derive(Clone, Copy, Debug)]
pub enum Number {
    Integer(i128),
    Float(f64),
}

/// Where an attribute stands, which decides what it may declare (as schemars decides).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// On a struct or an enum: `extend`, `example` and annotations.
    Container,
    /// On a field: constraints, `extend`, `with` and annotations.
    Field,
    /// On an enum variant: annotations only.
    Variant,
}

/// What the `#[schemars(...)]` attributes of one container, field or variant declare.
#[derive(Default)]
pub struct Attrs {
    /// The constraints, in declaration order.
    pub checks: Vec<Check>,
    /// `with = "Type"`: the type whose schema stands for this field's.
    pub with: Option<syn::Type>,
    /// `example = expr`: the first example, which fixtures use as their default.
    pub example: Option<Expr>,
    /// `extend("x-era" = ...)` on a variant of an untagged enum: the era it is.
    pub era: Option<EraAttr>,
    /// Whether `x-era` was declared, read or not (a malformed one is reported once).
    pub era_declared: bool,
    /// `transform = schema_runtime::rules!(...)` on a struct: its cross-member rules, with the
    /// span of the macro (`None` when there are none, or they had an error).
    pub rules: Option<(Vec<RuleAttr>, Span)>,
    /// The JSON Schema keywords declared so far, to report a second declaration of one.
    keywords: Vec<&'static str>,
}

impl Attrs {
    /// Reads every `#[schemars(...)]` attribute in `attrs`.
    pub fn from_attributes(cx: &Ctxt, attrs: &[syn::Attribute], position: Position) -> Self {
        let mut read = Self::default();
        for attr in attrs.iter().filter(|attr| attr.path().is_ident(SCHEMARS)) {
            let result = attr.parse_nested_meta(|meta| {
                read.read_one(cx, &meta, position);
                Ok(())
            });
            if let Err(error) = result {
                cx.syn_error(error);
            }
        }
        read
    }

    fn read_one(&mut self, cx: &Ctxt, meta: &ParseNestedMeta<'_>, position: Position) {
        let Some(ident) = meta.path.get_ident().map(ToString::to_string) else {
            cx.error_spanned_by(&meta.path, "unsupported `schemars` attribute");
            skip(meta);
            return;
        };
        let allowed = match ident.as_str() {
            REGEX | LENGTH | RANGE | EMAIL | WITH => position == Position::Field,
            _ => true,
        };
        if !allowed {
            let place = if position == Position::Variant {
                "variants"
            } else {
                "types"
            };
            cx.error_spanned_by(
                &meta.path,
                format!(
                    "`{ident}` is not read on {place}: declare it on the field, as schemars does"
                ),
            );
            skip(meta);
            return;
        }
        let result = match ident.as_str() {
            REGEX => read_regex(cx, meta).map(|pattern| {
                if let Some(pattern) = pattern {
                    self.add(cx, meta.path.span(), &["pattern"], Check::Pattern(pattern));
                }
            }),
            LENGTH => read_bounds(cx, meta, LENGTH, unsigned).map(|(min, max)| {
                let check = Check::Length { min, max };
                self.add(cx, meta.path.span(), &length_keywords(min, max), check);
            }),
            RANGE => read_bounds(cx, meta, RANGE, number).map(|(min, max)| {
                let check = Check::Range { min, max };
                self.add(cx, meta.path.span(), &range_keywords(min, max), check);
            }),
            EMAIL => {
                self.add(
                    cx,
                    meta.path.span(),
                    &["format"],
                    Check::Format("email".to_owned()),
                );
                Ok(())
            }
            EXTEND => read_extend(cx, self, meta),
            TRANSFORM if position == Position::Container => {
                read_transform(cx, self, meta);
                Ok(())
            }
            WITH => read_with(meta).map(|ty| {
                if self.with.replace(ty).is_some() {
                    cx.error_spanned_by(&meta.path, "duplicate `with`");
                }
            }),
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
                        "`#[schemars({name})]` is not supported by these derives: the validator \
                         could not check what it adds to the schema"
                    ),
                );
                skip(meta);
                Ok(())
            }
        };
        if let Err(error) = result {
            cx.syn_error(error);
            skip(meta);
        }
    }

    /// Adds `check`, which declares `keywords`, unless one of them is declared already.
    fn add(&mut self, cx: &Ctxt, span: Span, keywords: &[&'static str], check: Check) {
        if let Some(repeated) = keywords
            .iter()
            .find(|keyword| self.keywords.contains(keyword))
        {
            cx.error_at(span, format!("duplicate `{repeated}` constraint"));
            return;
        }
        self.keywords.extend_from_slice(keywords);
        self.checks.push(check);
    }
}

/// Reads `transform = ...`: `schema_runtime::rules!(...)` (a path ending in `rules`) states
/// cross-member rules; any other transform changes the schema in ways the validator cannot
/// follow, an error.
fn read_transform(cx: &Ctxt, attrs: &mut Attrs, meta: &ParseNestedMeta<'_>) {
    let unsupported = |cx: &Ctxt| {
        cx.error_spanned_by(
            &meta.path,
            "`#[schemars(transform)]` is not supported by these derives: the validator could not \
             check what it adds to the schema",
        );
    };
    let expr = match meta.value().and_then(|value| value.parse::<Expr>()) {
        Ok(expr) => expr,
        Err(_) => {
            unsupported(cx);
            skip(meta);
            return;
        }
    };
    let Expr::Macro(mac) = &expr else {
        unsupported(cx);
        return;
    };
    if mac
        .mac
        .path
        .segments
        .last()
        .is_none_or(|segment| segment.ident != RULES)
    {
        unsupported(cx);
        return;
    }
    let span = mac.mac.path.span();
    if attrs.rules.is_some() {
        cx.error_at(
            span,
            "duplicate `rules!`: state every rule of a struct in one `rules!(...)`",
        );
        return;
    }
    if let Some(read) = rules::parse(cx, mac.mac.tokens.clone(), span) {
        attrs.rules = Some((read, span));
    }
}

fn length_keywords(min: Option<u64>, max: Option<u64>) -> Vec<&'static str> {
    let mut keywords = Vec::new();
    keywords.extend(min.map(|_| "minLength"));
    keywords.extend(max.map(|_| "maxLength"));
    keywords
}

fn range_keywords(min: Option<Number>, max: Option<Number>) -> Vec<&'static str> {
    let mut keywords = Vec::new();
    keywords.extend(min.map(|_| "minimum"));
    keywords.extend(max.map(|_| "maximum"));
    keywords
}

/// Consumes the tokens of an attribute that is not read (`= value` or `(...)`), so that parsing
/// goes on after an error.
fn skip(meta: &ParseNestedMeta<'_>) {
    let _ = meta.input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((tree, next)) = rest.token_tree() {
            if matches!(&tree, TokenTree::Punct(punct) if punct.as_char() == ',') {
                break;
            }
            rest = next;
        }
        Ok(((), rest))
    });
}

/// Reads `regex(pattern = "...")`; `None` after reporting a problem.
fn read_regex(cx: &Ctxt, meta: &ParseNestedMeta<'_>) -> syn::Result<Option<String>> {
    if !meta.input.peek(syn::token::Paren) {
        return Err(meta.error("expected `regex(pattern = \"...\")`"));
    }
    let mut pattern = None;
    let mut given = false;
    meta.parse_nested_meta(|inner| {
        if !inner.path.is_ident(PATTERN) {
            cx.error_spanned_by(&inner.path, "expected `pattern = \"...\"` in `regex(...)`");
            skip(&inner);
            given = true;
            return Ok(());
        }
        given = true;
        match inner.value()?.parse::<Expr>()? {
            Expr::Lit(ExprLit { lit: Lit::Str(literal), .. }) => match regex::Regex::new(&literal.value()) {
                Ok(_) => pattern = Some(literal.value()),
                Err(error) => {
                    cx.error_spanned_by(&literal, format!("invalid `regex` pattern: {}", regex_error(&error)));
                }
            },
            other => cx.error_spanned_by(
                other,
                "`regex(pattern = ...)` must be a string literal, so that the pattern can be checked \
                 when the derive runs",
            ),
        }
        Ok(())
    })?;
    if !given {
        return Err(meta.error("expected `regex(pattern = \"...\")`"));
    }
    Ok(pattern)
}

/// The last line of a regex error: the cause, without the multi-line drawing of the pattern.
pub fn regex_error(error: &regex::Error) -> String {
    let text = error.to_string();
    let last = text
        .lines()
        .rev()
        .find(|line| !line.trim().is_empty())
        .unwrap_or(&text)
        .trim();
    last.strip_prefix("error: ").unwrap_or(last).to_owned()
}

/// Reads `length(min = .., max = .., equal = ..)` or `range(min = .., max = ..)`.
fn read_bounds<T: Copy + PartialOrd + std::fmt::Display>(
    cx: &Ctxt,
    meta: &ParseNestedMeta<'_>,
    name: &str,
    read: fn(&Expr, &str) -> syn::Result<T>,
) -> syn::Result<(Option<T>, Option<T>)> {
    if !meta.input.peek(syn::token::Paren) {
        return Err(meta.error(format!("expected `{name}(min = ..., max = ...)`")));
    }
    let (mut min, mut max) = (None, None);
    meta.parse_nested_meta(|inner| {
        let key = inner
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        let allowed = matches!(key.as_str(), MIN | MAX) || (key == EQUAL && name == LENGTH);
        if !allowed {
            let keys = if name == LENGTH {
                "`min`, `max` or `equal`"
            } else {
                "`min` or `max`"
            };
            cx.error_spanned_by(&inner.path, format!("expected {keys} in `{name}(...)`"));
            skip(&inner);
            return Ok(());
        }
        let value = read(&inner.value()?.parse()?, name)?;
        match key.as_str() {
            MIN => min = Some(value),
            MAX => max = Some(value),
            _ => (min, max) = (Some(value), Some(value)),
        }
        Ok(())
    })?;
    if let (Some(low), Some(high)) = (min, max) {
        if low > high {
            return Err(meta.error(format!("`{name}` has min {low} above max {high}")));
        }
    }
    Ok((min, max))
}

fn read_with(meta: &ParseNestedMeta<'_>) -> syn::Result<syn::Type> {
    let value = meta
        .value()
        .map_err(|_| meta.error("expected `with = \"Type\"`"))?;
    let literal: LitStr = value
        .parse()
        .map_err(|error| syn::Error::new(error.span(), "expected `with = \"Type\"`"))?;
    literal.parse()
}

/// Reads `extend("key" = json, ...)`: the keys the validator understands become constraints,
/// annotations are ignored, anything else is an error.
fn read_extend(cx: &Ctxt, attrs: &mut Attrs, meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    let content;
    syn::parenthesized!(content in meta.input);
    while !content.is_empty() {
        let Ok(key) = content.parse::<LitStr>() else {
            cx.error_at(
                content.span(),
                "expected `extend(\"keyword\" = value, ...)`",
            );
            // Consume the rest, so that the one mistake gives one message.
            let _ = content.parse::<TokenStream>();
            return Ok(());
        };
        content.parse::<Token![=]>()?;
        let tokens = value_tokens(&content)?;
        let span = tokens
            .clone()
            .into_iter()
            .next()
            .map_or_else(|| key.span(), |tree| tree.span());
        match serde_json::from_str::<serde_json::Value>(&json_text(tokens.clone())) {
            Ok(value) if key.value() == X_ERA => {
                attrs.era_declared = true;
                if let Some(era) = read_era(cx, span, &value) {
                    if attrs.era.replace(era).is_some() {
                        cx.error_at(key.span(), format!("duplicate `{X_ERA}`"));
                    }
                }
            }
            Ok(value) => {
                let name = key.value();
                if let Some(check) = extension_check(cx, span, &name, &value) {
                    let keywords: Vec<&'static str> = match &check {
                        Check::Format(_) => vec!["format"],
                        Check::Pattern(_) => vec!["pattern"],
                        Check::Length { min, max } => length_keywords(*min, *max),
                        Check::Range { min, max } => range_keywords(*min, *max),
                        Check::AnyOf(_) => vec!["anyOf"],
                    };
                    attrs.add(cx, key.span(), &keywords, check);
                }
            }
            Err(_) => cx.error_spanned_by(
                &tokens,
                "`extend` values must be JSON literals for these derives to read them",
            ),
        }
        if content.is_empty() {
            break;
        }
        content.parse::<Token![,]>()?;
    }
    Ok(())
}

/// Reads the value of `extend("x-era" = ...)`: a name, or an object with a `name` and an
/// optional boolean `documented`. A name is what `ID@ERA` and the schema's `$defs` spell, so it
/// is made of lower-case letters, digits and `-`.
fn read_era(cx: &Ctxt, span: Span, value: &serde_json::Value) -> Option<EraAttr> {
    let (name, documented) = match value {
        serde_json::Value::String(name) => (Some(name.as_str()), Some(false)),
        serde_json::Value::Object(members) => (
            members.get("name").and_then(serde_json::Value::as_str),
            match members.get("documented") {
                None => Some(false),
                Some(flag) => flag.as_bool(),
            },
        ),
        _ => (None, Some(false)),
    };
    let (Some(name), Some(documented)) = (name, documented) else {
        cx.error_at(
            span,
            format!(
                "`{X_ERA}` must be the era's name or an object with a string `name` (and a boolean \
                 `documented`)"
            ),
        );
        return None;
    };
    let well_formed = !name.is_empty()
        && name
            .bytes()
            .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-');
    if !well_formed {
        cx.error_at(
            span,
            format!(
                "an era's name is made of lower-case letters, digits and `-` (it is written \
                 `ID@ERA`), not `{name}`"
            ),
        );
        return None;
    }
    Some(EraAttr {
        name: name.to_owned(),
        documented,
        span,
    })
}

/// The tokens of one `extend` value: everything up to the next top-level comma.
fn value_tokens(input: ParseStream<'_>) -> syn::Result<TokenStream> {
    input.step(|cursor| {
        let mut tokens = TokenStream::new();
        let mut rest = *cursor;
        while let Some((tree, next)) = rest.token_tree() {
            if matches!(&tree, TokenTree::Punct(punct) if punct.as_char() == ',') {
                break;
            }
            tokens.extend(std::iter::once(tree));
            rest = next;
        }
        Ok((tokens, rest))
    })
}

/// The JSON text of a token stream written as a JSON literal. Printing tokens puts a space after
/// a leading `-` (`- 1`), which JSON does not allow; this printer does not.
fn json_text(tokens: TokenStream) -> String {
    let mut text = String::new();
    for tree in tokens {
        match tree {
            TokenTree::Group(group) => {
                let (open, close) = match group.delimiter() {
                    Delimiter::Brace => ("{", "}"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::None => ("", ""),
                };
                text.push_str(open);
                text.push_str(&json_text(group.stream()));
                text.push_str(close);
            }
            TokenTree::Punct(punct) => text.push(punct.as_char()),
            other => {
                text.push_str(&other.to_string());
                text.push(' ');
            }
        }
    }
    text
}

/// The constraint an `extend` key states, `None` for an annotation (or after reporting an error
/// at `span`, the value's first token).
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
            Some(format) if FORMATS.contains(&format) => Some(Check::Format(format.to_owned())),
            _ => {
                let known: Vec<String> = FORMATS.iter().map(|name| format!("`{name}`")).collect();
                let shown = value
                    .as_str()
                    .map_or_else(|| value.to_string(), ToOwned::to_owned);
                cx.error_at(
                    span,
                    format!(
                        "format `{shown}` is not checked by these derives; known: {}",
                        known.join(", ")
                    ),
                );
                None
            }
        },
        "pattern" => match value.as_str().map(regex::Regex::new) {
            Some(Ok(regex)) => Some(Check::Pattern(regex.as_str().to_owned())),
            Some(Err(error)) => {
                cx.error_at(span, format!("invalid `pattern`: {}", regex_error(&error)));
                None
            }
            None => {
                cx.error_at(span, "`pattern` must be a string");
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
                                    "`anyOf` branches may hold only string constraints (`format`, \
                                     `pattern`, `minLength`, `maxLength`), not `{name}`"
                                ),
                            );
                            return None;
                        }
                        continue;
                    }
                    checks.push(extension_check(cx, span, name, value)?);
                }
                read.push(checks);
            }
            Some(Check::AnyOf(read))
        }
        name if is_annotation(name) => None,
        name => {
            cx.error_at(
                span,
                format!("`extend(\"{name}\" = ...)` is not supported by these derives: the validator could not check it"),
            );
            None
        }
    }
}

fn unsigned(expr: &Expr, name: &str) -> syn::Result<u64> {
    match expr {
        Expr::Lit(ExprLit {
            lit: Lit::Int(literal),
            ..
        }) => literal.base10_parse(),
        other => Err(syn::Error::new(
            other.span(),
            format!("`{name}` bounds must be integer literals"),
        )),
    }
}

fn number(expr: &Expr, name: &str) -> syn::Result<Number> {
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
        }) => match number(expr, name)? {
            Number::Integer(value) => Ok(Number::Integer(-value)),
            Number::Float(value) => Ok(Number::Float(-value)),
        },
        other => Err(syn::Error::new(
            other.span(),
            format!("`{name}` bounds must be number literals"),
        )),
    }
}

impl PartialOrd for Number {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        as_f64(*self).partial_cmp(&as_f64(*other))
    }
}

impl PartialEq for Number {
    fn eq(&self, other: &Self) -> bool {
        as_f64(*self) == as_f64(*other)
    }
}

impl std::fmt::Display for Number {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Integer(value) => write!(f, "{value}"),
            Self::Float(value) => write!(f, "{value}"),
        }
    }
}

#[allow(clippy::cast_precision_loss)] // only compares min with max
fn as_f64(number: Number) -> f64 {
    match number {
        Number::Integer(value) => value as f64,
        Number::Float(value) => value,
    }
}
