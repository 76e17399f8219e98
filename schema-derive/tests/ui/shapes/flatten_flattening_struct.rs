use schema_runtime::validate::Validate;

#[derive(Validate)]
pub struct Inner {
    pub id: u64,
}

#[derive(Validate)]
pub struct Middle {
    #[serde(flatten)]
    pub inner: Inner,
}

#[derive(Validate)]
pub struct Outer {
    #[serde(flatten)]
    pub middle: Middle,
}

fn main() {}
