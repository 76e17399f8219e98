//! [`ObjectMembers`]: what a type says of the objects every document it accepts has: the members
//! each must have, those it may have, and whether it admits no others, each object named by its
//! path from the document's root; gathered once per type with eras from the types' declarations
//! ([`super::Validate::object_members`]).
//!
//! The eras read three things from them ([`super::eras`]). A name that one era requires and
//! another does not tells the eras apart: bytes that lack it cannot be of the era that requires
//! it. A name an era requires of an object the document is known to have (another era's full
//! report shows the object there) is, when the bytes lack it, one `required` violation the era
//! owes for certain: an era that owes more than the closest era's violations cannot be closer,
//! and is not counted. And when the era judged admits no other members of that object than it
//! names, and its report finds none there, a name it does not name is one the document lacks:
//! that violation is owed without a look at the bytes.

/// The path of member names from a document's root to one of its objects (`[]`: the root).
pub type Path = Box<[&'static str]>;

/// What a type says of the objects of the documents it accepts ([`super::Validate::object_members`]).
#[doc(hidden)]
#[derive(Debug, Default)]
pub struct ObjectMembers {
    /// The path of the object being described.
    at: Vec<&'static str>,
    /// Whether the members being described are those of a flattened struct, which does not
    /// decide whether the object admits other members: its parent does.
    flattened: bool,
    /// Every required member, with its object's path.
    required: Vec<(Path, &'static str)>,
    /// Every optional member, with its object's path.
    optional: Vec<(Path, &'static str)>,
    /// The objects whose type admits no member it does not name.
    closed: Vec<Path>,
    /// The objects some type at them does not describe in full (an open struct, a map, an enum,
    /// a standard type): they may have any member.
    open: Vec<Path>,
}

impl ObjectMembers {
    /// Nothing gathered yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records that the object being described always has a member `name`.
    pub fn member(&mut self, name: &'static str) {
        self.required.push((self.path(), name));
    }

    /// Records that the object being described may have a member `name`.
    pub fn optional(&mut self, name: &'static str) {
        self.optional.push((self.path(), name));
    }

    /// Records that the object being described admits no member but those named (unless a type
    /// flattened into it, or its own parent when it is flattened, says otherwise).
    pub fn closed(&mut self) {
        if !self.flattened {
            self.closed.push(self.path());
        }
    }

    /// Records that the object being described may have members not named.
    pub fn open(&mut self) {
        self.open.push(self.path());
    }

    /// Describes, with `inner`, the value of the member `name` of the object being described.
    pub fn within(&mut self, name: &'static str, inner: fn(&mut Self)) {
        self.at.push(name);
        let flattened = std::mem::replace(&mut self.flattened, false);
        inner(self);
        self.flattened = flattened;
        self.at.pop();
    }

    /// Describes, with `inner`, a struct flattened into the object being described: its members
    /// are the object's.
    pub fn flattened(&mut self, inner: fn(&mut Self)) {
        let flattened = std::mem::replace(&mut self.flattened, true);
        inner(self);
        self.flattened = flattened;
    }

    fn path(&self) -> Path {
        self.at.clone().into_boxed_slice()
    }

    /// Every required member, with the path of its object.
    pub fn required(&self) -> &[(Path, &'static str)] {
        &self.required
    }

    /// Per object that admits no member but those named: its path and the names it admits
    /// (required or optional), sorted.
    pub fn closed_objects(&self) -> Vec<(Path, Vec<&'static str>)> {
        let mut closed: Vec<&Path> = self
            .closed
            .iter()
            .filter(|path| !self.open.contains(path))
            .collect();
        closed.sort_unstable();
        closed.dedup();
        closed
            .into_iter()
            .map(|path| {
                let mut names: Vec<&'static str> = self
                    .required
                    .iter()
                    .chain(&self.optional)
                    .filter(|(at, _)| at == path)
                    .map(|(_, name)| *name)
                    .collect();
                names.sort_unstable();
                names.dedup();
                (path.clone(), names)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::ObjectMembers;

    fn paths(members: &[(super::Path, &'static str)]) -> Vec<(Vec<&'static str>, &'static str)> {
        members
            .iter()
            .map(|(at, name)| (at.to_vec(), *name))
            .collect()
    }

    #[test]
    fn each_member_is_recorded_with_the_path_of_its_object() {
        let mut members = ObjectMembers::new();
        members.member("event");
        members.member("properties");
        members.within("properties", |members| {
            members.member("appId");
            members.within("context", |members| members.member("userAgent"));
        });
        assert_eq!(
            paths(members.required()),
            [
                (vec![], "event"),
                (vec![], "properties"),
                (vec!["properties"], "appId"),
                (vec!["properties", "context"], "userAgent"),
            ]
        );
    }

    #[test]
    fn an_object_is_closed_by_its_own_type_alone_and_opened_by_any() {
        let mut members = ObjectMembers::new();
        members.member("event");
        members.optional("note");
        // A closed struct flattened into an open object leaves it open.
        members.flattened(|members| {
            members.member("user");
            members.closed();
        });
        members.within("closed", |members| {
            members.member("a");
            members.optional("b");
            members.flattened(|members| {
                members.member("c");
                members.closed();
            });
            members.closed();
        });
        members.within("opened", |members| {
            members.member("a");
            members.closed();
            // A flattened map, an enum: members not named.
            members.flattened(ObjectMembers::open);
        });
        let closed: Vec<(Vec<&str>, Vec<&str>)> = members
            .closed_objects()
            .into_iter()
            .map(|(at, names)| (at.to_vec(), names))
            .collect();
        assert_eq!(closed, [(vec!["closed"], vec!["a", "b", "c"])]);
    }
}
