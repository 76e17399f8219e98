//! The parallel walk over two schemas: from the roots, each pair of subschemas is read through
//! its `$ref`s and compared keyword by keyword (annotations, `null`, types, enumerations, string
//! rules, bounds, objects, items, unions, and any other keyword as a value), and every difference
//! is reported as a change with its verdict. Each pair of locations is compared once, which ends
//! cycles; a change reached twice (a `$defs` entry used in two places) is reported once. The
//! members of objects are compared in `walk/members.rs`.

mod members;

use std::cmp::Ordering;
use std::collections::{BTreeSet, HashSet};

use serde_json::Value;

use super::DiffError;
use super::canonical::canonical;
use super::change::{Change, ChangeKind};
use super::enumeration::{Enumeration, enumeration};
use super::keywords::{BOUNDS, STRING_RULES, StringRule, is_annotation, is_modelled};
use super::node::{Node, Site, read_unwrapped};
use super::verdict::{Effect, Verdict};

/// The schema `true`, for an absent `items` or `additionalProperties`.
static ANYTHING: Value = Value::Bool(true);

/// Every change from `old` to `new`, in the order of the walk.
pub(super) fn changes(old: &Value, new: &Value) -> Result<Vec<Change>, DiffError> {
    let mut walk = Walk::new(old, new);
    walk.compare((old, "#".into()), (new, "#".into()), "")?;
    if old.get("$schema") != new.get("$schema") {
        walk.report(
            ChangeKind::KeywordChanged,
            "",
            "#/$schema".into(),
            "the dialect (`$schema`) changed".into(),
            Verdict::UNDECIDED,
        );
    }
    if walk.changes.is_empty() && without_id(old) != without_id(new) {
        walk.report(
            ChangeKind::Restructured,
            "",
            "#".into(),
            "the files differ, but every compared keyword is the same: they accept the same documents"
                .into(),
            Verdict::SAME,
        );
    }
    Ok(walk.changes)
}

/// The schema as text without its `$id`: two files that differ only there are the same schema.
fn without_id(schema: &Value) -> String {
    let mut schema = schema.clone();
    if let Value::Object(object) = &mut schema {
        object.remove("$id");
    }
    // Serialised, so that a change of key order counts: the published bytes change with it.
    schema.to_string()
}

/// The state of one comparison of two schemas.
struct Walk<'a> {
    old: &'a Value,
    new: &'a Value,
    /// Pairs of locations already compared: each is compared once, which ends cycles.
    compared: HashSet<(String, String)>,
    /// Changes already reported, so that a `$defs` entry reached twice is reported once.
    reported: HashSet<(ChangeKind, String, String)>,
    changes: Vec<Change>,
}

impl<'a> Walk<'a> {
    fn new(old: &'a Value, new: &'a Value) -> Self {
        Self {
            old,
            new,
            compared: HashSet::new(),
            reported: HashSet::new(),
            changes: Vec::new(),
        }
    }

    fn push(&mut self, change: Change) {
        let key = (change.kind, change.location.clone(), change.detail.clone());
        if self.reported.insert(key) {
            self.changes.push(change);
        }
    }

    fn report(
        &mut self,
        kind: ChangeKind,
        path: &str,
        location: String,
        detail: String,
        verdict: Verdict,
    ) {
        self.push(Change {
            kind,
            path: path.to_owned(),
            location,
            detail,
            verdict,
            content_model: None,
        });
    }

    /// The verdict of comparing two subschemas on their own (annotations aside).
    fn verdict_of(&self, old: Site<'a>, new: Site<'a>) -> Result<Verdict, DiffError> {
        let mut walk = Walk::new(self.old, self.new);
        walk.compare(old, new, "")?;
        Ok(Verdict::worst_of(
            walk.changes.iter().map(|change| change.verdict),
        ))
    }

    /// Compares the subschemas at two locations, once, as the values at document path `path`.
    fn compare(&mut self, old: Site<'a>, new: Site<'a>, path: &str) -> Result<(), DiffError> {
        if !self.compared.insert((old.1.clone(), new.1.clone())) {
            return Ok(());
        }
        let old_node = read_unwrapped(self.old, old.0, old.1.clone())?;
        let new_node = read_unwrapped(self.new, new.0, new.1.clone())?;
        if self.split((old, &old_node), (new, &new_node), path)? {
            return Ok(());
        }
        self.nodes(&old_node, &new_node, path)
    }

    /// A schema that became the `anyOf` of alternatives, one of which accepts what it accepted
    /// (a kind that gained eras), or the reverse: compared as a union of that one alternative,
    /// so that the others are `alternative-added` (or `-removed`), not a change to every
    /// keyword. `false` when the two are not such a pair.
    fn split(
        &mut self,
        (old_site, old): (Site<'a>, &Node<'a>),
        (new_site, new): (Site<'a>, &Node<'a>),
        path: &str,
    ) -> Result<bool, DiffError> {
        let only_union = |node: &Node<'a>| -> Option<(&'a [Value], String)> {
            let mut assertions = node
                .assertions()
                .filter(|keyword| !matches!(*keyword, "$defs" | "$id" | "$schema" | "$comment"));
            match (assertions.next(), assertions.next(), node.site("anyOf")) {
                (Some("anyOf"), None, Some((Value::Array(alternatives), at))) => {
                    Some((alternatives.as_slice(), at))
                }
                _ => None,
            }
        };
        let is_union = |node: &Node<'a>| {
            ["anyOf", "oneOf", "allOf"]
                .iter()
                .any(|union| node.keywords.contains_key(union))
        };
        let (single, (alternatives, at), widened) = match (only_union(old), only_union(new)) {
            (None, Some(union)) if !is_union(old) => (old_site.0, union, true),
            (Some(union), None) if !is_union(new) => (new_site.0, union, false),
            _ => return Ok(false),
        };
        let (single_root, union_root) = if widened {
            (self.old, self.new)
        } else {
            (self.new, self.old)
        };
        let form = canonical(single_root, single);
        let Some(same) = alternatives
            .iter()
            .position(|alternative| canonical(union_root, alternative) == form)
        else {
            return Ok(false);
        };
        let paired = (&alternatives[same], format!("{at}/{same}"));
        self.annotations(old, new, path);
        let before = self.changes.len();
        if widened {
            self.compare(old_site, paired, path)?;
        } else {
            self.compare(paired, new_site, path)?;
        }
        // The single schema's annotations stay beside the union (a title, a description): an
        // alternative without them is no annotation removed.
        let union = if widened { new } else { old };
        let mut index = before;
        while index < self.changes.len() {
            let change = &self.changes[index];
            let kept_beside = change.kind == ChangeKind::AnnotationChanged
                && change.path == path
                && union.keywords.keys().any(|keyword| {
                    change.detail == format!("`{keyword}` removed")
                        || change.detail == format!("`{keyword}` added")
                });
            if kept_beside {
                self.changes.remove(index);
            } else {
                index += 1;
            }
        }
        let (kind, detail, verdict) = if widened {
            (
                ChangeKind::AlternativeAdded,
                "the schema became the `anyOf` of alternatives, one of them the old schema; an \
                 alternative added",
                Verdict::WIDER,
            )
        } else {
            (
                ChangeKind::AlternativeRemoved,
                "the `anyOf` of alternatives became one of them; an alternative removed",
                Verdict::NARROWER,
            )
        };
        for index in (0..alternatives.len()).filter(|index| *index != same) {
            self.report(
                kind,
                path,
                format!("{at}/{index}"),
                detail.to_owned(),
                verdict,
            );
        }
        Ok(true)
    }

    /// Compares two subschemas read through their `$ref`s, keyword by keyword.
    fn nodes(&mut self, old: &Node<'a>, new: &Node<'a>, path: &str) -> Result<(), DiffError> {
        if old.nothing || new.nothing {
            if old.nothing != new.nothing {
                let (kind, detail, verdict) = if old.nothing {
                    (
                        ChangeKind::TypeWidened,
                        "accepted nothing (`false`), now accepts values",
                        Verdict::WIDER,
                    )
                } else {
                    (
                        ChangeKind::TypeNarrowed,
                        "now accepts nothing (`false`)",
                        Verdict::NARROWER,
                    )
                };
                self.report(kind, path, new.at.clone(), detail.into(), verdict);
            }
            return Ok(());
        }
        self.annotations(old, new, path);
        let old_values = enumeration(self.old, old)?;
        let new_values = enumeration(self.new, new)?;
        let old_side = Side {
            node: old,
            values: old_values.as_ref(),
        };
        let new_side = Side {
            node: new,
            values: new_values.as_ref(),
        };
        self.nullable(old_side, new_side, path);
        if !self.types(old_side, new_side, path) {
            return Ok(());
        }
        self.enumerations(old_values.as_ref(), new_values.as_ref(), path);
        for rule in &STRING_RULES {
            self.string_rule(rule, old, new, path);
        }
        for (keyword, lower) in BOUNDS {
            self.bound(keyword, lower, old, new, path);
        }
        self.object(old, new, path)?;
        self.items(old, new, path)?;
        let consumed = (
            old_values.and_then(|values| values.union),
            new_values.and_then(|values| values.union),
        );
        self.unions(old, new, consumed, path)?;
        self.other_keywords(old, new, path);
        Ok(())
    }

    fn annotations(&mut self, old: &Node<'a>, new: &Node<'a>, path: &str) {
        let keywords: BTreeSet<&str> = old
            .keywords
            .keys()
            .chain(new.keywords.keys())
            .copied()
            .filter(|keyword| is_annotation(keyword))
            .collect();
        for keyword in keywords {
            let detail = match (old.get(keyword), new.get(keyword)) {
                (Some(before), Some(after)) if before != after => "changed",
                (None, Some(_)) => "added",
                (Some(_), None) => "removed",
                _ => continue,
            };
            let location = new.change_location(old, keyword);
            self.report(
                ChangeKind::AnnotationChanged,
                path,
                location,
                format!("`{keyword}` {detail}"),
                Verdict::SAME,
            );
        }
    }

    fn nullable(&mut self, old: Side<'_, 'a>, new: Side<'_, 'a>, path: &str) {
        let (kind, detail, verdict, location) = match (old.accepts_null(), new.accepts_null()) {
            (Some(false), Some(true)) => (
                ChangeKind::NullableAdded,
                "`null` is now accepted",
                Verdict::WIDER,
                new.null_location(),
            ),
            (Some(true), Some(false)) => (
                ChangeKind::NullableRemoved,
                "`null` is no longer accepted",
                Verdict::NARROWER,
                old.null_location(),
            ),
            _ => return,
        };
        self.report(kind, path, location, detail.into(), verdict);
    }

    /// Compares the JSON types (`null` aside); false when the two share none, so that nothing
    /// else is worth comparing.
    fn types(&mut self, old: Side<'_, 'a>, new: Side<'_, 'a>, path: &str) -> bool {
        // Two enumerations are compared by their values; an enumeration against a schema that
        // declares no type is an `enum-added` or `enum-removed`, not a change of type.
        let enumerated = match (old.values, new.values) {
            (Some(_), Some(_)) => true,
            (Some(_), None) => new.node.declared_types().is_none(),
            (None, Some(_)) => old.node.declared_types().is_none(),
            (None, None) => false,
        };
        if enumerated {
            return true;
        }
        let (before, after) = (old.types(), new.types());
        let change = match (&before, &after) {
            (None, None) => None,
            (None, Some(after)) => Some((
                ChangeKind::TypeNarrowed,
                format!("any type before, now only {}", list(after)),
                Verdict::NARROWER,
            )),
            (Some(before), None) => Some((
                ChangeKind::TypeWidened,
                format!("only {} before, now any type", list(before)),
                Verdict::WIDER,
            )),
            (Some(before), Some(after)) => {
                let wider = before.iter().all(|ty| covers(after, ty));
                let narrower = after.iter().all(|ty| covers(before, ty));
                let detail = format!("from {} to {}", list(before), list(after));
                match (wider, narrower) {
                    (true, true) => None,
                    (true, false) => Some((ChangeKind::TypeWidened, detail, Verdict::WIDER)),
                    (false, true) => Some((ChangeKind::TypeNarrowed, detail, Verdict::NARROWER)),
                    (false, false) => Some((ChangeKind::TypeChanged, detail, Verdict::OTHER)),
                }
            }
        };
        if let Some((kind, detail, verdict)) = change {
            let location = new.node.change_location(old.node, "type");
            self.report(kind, path, location, detail, verdict);
        }
        match (before, after) {
            (Some(before), Some(after)) => {
                before.iter().any(|ty| covers(&after, ty))
                    || after.iter().any(|ty| covers(&before, ty))
            }
            _ => true,
        }
    }

    fn enumerations(
        &mut self,
        old: Option<&Enumeration<'a>>,
        new: Option<&Enumeration<'a>>,
        path: &str,
    ) {
        let (kind, enumeration, detail, verdict) = match (old, new) {
            (Some(old), Some(new)) => return self.enumerated_values(old, new, path),
            (None, Some(new)) => {
                let accepted: Vec<&Value> = new.values().collect();
                let detail = format!("any value before, now only {}", values(&accepted));
                (ChangeKind::EnumAdded, new, detail, Verdict::NARROWER)
            }
            (Some(old), None) => {
                let accepted: Vec<&Value> = old.values().collect();
                let detail = format!("only {} before, now any value", values(&accepted));
                (ChangeKind::EnumRemoved, old, detail, Verdict::WIDER)
            }
            (None, None) => return,
        };
        self.report(kind, path, enumeration.at.clone(), detail, verdict);
    }

    /// Compares two enumerations value by value: the values removed, those added, and the
    /// annotations of the values kept.
    fn enumerated_values(&mut self, old: &Enumeration<'a>, new: &Enumeration<'a>, path: &str) {
        let removed: Vec<&Value> = old.values().filter(|value| !new.has(value)).collect();
        let added: Vec<&Value> = new.values().filter(|value| !old.has(value)).collect();
        let changed = [
            (
                ChangeKind::EnumValuesRemoved,
                removed,
                "no longer accepted",
                Verdict::NARROWER,
            ),
            (
                ChangeKind::EnumValuesAdded,
                added,
                "now accepted",
                Verdict::WIDER,
            ),
        ];
        for (kind, changed, what, verdict) in changed {
            if !changed.is_empty() {
                let detail = format!("{what}: {}", values(&changed));
                self.report(kind, path, new.at.clone(), detail, verdict);
            }
        }
        for (value, annotations, at) in &new.members {
            let before = old.members.iter().find(|(member, _, _)| member == value);
            if let Some((_, before, _)) = before
                && before != annotations
            {
                self.report(
                    ChangeKind::AnnotationChanged,
                    path,
                    at.clone(),
                    format!("the annotations of the value {value} changed"),
                    Verdict::SAME,
                );
            }
        }
    }

    /// A rule a string must satisfy (`pattern`, `format`), added, removed or replaced.
    fn string_rule(&mut self, rule: &StringRule, old: &Node<'a>, new: &Node<'a>, path: &str) {
        let (kind, detail, verdict) = match (old.get(rule.keyword), new.get(rule.keyword)) {
            (None, Some(after)) => (
                rule.added,
                format!("now must {} {after}", rule.must),
                Verdict::NARROWER,
            ),
            (Some(before), None) => (
                rule.removed,
                format!("no longer must {} {before}", rule.must),
                Verdict::WIDER,
            ),
            (Some(before), Some(after)) if before != after => match rule.replaced_verdict {
                Some(verdict) => (
                    rule.replaced,
                    format!("from {before} to {after}"),
                    verdict(before, after),
                ),
                None => (
                    rule.replaced,
                    format!(
                        "from {before} to {after}; whether one accepts more than the other is not decided"
                    ),
                    Verdict::UNDECIDED,
                ),
            },
            _ => return,
        };
        let location = new.change_location(old, rule.keyword);
        self.report(kind, path, location, detail, verdict);
    }

    fn bound(&mut self, keyword: &str, lower: bool, old: &Node<'a>, new: &Node<'a>, path: &str) {
        let (before, after) = (old.get(keyword), new.get(keyword));
        let location = new.change_location(old, keyword);
        let (tightened, detail) = match (before, after) {
            (None, None) => return,
            (None, Some(after)) => (true, format!("`{keyword}` {after} added")),
            (Some(before), None) => (false, format!("`{keyword}` {before} removed")),
            (Some(before), Some(after)) => match compare_numbers(before, after) {
                Some(Ordering::Equal) => return,
                Some(order) => {
                    let raised = order == Ordering::Less;
                    let verb = if raised { "raised" } else { "lowered" };
                    (
                        raised == lower,
                        format!("`{keyword}` {verb} from {before} to {after}"),
                    )
                }
                None if before == after => return,
                None => {
                    self.report(
                        ChangeKind::KeywordChanged,
                        path,
                        location,
                        format!("`{keyword}` changed from {before} to {after}"),
                        Verdict::UNDECIDED,
                    );
                    return;
                }
            },
        };
        let (kind, verdict) = if tightened {
            (ChangeKind::BoundTightened, Verdict::NARROWER)
        } else {
            (ChangeKind::BoundLoosened, Verdict::WIDER)
        };
        self.report(kind, path, location, detail, verdict);
    }

    fn items(&mut self, old: &Node<'a>, new: &Node<'a>, path: &str) -> Result<(), DiffError> {
        let (before, after) = (old.site("items"), new.site("items"));
        if before.is_none() && after.is_none() {
            return Ok(());
        }
        let before = before.unwrap_or_else(|| (&ANYTHING, old.location("items")));
        let after = after.unwrap_or_else(|| (&ANYTHING, new.location("items")));
        self.compare(before, after, &format!("{path}/[]"))
    }

    fn unions(
        &mut self,
        old: &Node<'a>,
        new: &Node<'a>,
        consumed: (Option<&str>, Option<&str>),
        path: &str,
    ) -> Result<(), DiffError> {
        for union in ["anyOf", "oneOf", "allOf"] {
            let before = old.site(union).filter(|_| consumed.0 != Some(union));
            let after = new.site(union).filter(|_| consumed.1 != Some(union));
            match (before, after) {
                (None, None) => {}
                (
                    Some((Value::Array(before), before_at)),
                    Some((Value::Array(after), after_at)),
                ) => {
                    self.alternatives(union, (before, &before_at), (after, &after_at), path)?;
                }
                (before, after) => {
                    let detail = match (&before, &after) {
                        (None, _) => "added",
                        (_, None) => "removed",
                        _ => "changed",
                    };
                    let location = after.or(before).map(|(_, at)| at).unwrap_or_default();
                    self.report(
                        ChangeKind::KeywordChanged,
                        path,
                        location,
                        format!("`{union}` {detail}"),
                        Verdict::UNDECIDED,
                    );
                }
            }
        }
        Ok(())
    }

    /// Pairs the alternatives of a union: equal ones first, then those that name the same
    /// definition (`{"$ref": "#/$defs/era-2024"}` on both sides: one alternative, changed, such
    /// as an era of a kind), then the rest in order when as many are left on each side; what
    /// stays unpaired was added or removed.
    fn alternatives(
        &mut self,
        union: &str,
        (before, before_at): (&'a [Value], &str),
        (after, after_at): (&'a [Value], &str),
        path: &str,
    ) -> Result<(), DiffError> {
        let before_forms: Vec<Value> = before
            .iter()
            .map(|schema| canonical(self.old, schema))
            .collect();
        let after_forms: Vec<Value> = after
            .iter()
            .map(|schema| canonical(self.new, schema))
            .collect();
        let mut after_left: Vec<usize> = (0..after.len()).collect();
        let mut pairs = Vec::new();
        let mut before_left = Vec::new();
        for (index, form) in before_forms.iter().enumerate() {
            match after_left
                .iter()
                .position(|other| after_forms[*other] == *form)
            {
                Some(position) => pairs.push((index, after_left.remove(position))),
                None => before_left.push(index),
            }
        }
        before_left.retain(|index| {
            let named = before[*index].get("$ref").and_then(Value::as_str);
            let paired = named.and_then(|name| {
                after_left.iter().position(|other| {
                    after[*other].get("$ref").and_then(Value::as_str) == Some(name)
                })
            });
            match paired {
                Some(position) => {
                    pairs.push((*index, after_left.remove(position)));
                    false
                }
                None => true,
            }
        });
        if before_left.len() == after_left.len() {
            pairs.extend(before_left.drain(..).zip(after_left.drain(..)));
        }
        for (from, to) in pairs {
            self.compare(
                (&before[from], format!("{before_at}/{from}")),
                (&after[to], format!("{after_at}/{to}")),
                path,
            )?;
        }
        let (removed, added) = match union {
            "allOf" => (Verdict::WIDER, Verdict::NARROWER),
            "oneOf" => (
                Verdict::NARROWER,
                Verdict::new(Effect::MayBreak, Effect::Breaks),
            ),
            _ => (Verdict::NARROWER, Verdict::WIDER),
        };
        for index in before_left {
            self.report(
                ChangeKind::AlternativeRemoved,
                path,
                format!("{before_at}/{index}"),
                format!("an alternative of `{union}` removed"),
                removed,
            );
        }
        for index in after_left {
            self.report(
                ChangeKind::AlternativeAdded,
                path,
                format!("{after_at}/{index}"),
                format!("an alternative of `{union}` added"),
                added,
            );
        }
        Ok(())
    }

    fn other_keywords(&mut self, old: &Node<'a>, new: &Node<'a>, path: &str) {
        let keywords: BTreeSet<&str> = old.assertions().chain(new.assertions()).collect();
        for keyword in keywords {
            if is_modelled(keyword) {
                continue;
            }
            let before = old.get(keyword).map(|value| canonical(self.old, value));
            let after = new.get(keyword).map(|value| canonical(self.new, value));
            let detail = match (&before, &after) {
                (Some(before), Some(after)) if before != after => {
                    format!("`{keyword}` changed from {before} to {after}")
                }
                (None, Some(after)) => format!("`{keyword}` {after} added"),
                (Some(before), None) => format!("`{keyword}` {before} removed"),
                _ => continue,
            };
            let location = new.change_location(old, keyword);
            self.report(
                ChangeKind::KeywordChanged,
                path,
                location,
                detail,
                Verdict::UNDECIDED,
            );
        }
    }
}

/// One side of a comparison: a subschema read through its `$ref`s, with its enumeration when its
/// values are listed.
#[derive(Clone, Copy)]
struct Side<'s, 'a> {
    node: &'s Node<'a>,
    values: Option<&'s Enumeration<'a>>,
}

impl Side<'_, '_> {
    /// Whether the side accepts `null`, when it says.
    fn accepts_null(self) -> Option<bool> {
        if self.node.null_union.is_some() {
            Some(true)
        } else if let Some(values) = self.values {
            Some(values.has(&Value::Null))
        } else {
            self.node.declares_null()
        }
    }

    /// Where the side says whether it accepts `null`: its nullable union, its enumeration or its
    /// `type`.
    fn null_location(self) -> String {
        self.node
            .null_union
            .clone()
            .or_else(|| self.values.map(|values| values.at.clone()))
            .unwrap_or_else(|| self.node.location("type"))
    }

    /// The JSON types the side accepts (`None`: any): the declared ones, or its values' types
    /// (those the declared ones cover, when both are there).
    fn types(self) -> Option<BTreeSet<String>> {
        let declared = self.node.declared_types();
        match (self.values, declared) {
            (None, declared) => declared,
            (Some(values), None) => Some(values.types()),
            (Some(values), Some(declared)) => Some(
                values
                    .types()
                    .into_iter()
                    .filter(|ty| covers(&declared, ty))
                    .collect(),
            ),
        }
    }
}

/// Whether a value of type `ty` is accepted by the type set `types`.
fn covers(types: &BTreeSet<String>, ty: &str) -> bool {
    types.contains(ty) || (ty == "integer" && types.contains("number"))
}

fn list(types: &BTreeSet<String>) -> String {
    if types.is_empty() {
        "no type".into()
    } else {
        types
            .iter()
            .map(|ty| format!("`{ty}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn values(values: &[&Value]) -> String {
    const SHOWN: usize = 8;
    let mut text: Vec<String> = values
        .iter()
        .take(SHOWN)
        .map(|value| value.to_string())
        .collect();
    if values.len() > SHOWN {
        text.push(format!("and {} more", values.len() - SHOWN));
    }
    text.join(", ")
}

fn compare_numbers(old: &Value, new: &Value) -> Option<Ordering> {
    let (Value::Number(old), Value::Number(new)) = (old, new) else {
        return None;
    };
    if let (Some(old), Some(new)) = (old.as_i64(), new.as_i64()) {
        return Some(old.cmp(&new));
    }
    if let (Some(old), Some(new)) = (old.as_u64(), new.as_u64()) {
        return Some(old.cmp(&new));
    }
    old.as_f64()?.partial_cmp(&new.as_f64()?)
}
