use schema_runtime::validate::Validate;

#[derive(Validate)]
pub enum Mode {
    #[schemars(extend("x-era" = "2021"))]
    Edit,
    View,
}

fn main() {}
