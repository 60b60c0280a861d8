//! UTC time stamps (协调世界时) for tracks, without a date crate.
//!
//! Times are `i64` seconds since 1970-01-01T00:00Z. The text form is ISO-8601 UTC,
//! `YYYY-MM-DDTHH:MM(:SS)Z`, the form of the CMA track file. Beijing time (北京时, BJT) is
//! UTC+8 and is only used for display.

// Calendar arithmetic on parsed fields already checked to their ranges (year 1–9999, month 1–12, day ≤ month length), and month tables indexed by a checked month; no input reaches an unchecked operation.
#![allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]

use crate::{Error, Result};

/// Seconds in one hour.
pub const SECONDS_PER_HOUR: i64 = 3600;
/// Beijing time (BJT) offset from UTC in seconds (+8 h).
pub const BJT_OFFSET_S: i64 = 8 * SECONDS_PER_HOUR;

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Inverse of [`days_from_civil`]: (year, month, day).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

/// Parses `YYYY-MM-DDTHH:MMZ` or `YYYY-MM-DDTHH:MM:SSZ` (UTC) into seconds since the epoch.
///
/// # Errors
/// [`Error::InvalidInput`] naming the text when the format or a field is wrong.
///
/// ```
/// use zs_risk_map::hazard::time::{parse_utc, format_utc};
/// let t = parse_utc("2017-08-23T04:50Z").unwrap();
/// assert_eq!(format_utc(t), "2017-08-23T04:50Z");
/// ```
pub fn parse_utc(text: &str) -> Result<i64> {
    let bad = |why: &str| {
        Error::InvalidInput(format!(
            "time {text:?}: {why} (expected UTC as YYYY-MM-DDTHH:MM(:SS)Z)"
        ))
    };
    let b = text.as_bytes();
    if !(b.len() == 17 || b.len() == 20) || b[b.len() - 1] != b'Z' {
        return Err(bad("wrong length or missing trailing Z"));
    }
    let seps_ok = b[4] == b'-' && b[7] == b'-' && b[10] == b'T' && b[13] == b':';
    if !seps_ok || (b.len() == 20 && b[16] != b':') {
        return Err(bad("separators must be '-', 'T' and ':'"));
    }
    let num = |from: usize, to: usize| -> Result<i64> {
        let s = &text[from..to];
        if !s.bytes().all(|c| c.is_ascii_digit()) {
            return Err(bad("non-digit in a numeric field"));
        }
        s.parse::<i64>().map_err(|_| bad("bad number"))
    };
    let (y, mo, d, h, mi) = (
        num(0, 4)?,
        num(5, 7)?,
        num(8, 10)?,
        num(11, 13)?,
        num(14, 16)?,
    );
    let s = if b.len() == 20 { num(17, 19)? } else { 0 };
    if !(1..=12).contains(&mo) {
        return Err(bad("month out of range"));
    }
    if d < 1 || d > days_in_month(y, mo) {
        return Err(bad("day out of range"));
    }
    if h > 23 || mi > 59 || s > 59 {
        return Err(bad("hour, minute or second out of range"));
    }
    Ok(days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s)
}

fn fields(t: i64) -> (i64, i64, i64, i64, i64, i64) {
    let days = t.div_euclid(86_400);
    let sec = t.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    (y, m, d, sec / 3600, (sec / 60) % 60, sec % 60)
}

/// Formats seconds since the epoch as ISO-8601 UTC: `YYYY-MM-DDTHH:MMZ`, with `:SS` only
/// when the seconds are not zero (so CMA times round-trip unchanged).
pub fn format_utc(t: i64) -> String {
    let (y, m, d, h, mi, s) = fields(t);
    if s == 0 {
        format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}Z")
    } else {
        format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
    }
}

/// Formats a UTC time as Beijing time (北京时 = UTC+8) for display: `YYYY-MM-DD HH:MM BJT`.
pub fn format_bjt(t: i64) -> String {
    let (y, m, d, h, mi, _) = fields(t + BJT_OFFSET_S);
    format!("{y:04}-{m:02}-{d:02} {h:02}:{mi:02} BJT")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_bad_dates() {
        for s in [
            "1970-01-01T00:00Z",
            "2020-02-29T23:59:59Z",
            "2017-08-22T18:00Z",
            "1900-03-01T01:02Z",
        ] {
            assert_eq!(format_utc(parse_utc(s).unwrap()), s);
        }
        assert_eq!(parse_utc("1970-01-02T00:00Z").unwrap(), 86_400);
        for s in [
            "2019-02-29T00:00Z",
            "2017-13-01T00:00Z",
            "2017-08-22 18:00Z",
            "2017-08-22T18:00",
            "2017-08-22T24:00Z",
        ] {
            assert!(parse_utc(s).is_err(), "{s}");
        }
        assert_eq!(
            format_bjt(parse_utc("2017-08-23T04:50Z").unwrap()),
            "2017-08-23 12:50 BJT"
        );
    }
}
