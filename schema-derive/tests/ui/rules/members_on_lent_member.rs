use schema_runtime::validate::Validate;

#[derive(Validate)]
pub struct Data {
    pub message: Option<String>,
}

#[derive(Validate)]
pub struct Envelope {
    pub data: Data,
}

#[derive(Validate)]
#[schemars(transform = schema_runtime::rules!(when("kind" = "error", then("data", members(required("message"))))))]
pub struct Event {
    pub kind: String,
    #[serde(flatten)]
    pub envelope: Envelope,
}

fn main() {}
