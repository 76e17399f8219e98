use schema_runtime::validate::Validate;

#[derive(Validate)]
#[schemars(transform = schema_runtime::rules!(when("kind" = "error", then("data", members(required("message"))))))]
pub struct Event {
    pub kind: String,
    pub data: Vec<String>,
}

fn main() {}
