use schema_runtime::validate::Validate;

#[derive(Validate)]
pub struct Ping {
    #[schemars(extend("x-era" = "2021"))]
    name: String,
}

fn main() {}
