//! A small RFC 4180 CSV reader (quoted fields, doubled quotes, CRLF) with line numbers, so
//! that every bad row can be reported as "line N, field F: problem" instead of being dropped.
#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used))]

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
}
