//! [`RequiredMembers`]: the members every document of a type has, each with the object it is a
//! member of, gathered once per type with eras from the types' declarations
//! ([`super::Validate::required_members`]).
//!
//! The eras read two things from them ([`super::eras`]). A name that one era requires and
//! another does not tells the eras apart: bytes that lack it cannot be of the era that requires
//! it. And a name an era requires of an object the document is known to have (another era's
//! full report shows the object there) is, when the bytes lack it, one `required` violation the
//! era owes for certain: an era that owes more than the closest era's violations cannot be
//! closer, and is not counted.

/// The required members of a type: each member's name with the path of member names from the
/// document's root to the object it belongs to (`[]` for the root's own members).
#[doc(hidden)]
#[derive(Debug, Default)]
pub struct RequiredMembers {
    /// The path of the object being described.
    at: Vec<&'static str>,
    /// Every required member found, with its object's path.
    members: Vec<(Box<[&'static str]>, &'static str)>,
}

impl RequiredMembers {
    /// Nothing gathered yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records that the object being described always has a member `name`.
    pub fn member(&mut self, name: &'static str) {
        self.members
            .push((self.at.clone().into_boxed_slice(), name));
    }

    /// Describes, with `inner`, the value of the member `name` of the object being described.
    pub fn within(&mut self, name: &'static str, inner: fn(&mut Self)) {
        self.at.push(name);
        inner(self);
        self.at.pop();
    }

    /// Every required member, with the path of its object.
    pub fn into_members(self) -> Vec<(Box<[&'static str]>, &'static str)> {
        self.members
    }
}

#[cfg(test)]
mod tests {
    use super::RequiredMembers;

    #[test]
    fn each_member_is_recorded_with_the_path_of_its_object() {
        let mut required = RequiredMembers::new();
        required.member("event");
        required.member("properties");
        required.within("properties", |required| {
            required.member("appId");
            required.within("context", |required| required.member("userAgent"));
        });
        let members: Vec<(Vec<&str>, &str)> = required
            .into_members()
            .into_iter()
            .map(|(at, name)| (at.into_vec(), name))
            .collect();
        assert_eq!(
            members,
            [
                (vec![], "event"),
                (vec![], "properties"),
                (vec!["properties"], "appId"),
                (vec!["properties", "context"], "userAgent"),
            ]
        );
    }
}
