//! Reads the cross-member rules a struct states in
//! `#[schemars(transform = schema_runtime::rules!(...))]`, and checks them against its members.
//!
//! schemars runs the transform (the runtime's `rules!` stands for the transform that publishes
//! the rules `#[derive(Validate)]` read), so the published schema, the validator and the random
//! fixtures follow the one declaration. The grammar, members named as in documents (as
//! `#[serde(tag = "...")]` and JSON Schema's `required` name them):
//!
//! ```text
//! rules!(RULE, ...)
//! RULE  = at_least_one("member", ...)                       // present and not null
//!       | when("member" = VALUE, then("member" = VALUE))    // if / then const
//!       | when("member" = VALUE, then("member", regex(pattern = "...")))
//!       | when("member" = VALUE, then("member", members(GROUP, ...)))   // a nested object's members
//! GROUP = required("member", ...) | optional("member", ...)              // each at most once
//! VALUE = true | false | "string"
//! ```
//!
//! `members(...)` constrains an own member whose type is a struct deriving `Validate`: when the
//! condition holds, that object has every `required` member and, of the members its type
//! declares, none but the `required` and `optional` ones. The nested type's member list is read
//! when the schema is made (the derive of the outer struct cannot see it), and a name it does not
//! declare fails there.

use proc_macro2::{Span, TokenStream};
use syn::parse::{ParseStream, Parser};
use syn::{Ident, LitBool, LitStr, Token};

use super::ast::Field;
use super::ctxt::Ctxt;
use super::symbol::{AT_LEAST_ONE, MEMBERS, OPTIONAL, PATTERN, REGEX, REQUIRED, THEN, WHEN};

/// A member a rule names, with the span of its literal.
#[derive(Clone, Debug)]
pub struct MemberName {
    pub name: String,
    pub span: Span,
}

/// A value a rule compares a member with.
#[derive(Clone, Debug)]
pub enum RuleValue {
    Bool(bool, Span),
    String(String, Span),
}

impl RuleValue {
    pub fn span(&self) -> Span {
        match self {
            Self::Bool(_, span) | Self::String(_, span) => *span,
        }
    }

    /// The value as JSON text (`true`, `"view"`).
    pub fn json(&self) -> String {
        match self {
            Self::Bool(flag, _) => flag.to_string(),
            Self::String(text, _) => serde_json::Value::from(text.as_str()).to_string(),
        }
    }
}

/// What a `when` rule asks of its `then` member.
#[derive(Clone, Debug)]
pub enum ThenAttr {
    Equals(RuleValue),
    /// A pattern already known to compile, with the span of its literal.
    Pattern(String, Span),
    /// The members of a nested object: those it must have, those it may have besides; the span
    /// is the keyword's.
    Members {
        required: Vec<MemberName>,
        optional: Vec<MemberName>,
        span: Span,
    },
}

/// One rule as stated.
#[derive(Clone, Debug)]
pub enum RuleAttr {
    AtLeastOne(Vec<MemberName>),
    IfThen {
        member: MemberName,
        value: RuleValue,
        then_member: MemberName,
        then: ThenAttr,
    },
}

impl RuleAttr {
    /// The members the rule reads, in the order stated.
    pub fn members(&self) -> Vec<&MemberName> {
        match self {
            Self::AtLeastOne(members) => members.iter().collect(),
            Self::IfThen {
                member,
                then_member,
                ..
            } => vec![member, then_member],
        }
    }
}

/// Reads the tokens of `rules!(...)`, reporting every mistake at its token; `None` after one.
pub fn parse(cx: &Ctxt, tokens: TokenStream, span: Span) -> Option<Vec<RuleAttr>> {
    let mut failed = false;
    let parser = |input: ParseStream<'_>| {
        let mut rules = Vec::new();
        while !input.is_empty() {
            match parse_rule(cx, input) {
                Some(rule) => rules.push(rule),
                None => {
                    failed = true;
                    // The rest is skipped: one mistake, one message.
                    let _ = input.parse::<TokenStream>();
                    break;
                }
            }
            if input.is_empty() {
                break;
            }
            input.parse::<Token![,]>()?;
        }
        Ok(rules)
    };
    let rules = match parser.parse2(tokens) {
        Ok(rules) => rules,
        Err(error) => {
            cx.syn_error(error);
            return None;
        }
    };
    if failed {
        return None;
    }
    if rules.is_empty() {
        cx.error_at(
            span,
            "`rules!` states no rule: expected `at_least_one(...)` or `when(...)`",
        );
        return None;
    }
    Some(rules)
}

fn parse_rule(cx: &Ctxt, input: ParseStream<'_>) -> Option<RuleAttr> {
    let Ok(keyword) = input.parse::<Ident>() else {
        cx.error_at(
            input.span(),
            "expected a rule: `at_least_one(...)` or `when(...)`",
        );
        return None;
    };
    let Ok(content) = grouped(input) else {
        cx.error_spanned_by(&keyword, format!("expected `{keyword}(...)`"));
        return None;
    };
    let rule = if keyword == AT_LEAST_ONE {
        at_least_one(cx, &keyword, &content)
    } else if keyword == WHEN {
        when(cx, &keyword, &content)
    } else {
        cx.error_spanned_by(
            &keyword,
            format!("unknown rule `{keyword}`: expected `at_least_one(...)` or `when(...)`"),
        );
        None
    };
    if rule.is_none() {
        drain(&content);
    }
    rule
}

/// Consumes what is left of a group after a mistake in it: one mistake, one message (syn
/// would report the tokens left as unexpected).
fn drain(input: ParseStream<'_>) {
    let _ = input.parse::<TokenStream>();
}

fn grouped(input: ParseStream<'_>) -> syn::Result<syn::parse::ParseBuffer<'_>> {
    let content;
    syn::parenthesized!(content in input);
    Ok(content)
}

fn at_least_one(cx: &Ctxt, keyword: &Ident, content: ParseStream<'_>) -> Option<RuleAttr> {
    let mut members: Vec<MemberName> = Vec::new();
    while !content.is_empty() {
        let member = member(cx, content)?;
        if members.iter().any(|known| known.name == member.name) {
            cx.error_at(
                member.span,
                format!(
                    "member `{}` is named twice in `{AT_LEAST_ONE}`",
                    member.name
                ),
            );
            return None;
        }
        members.push(member);
        if content.is_empty() {
            break;
        }
        if content.parse::<Token![,]>().is_err() {
            cx.error_at(content.span(), "expected `,` between the members of a rule");
            return None;
        }
    }
    if members.is_empty() {
        cx.error_spanned_by(
            keyword,
            format!("`{AT_LEAST_ONE}` names no member: expected `{AT_LEAST_ONE}(\"member\", ...)`"),
        );
        return None;
    }
    Some(RuleAttr::AtLeastOne(members))
}

fn when(cx: &Ctxt, keyword: &Ident, content: ParseStream<'_>) -> Option<RuleAttr> {
    let shape = || {
        cx.error_spanned_by(
            keyword,
            format!("expected `{WHEN}(\"member\" = value, {THEN}(...))`"),
        );
    };
    if content.is_empty() {
        shape();
        return None;
    }
    let member = member(cx, content)?;
    if content.parse::<Token![=]>().is_err() {
        cx.error_at(
            content.span(),
            format!(
                "expected `=` and the value `{}` is compared with",
                member.name
            ),
        );
        return None;
    }
    let value = value(cx, content)?;
    if content.parse::<Token![,]>().is_err() {
        shape();
        return None;
    }
    let then_keyword = match content.parse::<Ident>() {
        Ok(ident) if ident == THEN => ident,
        Ok(other) => {
            cx.error_spanned_by(
                &other,
                format!("expected `{THEN}(...)` after the condition of `{WHEN}`"),
            );
            return None;
        }
        Err(_) => {
            shape();
            return None;
        }
    };
    let Ok(inner) = grouped(content) else {
        cx.error_spanned_by(
            &then_keyword,
            format!("expected `{THEN}(\"member\" = value)`"),
        );
        return None;
    };
    let Some((then_member, then)) = then(cx, &inner) else {
        drain(&inner);
        return None;
    };
    let _ = content.parse::<Token![,]>();
    if !content.is_empty() {
        cx.error_at(
            content.span(),
            format!("unexpected tokens after `{THEN}(...)`"),
        );
        return None;
    }
    if then_member.name == member.name {
        cx.error_at(
            then_member.span,
            format!(
                "`{WHEN}` constrains the member its condition reads, `{}`",
                member.name
            ),
        );
        return None;
    }
    Some(RuleAttr::IfThen {
        member,
        value,
        then_member,
        then,
    })
}

/// Reads the inside of `then(...)`: a member, then `= value`, `, regex(pattern = "...")` or
/// `, members(...)`.
fn then(cx: &Ctxt, inner: ParseStream<'_>) -> Option<(MemberName, ThenAttr)> {
    let then_member = member(cx, inner)?;
    let then = if inner.parse::<Token![=]>().is_ok() {
        ThenAttr::Equals(value(cx, inner)?)
    } else if inner.parse::<Token![,]>().is_ok() {
        if inner
            .fork()
            .parse::<Ident>()
            .is_ok_and(|ident| ident == MEMBERS)
        {
            members(cx, inner)?
        } else {
            regex(cx, inner)?
        }
    } else {
        cx.error_at(
            inner.span(),
            format!(
                "expected `= value`, `, {REGEX}(pattern = \"...\")` or `, {MEMBERS}(...)` after \
                 the member of `{THEN}`"
            ),
        );
        return None;
    };
    if !inner.is_empty() {
        cx.error_at(inner.span(), format!("unexpected tokens in `{THEN}(...)`"));
        return None;
    }
    Some((then_member, then))
}

fn regex(cx: &Ctxt, input: ParseStream<'_>) -> Option<ThenAttr> {
    let expected = || format!("expected `{REGEX}(pattern = \"...\")`");
    match input.parse::<Ident>() {
        Ok(ident) if ident == REGEX => {}
        Ok(other) => {
            cx.error_spanned_by(&other, expected());
            return None;
        }
        Err(_) => {
            cx.error_at(input.span(), expected());
            return None;
        }
    }
    let Ok(inner) = grouped(input) else {
        cx.error_at(input.span(), expected());
        return None;
    };
    let parsed = (|| -> syn::Result<LitStr> {
        let key: Ident = inner.parse()?;
        if key != PATTERN {
            return Err(syn::Error::new(key.span(), expected()));
        }
        inner.parse::<Token![=]>()?;
        let literal: LitStr = inner.parse()?;
        if !inner.is_empty() {
            return Err(inner.error(expected()));
        }
        Ok(literal)
    })();
    let literal = match parsed {
        Ok(literal) => literal,
        Err(error) => {
            cx.error_at(error.span(), expected());
            drain(&inner);
            return None;
        }
    };
    match regex::Regex::new(&literal.value()) {
        Ok(_) => Some(ThenAttr::Pattern(literal.value(), literal.span())),
        Err(error) => {
            cx.error_spanned_by(
                &literal,
                format!(
                    "invalid `{REGEX}` pattern: {}",
                    super::attr::regex_error(&error)
                ),
            );
            None
        }
    }
}

/// Reads `members(required("a", ...), optional("b", ...))`, the keyword next.
fn members(cx: &Ctxt, input: ParseStream<'_>) -> Option<ThenAttr> {
    let keyword: Ident = input.parse().ok()?;
    let shape =
        format!("expected `{MEMBERS}({REQUIRED}(\"member\", ...), {OPTIONAL}(\"member\", ...))`");
    let Ok(groups) = grouped(input) else {
        cx.error_spanned_by(&keyword, shape);
        return None;
    };
    let mut required: Option<Vec<MemberName>> = None;
    let mut optional: Option<Vec<MemberName>> = None;
    let mut named: Vec<MemberName> = Vec::new();
    while !groups.is_empty() {
        let group = match groups.parse::<Ident>() {
            Ok(group) if group == REQUIRED || group == OPTIONAL => group,
            Ok(other) => {
                cx.error_spanned_by(
                    &other,
                    format!("expected `{REQUIRED}(...)` or `{OPTIONAL}(...)` in `{MEMBERS}`"),
                );
                drain(&groups);
                return None;
            }
            Err(_) => {
                cx.error_at(groups.span(), shape);
                drain(&groups);
                return None;
            }
        };
        let slot = if group == REQUIRED {
            &mut required
        } else {
            &mut optional
        };
        if slot.is_some() {
            cx.error_spanned_by(&group, format!("duplicate `{group}` in `{MEMBERS}`"));
            drain(&groups);
            return None;
        }
        let Ok(content) = grouped(&groups) else {
            cx.error_spanned_by(&group, format!("expected `{group}(\"member\", ...)`"));
            drain(&groups);
            return None;
        };
        let mut listed = Vec::new();
        while !content.is_empty() {
            let Some(name) = member(cx, &content) else {
                drain(&content);
                drain(&groups);
                return None;
            };
            if named.iter().any(|known| known.name == name.name) {
                cx.error_at(
                    name.span,
                    format!("member `{}` is named twice in `{MEMBERS}`", name.name),
                );
                drain(&content);
                drain(&groups);
                return None;
            }
            named.push(name.clone());
            listed.push(name);
            if content.is_empty() {
                break;
            }
            if content.parse::<Token![,]>().is_err() {
                cx.error_at(content.span(), "expected `,` between the members of a rule");
                drain(&content);
                drain(&groups);
                return None;
            }
        }
        if listed.is_empty() {
            cx.error_spanned_by(
                &group,
                format!("`{group}` names no member: expected `{group}(\"member\", ...)`"),
            );
            drain(&groups);
            return None;
        }
        *slot = Some(listed);
        if groups.is_empty() {
            break;
        }
        if groups.parse::<Token![,]>().is_err() {
            cx.error_at(
                groups.span(),
                format!("expected `,` between the groups of `{MEMBERS}`"),
            );
            drain(&groups);
            return None;
        }
    }
    if named.is_empty() {
        cx.error_spanned_by(&keyword, format!("`{MEMBERS}` names no member: {shape}"));
        return None;
    }
    Some(ThenAttr::Members {
        required: required.unwrap_or_default(),
        optional: optional.unwrap_or_default(),
        span: keyword.span(),
    })
}

fn member(cx: &Ctxt, input: ParseStream<'_>) -> Option<MemberName> {
    match input.parse::<LitStr>() {
        Ok(literal) => Some(MemberName {
            name: literal.value(),
            span: literal.span(),
        }),
        Err(_) => {
            cx.error_at(
                input.span(),
                "a rule names a member as documents do, by a string literal (`\"userId\"`)",
            );
            None
        }
    }
}

fn value(cx: &Ctxt, input: ParseStream<'_>) -> Option<RuleValue> {
    if input.peek(LitBool) {
        let flag: LitBool = input.parse().ok()?;
        return Some(RuleValue::Bool(flag.value, flag.span));
    }
    if input.peek(LitStr) {
        let text: LitStr = input.parse().ok()?;
        return Some(RuleValue::String(text.value(), text.span()));
    }
    cx.error_at(
        input.span(),
        "a rule compares a member with `true`, `false` or a string literal",
    );
    None
}

/// Checks `rules` against the struct's members: every member a rule names is one of its own
/// (or, when the struct flattens a struct, may be one that struct lends), and every value has
/// the type of its member.
pub fn check(cx: &Ctxt, rules: &[RuleAttr], fields: &[Field<'_>]) {
    let flattens = fields.iter().any(|field| field.flatten);
    for rule in rules {
        for member in rule.members() {
            let own = fields
                .iter()
                .any(|field| !field.flatten && field.wire_name == member.name);
            if own || flattens {
                continue;
            }
            let mut message = format!("unknown member `{}` in a rule", member.name);
            if let Some(field) = fields.iter().find(
                |field| matches!(&field.member, syn::Member::Named(ident) if *ident == member.name),
            ) {
                message.push_str(&format!(
                    ": rules name members as documents do; did you mean `{}`?",
                    field.wire_name
                ));
            } else {
                let names: Vec<String> = fields
                    .iter()
                    .filter(|field| !field.flatten)
                    .map(|field| format!("`{}`", field.wire_name))
                    .collect();
                message.push_str(&format!("; the struct's members: {}", names.join(", ")));
            }
            cx.error_at(member.span, message);
        }
        if let RuleAttr::IfThen {
            member,
            value,
            then_member,
            then,
        } = rule
        {
            check_value(cx, fields, member, value);
            match then {
                ThenAttr::Equals(value) => check_value(cx, fields, then_member, value),
                ThenAttr::Members { span, .. } => {
                    match own_kind(fields, &then_member.name) {
                        // Unless a flattened struct may lend it, an unknown member is reported
                        // above, once.
                        None if !flattens => {}
                        None => cx.error_at(
                            *span,
                            format!(
                                "`{MEMBERS}` constrains a member the struct declares itself, whose \
                                 type lists the nested members; `{}` is not one",
                                then_member.name
                            ),
                        ),
                        Some(kind @ (Kind::Bool | Kind::String | Kind::Number)) => cx.error_at(
                            *span,
                            format!(
                                "`{}` is a `{}`: `{MEMBERS}` applies to objects",
                                then_member.name,
                                kind.name()
                            ),
                        ),
                        Some(Kind::Other) => {}
                    }
                }
                ThenAttr::Pattern(_, span) => {
                    if let Some(kind) = own_kind(fields, &then_member.name) {
                        if kind != Kind::String && kind != Kind::Other {
                            cx.error_at(
                                *span,
                                format!(
                                    "`{}` is a `{}`: `{REGEX}` applies to strings",
                                    then_member.name,
                                    kind.name()
                                ),
                            );
                        }
                    }
                }
            }
        }
    }
}

/// The JSON type a member's Rust type fixes, read from its spelling (under `Option` and
/// `Nullable`); `Other` for a type whose JSON type is not known here (a newtype's).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Bool,
    String,
    Number,
    Other,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Self::Bool => "bool",
            Self::String => "String",
            Self::Number => "number",
            Self::Other => "value",
        }
    }
}

fn own_kind(fields: &[Field<'_>], name: &str) -> Option<Kind> {
    let field = fields
        .iter()
        .find(|field| !field.flatten && field.wire_name == name)?;
    Some(kind_of(&field.schema_ty))
}

fn kind_of(ty: &syn::Type) -> Kind {
    let syn::Type::Path(path) = super::ungroup(ty) else {
        return Kind::Other;
    };
    let Some(last) = path.path.segments.last() else {
        return Kind::Other;
    };
    let ident = last.ident.to_string();
    match ident.as_str() {
        "Option" | "Nullable" => match &last.arguments {
            syn::PathArguments::AngleBracketed(arguments) => match arguments.args.first() {
                Some(syn::GenericArgument::Type(inner)) => kind_of(inner),
                _ => Kind::Other,
            },
            _ => Kind::Other,
        },
        "bool" => Kind::Bool,
        "String" | "str" => Kind::String,
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "i8" | "i16" | "i32" | "i64" | "i128"
        | "isize" | "f32" | "f64" => Kind::Number,
        _ => Kind::Other,
    }
}

fn check_value(cx: &Ctxt, fields: &[Field<'_>], member: &MemberName, value: &RuleValue) {
    let Some(kind) = own_kind(fields, &member.name) else {
        return;
    };
    let fits = matches!(
        (kind, value),
        (Kind::Other, _)
            | (Kind::Bool, RuleValue::Bool(..))
            | (Kind::String, RuleValue::String(..))
    );
    if !fits {
        let hint = match kind {
            Kind::Bool => "compare it with `true` or `false`",
            Kind::String => "compare it with a string literal",
            Kind::Number | Kind::Other => "rules compare only booleans and strings",
        };
        cx.error_at(
            value.span(),
            format!("`{}` is a `{}`: {hint}", member.name, kind.name()),
        );
    }
}
