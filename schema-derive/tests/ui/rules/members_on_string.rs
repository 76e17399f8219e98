use schema_runtime::validate::Validate;

#[derive(Validate)]
#[schemars(transform = schema_runtime::rules!(when("kind" = "error", then("label", members(required("message"))))))]
pub struct Event {
    pub kind: String,
    pub label: String,
}

fn main() {}
