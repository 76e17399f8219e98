use schema_runtime::validate::Validate;

#[derive(Validate)]
pub struct Tags {
    #[schemars(extend("uniqueItems" = true))]
    pub tags: Vec<String>,
}

fn main() {}
