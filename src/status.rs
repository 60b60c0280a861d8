//! Evidence status (证据状态) of a number, table, rule set or policy: the crate's one
//! definition, shown as a badge (已核实 / 二手来源 / 示例).
//!
//! Premium rule sets and payout policies share it, so the same policy cannot read 示例 in one
//! place and 示意 in another. The JSON value (`"verified"`, `"secondary"`, `"illustrative"`) is
//! the stable key the views translate; their dictionary (`status` in www/i18n-views.js) must hold
//! exactly [`Status::label_zh`] / [`Status::label_en`] (checked by `tests/status_labels.rs`).

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// Evidence status (证据状态), ordered from strongest to weakest: 已核实 \[V\] < 二手来源 \[S\] <
/// 示例 \[I\], so `max` is the weakest of several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// \[V\] 已核实: verified in a primary or near-primary source (a contract, an official text).
    Verified,
    /// \[S\] 二手来源: secondary — news, a mirror, a third-party restatement.
    Secondary,
    /// \[I\] 示例: illustrative — a placeholder or an inference of this project.
    Illustrative,
}

impl Status {
    /// Every status, strongest first.
    pub const ALL: [Status; 3] = [Status::Verified, Status::Secondary, Status::Illustrative];

    /// The JSON key (`verified` / `secondary` / `illustrative`), as serde writes it.
    pub fn key(self) -> &'static str {
        match self {
            Status::Verified => "verified",
            Status::Secondary => "secondary",
            Status::Illustrative => "illustrative",
        }
    }

    /// The evidence tag (证据标记), `[V]`, `[S]` or `[I]`.
    pub fn tag(self) -> &'static str {
        match self {
            Status::Verified => "[V]",
            Status::Secondary => "[S]",
            Status::Illustrative => "[I]",
        }
    }

    /// The badge text (标记文字) in Chinese: 已核实, 二手来源, 示例.
    pub fn label_zh(self) -> &'static str {
        match self {
            Status::Verified => "已核实",
            Status::Secondary => "二手来源",
            Status::Illustrative => "示例",
        }
    }

    /// The badge text in English: verified, secondary, illustrative.
    pub fn label_en(self) -> &'static str {
        match self {
            Status::Verified => "verified",
            Status::Secondary => "secondary",
            Status::Illustrative => "illustrative",
        }
    }

    /// The badge text (标记文字) in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        lang.pick(self.label_zh(), self.label_en())
    }

    /// Same as [`Status::label_zh`]; the name the payout bindings used (kept so they compile).
    pub fn name_zh(self) -> &'static str {
        self.label_zh()
    }

    /// Same as [`Status::label_en`]; the name the payout bindings used (kept so they compile).
    pub fn name_en(self) -> &'static str {
        self.label_en()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_key_is_serde_value_and_order_is_strongest_first() {
        for s in Status::ALL {
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.key())
            );
            let back: Status = serde_json::from_str(&format!("\"{}\"", s.key())).unwrap();
            assert_eq!(back, s);
        }
        assert!(Status::Verified < Status::Secondary && Status::Secondary < Status::Illustrative);
        assert_eq!(Status::Illustrative.label(Lang::Zh), "示例");
    }
}
