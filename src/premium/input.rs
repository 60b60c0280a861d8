//! Reading numbers at the edge (输入校验) for the premium engine: the crate's validation
//! toolkit [`crate::validate`] (re-exported here so `premium::input::…` keeps working), plus
//! the premium's own overflow error.

pub use crate::validate::*;

use crate::Error;

/// The error for an arithmetic result that does not fit (a guard; the documented ranges make
/// it unreachable for enterprise inputs, but a rule set may chain many factors).
pub fn overflow(step_zh: &str, step_en: &str) -> Error {
    Error::out_of_range(
        "premium",
        format!("保费计算在“{step_zh}”一步超出可表示范围（请检查输入与费率规则）"),
        format!(
            "the premium overflows at the step '{step_en}' (check the inputs and the rule set)"
        ),
    )
}
