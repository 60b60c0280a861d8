//! The crate's one CSV reader and one CSV writer (RFC 4180: quoted fields, doubled quotes,
//! CRLF).
//!
//! Reading keeps line numbers, so that every bad row can be reported as "line N, field F:
//! problem" instead of being dropped. Writing ([`Writer`], [`safe_cell`]) is injection-safe: a
//! cell a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) is
//! prefixed with `'`, and cells with a comma, quote, CR or LF are quoted, so a name can neither
//! run a formula nor split a row (docs/robustness.md §2). Every CSV the crate produces goes
//! through [`Writer`].
#![cfg_attr(
    not(test),
    deny(
        clippy::arithmetic_side_effects,
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::expect_used
    )
)]

/// One parsed record: its 1-based line number in the file and its fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// 1-based line on which the record starts (the header is line 1).
    pub line: usize,
    /// The record's fields, unquoted.
    pub fields: Vec<String>,
}

/// A parsed table: the header row and the data records.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Column names from the first row, trimmed, BOM removed.
    pub header: Vec<String>,
    /// Data rows in file order (blank lines skipped).
    pub records: Vec<Record>,
}

impl Table {
    /// Index of a column by name.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    /// The value of `name` in `record`, or `""` when the row is short.
    pub fn get<'a>(&self, record: &'a Record, name: &str) -> Option<&'a str> {
        self.column(name)
            .map(|i| record.fields.get(i).map(String::as_str).unwrap_or(""))
    }
}

/// Parses CSV text. Errors name the line (e.g. an unterminated quote).
pub fn parse(text: &str) -> crate::Result<Table> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows: Vec<Record> = Vec::new();
    let mut field = String::new();
    let mut fields: Vec<String> = Vec::new();
    let mut in_quotes = false;
    let mut line = 1usize;
    let mut start_line = 1usize;
    let mut chars = text.chars().peekable();
    let mut row_has_content = false;
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                '\n' => {
                    line = line.saturating_add(1);
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' => {
                in_quotes = true;
                row_has_content = true;
            }
            ',' => {
                fields.push(std::mem::take(&mut field));
                row_has_content = true;
            }
            '\r' => {}
            '\n' => {
                fields.push(std::mem::take(&mut field));
                if row_has_content || fields.iter().any(|f| !f.is_empty()) {
                    rows.push(Record {
                        line: start_line,
                        fields: std::mem::take(&mut fields),
                    });
                } else {
                    fields.clear();
                }
                line = line.saturating_add(1);
                start_line = line;
                row_has_content = false;
            }
            _ => {
                field.push(c);
                row_has_content = true;
            }
        }
    }
    if in_quotes {
        return Err(crate::Error::InvalidInput(format!(
            "CSV line {start_line}: quoted field is not closed"
        )));
    }
    if row_has_content || !field.is_empty() {
        fields.push(field);
        rows.push(Record {
            line: start_line,
            fields,
        });
    }
    let mut iter = rows.into_iter();
    let header = iter
        .next()
        .ok_or_else(|| crate::Error::InvalidInput("CSV is empty: no header row".into()))?
        .fields
        .into_iter()
        .map(|h| h.trim().to_string())
        .collect();
    Ok(Table {
        header,
        records: iter.collect(),
    })
}

/// Whether a cell is a plain number (`-12.5`, `+3`, `1e-3`): such cells keep their sign, as
/// a spreadsheet reads them as numbers, not formulas.
fn is_plain_number(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
        && s.parse::<f64>().is_ok_and(f64::is_finite)
}

/// One cell made safe for spreadsheets (公式注入防护): a cell starting with `=`, `+`, `-`, `@`,
/// tab or CR that is not a plain number gets a leading `'` (Excel, LibreOffice and Sheets then
/// show it as text); a cell containing a comma, quote, CR or LF is quoted with inner quotes
/// doubled.
///
/// ```
/// use zs_risk_map::csv_lite::safe_cell;
/// assert_eq!(safe_cell("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
/// assert_eq!(safe_cell("-12.5"), "-12.5");
/// assert_eq!(safe_cell("a\rb"), "\"a\rb\"");
/// assert_eq!(safe_cell("古镇镇"), "古镇镇");
/// ```
pub fn safe_cell(s: &str) -> String {
    let risky_start = s.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_plain_number(s);
    let needs_quotes = s.contains([',', '"', '\r', '\n']);
    let mut out = String::with_capacity(s.len().saturating_add(4));
    if needs_quotes {
        out.push('"');
    }
    if risky_start {
        out.push('\'');
    }
    if needs_quotes {
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
    out
}

/// Builds a CSV document row by row: cells through [`safe_cell`], rows ended by CRLF,
/// optionally a UTF-8 BOM first (so spreadsheets on Chinese Windows read the Chinese).
#[derive(Debug, Clone, Default)]
pub struct Writer {
    out: String,
}

impl Writer {
    /// An empty document without BOM.
    pub fn new() -> Writer {
        Writer::default()
    }

    /// An empty document starting with the UTF-8 byte-order mark.
    pub fn with_bom() -> Writer {
        Writer {
            out: String::from('\u{feff}'),
        }
    }

    /// Appends one row.
    pub fn row<I, S>(&mut self, cells: I) -> &mut Writer
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let start = self.out.len();
        for (i, c) in cells.into_iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.out.push_str(&safe_cell(c.as_ref()));
        }
        if self.out.len() == start {
            // A row of one empty cell would be a blank line, which readers skip: quote it.
            self.out.push_str("\"\"");
        }
        self.out.push_str("\r\n");
        self
    }

    /// Appends a comment line (注释行) `# text`, which the batch reader skips: line breaks in
    /// `text` become spaces so the comment stays one line.
    pub fn comment(&mut self, text: &str) -> &mut Writer {
        self.out.push_str("# ");
        self.out.extend(
            text.chars()
                .map(|c| if matches!(c, '\r' | '\n') { ' ' } else { c }),
        );
        self.out.push_str("\r\n");
        self
    }

    /// Appends an empty line: the separator between the tables of a multi-table document
    /// (readers skip it).
    pub fn blank_line(&mut self) -> &mut Writer {
        self.out.push_str("\r\n");
        self
    }

    /// The document.
    pub fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_quotes_crlf_and_line_numbers() {
        let t = parse("\u{feff}a,b\r\n1,\"x, \"\"y\"\"\"\r\n\r\n2,\"multi\nline\"\n3,z").unwrap();
        assert_eq!(t.header, vec!["a", "b"]);
        assert_eq!(t.records.len(), 3);
        assert_eq!(t.records[0].fields, vec!["1", "x, \"y\""]);
        assert_eq!(t.records[0].line, 2);
        assert_eq!(t.records[1].line, 4);
        assert_eq!(t.records[2].line, 6);
        assert_eq!(t.get(&t.records[2], "b"), Some("z"));
    }

    #[test]
    fn unterminated_quote_names_the_line() {
        let e = parse("a\n\"oops").unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
    }

    #[test]
    fn writer_neutralises_formulas_and_quotes_line_breaks() {
        let mut w = Writer::with_bom();
        w.row(["name", "value"]);
        for bad in [
            "=1+1", "+A1", "-A1", "@SUM(A1)", "\tx", "\rx", "a\rb", "a\nb", "q\"q", "x,y",
        ] {
            w.row([bad, "-3.5"]);
        }
        let text = w.finish();
        // Round trip: the reader gets back every row, the formula ones prefixed with '.
        let t = parse(&text).unwrap();
        let names: Vec<&str> = t.records.iter().map(|r| r.fields[0].as_str()).collect();
        assert_eq!(
            names,
            [
                "'=1+1",
                "'+A1",
                "'-A1",
                "'@SUM(A1)",
                "'\tx",
                "'\rx",
                "a\rb",
                "a\nb",
                "q\"q",
                "x,y"
            ]
        );
        assert!(t.records.iter().all(|r| r.fields[1] == "-3.5"));
        assert!(text.starts_with('\u{feff}'));
    }

    #[test]
    fn comments_and_blank_lines_stay_one_line_each() {
        let mut w = Writer::new();
        w.comment("a, b\nc").row(["x"]).blank_line().row(["y"]);
        assert_eq!(w.finish(), "# a, b c\r\nx\r\n\r\ny\r\n");
    }

    #[test]
    fn plain_numbers_keep_their_sign() {
        for n in ["-1", "+2", "-1e-3", "0"] {
            assert_eq!(safe_cell(n), n);
        }
        for not_n in ["-", "-inf", "-NaN", "-1+1", "+1 "] {
            assert!(safe_cell(not_n).starts_with('\''), "{not_n}");
        }
    }
}
