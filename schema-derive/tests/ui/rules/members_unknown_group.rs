use schema_runtime::validate::Validate;

#[derive(Validate)]
pub struct Data {
    pub message: Option<String>,
}

#[derive(Validate)]
#[schemars(transform = schema_runtime::rules!(when("kind" = "error", then("data", members(needed("message"))))))]
pub struct Event {
    pub kind: String,
    pub data: Data,
}

fn main() {}
