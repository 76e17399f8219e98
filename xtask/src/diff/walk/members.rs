//! The members of an object, compared: members kept (walked into), added, removed or renamed
//! (one removed and one added with the same schema), members made required or optional, and what
//! the object lets through besides its members (`additionalProperties`). Whether adding or
//! removing a member breaks anyone depends on the object's content model, so such a change is
//! judged under the object's own model and, for the report, under the others.

use std::collections::BTreeSet;

use schema_types::schema_walk;
use serde_json::Value;

use super::Walk;
use crate::diff::DiffError;
use crate::diff::canonical::canonical;
use crate::diff::change::{Change, ChangeKind, ContentModel};
use crate::diff::node::{Node, Site, accepts_anything};
use crate::diff::verdict::{Effect, Verdict};

/// An object's content model, with its `additionalProperties` schema when that is a schema.
type Model<'a> = (ContentModel, Option<Site<'a>>);

impl<'a> Walk<'a> {
    /// Compares two object schemas (when either is one) member by member.
    pub(super) fn object(
        &mut self,
        old: &Node<'a>,
        new: &Node<'a>,
        path: &str,
    ) -> Result<(), DiffError> {
        if !old.is_object_schema() && !new.is_object_schema() {
            return Ok(());
        }
        let (old_members, new_members) = (old.properties(), new.properties());
        let (old_required, new_required) = (old.required(), new.required());
        let (old_model, new_model) = (old.content_model(), new.content_model());
        let member_path = |name: &str| schema_walk::join(path, name);

        for (name, before, before_at) in &old_members {
            let Some((_, after, after_at)) = new_members.iter().find(|(other, _, _)| other == name)
            else {
                continue;
            };
            self.compare(
                (before, before_at.clone()),
                (after, after_at.clone()),
                &member_path(name),
            )?;
            let required = (old_required.contains(name), new_required.contains(name));
            if required.0 != required.1 {
                self.required_changed(name, required.1, old, new, path);
            }
        }

        let removed: Vec<_> = old_members
            .iter()
            .filter(|(name, _, _)| !new_members.iter().any(|(other, _, _)| other == name))
            .collect();
        let added: Vec<_> = new_members
            .iter()
            .filter(|(name, _, _)| !old_members.iter().any(|(other, _, _)| other == name))
            .collect();
        // A rename: one member removed and one added with the same schema, and no other
        // candidate on either side.
        let removed_forms: Vec<Value> = removed
            .iter()
            .map(|(_, schema, _)| canonical(self.old, schema))
            .collect();
        let added_forms: Vec<Value> = added
            .iter()
            .map(|(_, schema, _)| canonical(self.new, schema))
            .collect();
        let mut renames = Vec::new();
        for (index, form) in removed_forms.iter().enumerate() {
            let matches: Vec<usize> = (0..added_forms.len())
                .filter(|j| added_forms[*j] == *form)
                .collect();
            if let [only] = matches[..]
                && removed_forms
                    .iter()
                    .filter(|other| **other == added_forms[only])
                    .count()
                    == 1
            {
                renames.push((index, only));
            }
        }

        let models = (&old_model, &new_model);
        for (index, (name, schema, at)) in removed.iter().enumerate() {
            if renames.iter().any(|(from, _)| *from == index) {
                continue;
            }
            let was_required = old_required.contains(name);
            let required = if was_required { "required " } else { "" };
            let detail = format!(
                "{required}member `{name}` removed, from a {} object",
                new_model.0.name()
            );
            let member = Member {
                removed: Some((was_required, (schema, at.clone()))),
                added: None,
            };
            let site = (member_path(name), at.clone());
            self.member_changed(ChangeKind::PropertyRemoved, site, detail, member, models)?;
        }

        for (index, (name, schema, at)) in added.iter().enumerate() {
            if renames.iter().any(|(_, to)| *to == index) {
                continue;
            }
            let required = new_required.contains(name);
            let (kind, adjective) = if required {
                (ChangeKind::RequiredPropertyAdded, "required")
            } else {
                (ChangeKind::OptionalPropertyAdded, "optional")
            };
            let detail = format!(
                "{adjective} member `{name}` added, to a {} object",
                old_model.0.name()
            );
            let member = Member {
                removed: None,
                added: Some((required, (schema, at.clone()))),
            };
            let site = (member_path(name), at.clone());
            self.member_changed(kind, site, detail, member, models)?;
        }

        for (from, to) in renames {
            let (old_name, old_schema, old_at) = removed[from];
            let (new_name, new_schema, new_at) = added[to];
            let detail = format!(
                "member `{old_name}` renamed to `{new_name}` (same schema), in a {} object",
                old_model.0.name()
            );
            let member = Member {
                removed: Some((
                    old_required.contains(old_name),
                    (old_schema, old_at.clone()),
                )),
                added: Some((
                    new_required.contains(new_name),
                    (new_schema, new_at.clone()),
                )),
            };
            let site = (member_path(new_name), new_at.clone());
            self.member_changed(ChangeKind::PropertyRenamed, site, detail, member, models)?;
        }

        // `required` names that no version declares as a member.
        let declared: BTreeSet<&str> = old_members
            .iter()
            .chain(&new_members)
            .map(|(name, _, _)| *name)
            .collect();
        for name in new_required.symmetric_difference(&old_required) {
            if !declared.contains(name) {
                self.required_changed(name, new_required.contains(name), old, new, path);
            }
        }

        self.additional_properties(old, new, old_model, new_model, path)
    }

    /// Reports what became of a member (`kind`, at its document path and location, with
    /// `detail`): judged under the objects' own content models (`models`, old and new) and, for
    /// the report, under each other model alone. A removal is shown under the new object's
    /// model, an addition or a rename under the old one's.
    fn member_changed(
        &mut self,
        kind: ChangeKind,
        (path, location): (String, String),
        detail: String,
        member: Member<'a>,
        (old_model, new_model): (&Model<'a>, &Model<'a>),
    ) -> Result<(), DiffError> {
        let verdict = self.member_verdict(&member, old_model.clone(), new_model.clone())?;
        let model = if member.added.is_some() {
            old_model.0
        } else {
            new_model.0
        };
        let otherwise = model
            .alternatives()
            .iter()
            .map(|&other| {
                let verdict = self.member_verdict(&member, (other, None), (other, None))?;
                Ok((other, verdict))
            })
            .collect::<Result<_, DiffError>>()?;
        self.push(Change {
            kind,
            path,
            location,
            detail,
            verdict,
            content_model: Some((model, otherwise)),
        });
        Ok(())
    }

    /// The verdict of what became of a member: its removal judged under the new object's model
    /// `new_model`, its addition under the old object's `old_model`, the worst of both for a
    /// rename.
    fn member_verdict(
        &self,
        member: &Member<'a>,
        old_model: Model<'a>,
        new_model: Model<'a>,
    ) -> Result<Verdict, DiffError> {
        let mut verdicts = Vec::new();
        if let Some((was_required, schema)) = &member.removed {
            verdicts.push(self.removed_verdict(new_model, *was_required, schema.clone())?);
        }
        if let Some((required, schema)) = &member.added {
            verdicts.push(self.added_verdict(old_model, *required, schema.clone())?);
        }
        Ok(Verdict::worst_of(verdicts))
    }

    fn required_changed(
        &mut self,
        name: &str,
        now_required: bool,
        old: &Node<'a>,
        new: &Node<'a>,
        path: &str,
    ) {
        let (kind, detail, verdict, location) = if now_required {
            (
                ChangeKind::RequiredAdded,
                format!("`{name}` is now required"),
                Verdict::NARROWER,
                new.location("required"),
            )
        } else {
            (
                ChangeKind::RequiredRemoved,
                format!("`{name}` is no longer required"),
                Verdict::WIDER,
                old.location("required"),
            )
        };
        self.report(
            kind,
            &schema_walk::join(path, name),
            location,
            detail,
            verdict,
        );
    }

    /// A member added to an object whose old content model is `model`.
    fn added_verdict(
        &self,
        model: Model<'a>,
        required: bool,
        schema: Site<'a>,
    ) -> Result<Verdict, DiffError> {
        Ok(match model {
            // Old documents never carry it; old validators refuse new documents that do.
            (ContentModel::Closed, _) => Verdict::new(
                if required {
                    Effect::Breaks
                } else {
                    Effect::Compatible
                },
                Effect::Breaks,
            ),
            // Old documents may carry it with any value.
            (ContentModel::Open, _) => {
                let readers = if required {
                    Effect::Breaks
                } else if accepts_anything(self.new, schema.0)? {
                    Effect::Compatible
                } else {
                    Effect::MayBreak
                };
                Verdict::new(readers, Effect::Compatible)
            }
            // Old documents may carry it with a value `additionalProperties` accepted.
            (ContentModel::PartiallyOpen, extra) => {
                let covered = match extra {
                    Some(extra) => self.verdict_of(extra, schema)?,
                    None => Verdict::UNDECIDED,
                };
                let readers = if required {
                    Effect::Breaks
                } else if covered.readers == Effect::Compatible {
                    Effect::Compatible
                } else {
                    Effect::MayBreak
                };
                Verdict::new(readers, covered.writers)
            }
        })
    }

    /// A member removed from an object whose new content model is `model`.
    fn removed_verdict(
        &self,
        model: Model<'a>,
        was_required: bool,
        schema: Site<'a>,
    ) -> Result<Verdict, DiffError> {
        let writers_if_optional = |covered: Effect| {
            if was_required {
                Effect::Breaks
            } else {
                covered
            }
        };
        Ok(match model {
            // Old documents that carry it are refused.
            (ContentModel::Closed, _) => {
                let readers = if *schema.0 == Value::Bool(false) {
                    Effect::Compatible
                } else {
                    Effect::Breaks
                };
                Verdict::new(readers, writers_if_optional(Effect::Compatible))
            }
            // Old documents that carry it are still accepted; new ones may carry any value.
            (ContentModel::Open, _) => {
                let covered = if accepts_anything(self.old, schema.0)? {
                    Effect::Compatible
                } else {
                    Effect::MayBreak
                };
                Verdict::new(Effect::Compatible, writers_if_optional(covered))
            }
            // Old documents that carry it must now match `additionalProperties`.
            (ContentModel::PartiallyOpen, extra) => {
                let covered = match extra {
                    Some(extra) => self.verdict_of(schema, extra)?,
                    None => Verdict::UNDECIDED,
                };
                let writers = if covered.writers == Effect::Compatible {
                    Effect::Compatible
                } else {
                    Effect::MayBreak
                };
                Verdict::new(covered.readers, writers_if_optional(writers))
            }
        })
    }

    fn additional_properties(
        &mut self,
        old: &Node<'a>,
        new: &Node<'a>,
        (old_model, old_extra): Model<'a>,
        (new_model, new_extra): Model<'a>,
        path: &str,
    ) -> Result<(), DiffError> {
        use ContentModel::{Closed, Open, PartiallyOpen};
        let location = new.change_location(old, "additionalProperties");
        let (kind, detail, verdict) = match (old_model, new_model) {
            (Closed, Open | PartiallyOpen) => (
                ChangeKind::ObjectOpened,
                format!("the object, closed, is now {}: it accepts members it does not declare", new_model.name()),
                Verdict::WIDER,
            ),
            (Open | PartiallyOpen, Closed) => (
                ChangeKind::ObjectClosed,
                format!("the object, {}, is now closed: it refuses members it does not declare", old_model.name()),
                Verdict::NARROWER,
            ),
            (Open, PartiallyOpen) => match &new_extra {
                Some(extra) if accepts_anything(self.new, extra.0)? => return Ok(()),
                _ => (
                    ChangeKind::AdditionalPropertiesNarrowed,
                    "members the object does not declare, accepted with any value, must now match a schema".into(),
                    Verdict::NARROWER,
                ),
            },
            (PartiallyOpen, Open) => match &old_extra {
                Some(extra) if accepts_anything(self.old, extra.0)? => return Ok(()),
                _ => (
                    ChangeKind::AdditionalPropertiesWidened,
                    "members the object does not declare, which had to match a schema, are now accepted with any value".into(),
                    Verdict::WIDER,
                ),
            },
            (PartiallyOpen, PartiallyOpen) => {
                if let (Some(before), Some(after)) = (old_extra, new_extra) {
                    self.compare(before, after, &format!("{path}/*"))?;
                }
                return Ok(());
            }
            (Closed, Closed) | (Open, Open) => return Ok(()),
        };
        self.report(kind, path, location, detail, verdict);
        Ok(())
    }
}

/// What became of a member: removed (whether it was required, and its schema), added (whether it
/// is required, and its schema), or both for a rename.
struct Member<'a> {
    removed: Option<(bool, Site<'a>)>,
    added: Option<(bool, Site<'a>)>,
}
