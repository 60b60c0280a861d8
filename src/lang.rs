//! Language (界面语言) of every label, message and export: the crate's one definition.
//!
//! The widget's `lang` attribute (`zh-CN`, `en`, …) is parsed once by [`Lang::parse`], the
//! same rule as `langKey` in www/i18n.js: anything starting with `en` is English, everything
//! else Chinese (zh-CN first).

/// UI language (界面语言): Chinese first, English on the switch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// 简体中文 (default).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Parses the widget's language strings (`zh`, `zh-CN`, `en`, `en-US`…): anything that
    /// starts with `en` (any case) is English, anything else Chinese — as `langKey` in
    /// www/i18n.js.
    pub fn parse(s: &str) -> Lang {
        if s.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("en")) {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    /// Picks the text of this language from a zh/en pair (中英文二选一).
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// True for Chinese (中文).
    pub fn is_zh(self) -> bool {
        self == Lang::Zh
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn parses_the_widget_language_strings() {
        for (s, want) in [
            ("zh-CN", Lang::Zh),
            ("zh", Lang::Zh),
            ("", Lang::Zh),
            ("fr", Lang::Zh),
            ("e", Lang::Zh),
            ("en", Lang::En),
            ("EN-us", Lang::En),
            ("en-GB", Lang::En),
            ("中文", Lang::Zh),
        ] {
            assert_eq!(Lang::parse(s), want, "{s:?}");
        }
        assert_eq!(Lang::En.pick("甲", "a"), "a");
        assert_eq!(Lang::Zh.pick("甲", "a"), "甲");
    }
}
