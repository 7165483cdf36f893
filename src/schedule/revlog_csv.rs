//! Parser for the review-log CSV of `shared/srs-data` (hand-written; the format is simple):
//!
//! `user,card_id,seq,date,delta_t,rating,y[,ext_p]`
//!
//! - `seq`: 0-based index of the review within the card; `seq=0` has `delta_t=0` and no `y`.
//! - `date`: ISO date or empty; `delta_t`: whole days since the card's previous review.
//! - `rating`: 1..=4, or 0 when only pass/fail is known (then `y` decides: Good or Again).
//! - `y`: 1 recalled, 0 forgotten; must agree with a 1..=4 rating.
//! - `ext_p`: optional external predicted recall (e.g. SuperMemo's) in `[0, 1]`.
//!
//! No quoting: fields never contain commas.

use std::collections::HashMap;

use jiff::civil::Date;

use super::card::Rating;
use super::{Result, ScheduleError};

const COLUMNS: [&str; 7] = ["user", "card_id", "seq", "date", "delta_t", "rating", "y"];
const EXT_COLUMN: &str = "ext_p";

/// One review line.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvReview {
    /// 1-based line number in the file (file order breaks time ties).
    pub line: usize,
    /// The answer; a pass/fail-only `rating=0` becomes Good or Again from `y`.
    pub rating: Rating,
    /// Days since the card's previous review.
    pub delta_t: u32,
    /// Whether the card was recalled; `None` at `seq=0`.
    pub y: Option<bool>,
    /// Review date, if the file has one.
    pub date: Option<Date>,
    /// External predicted recall, if given.
    pub ext_p: Option<f64>,
}

/// One card's reviews, in `seq` order.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvCard {
    /// The card id from the file.
    pub card_id: i64,
    /// Its reviews; `reviews[i]` has `seq == i`.
    pub reviews: Vec<CsvReview>,
}

/// One user's cards, in order of first appearance.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvUser {
    /// The user name from the file.
    pub name: String,
    /// The user's cards.
    pub cards: Vec<CsvCard>,
}

/// Parse the whole file; the error names the first bad line.
pub fn parse_revlog_csv(text: &str) -> Result<Vec<CsvUser>> {
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')));
    let (_, header) = lines
        .next()
        .ok_or_else(|| csv_error(1, "empty file".into()))?;
    let width = check_header(header)?;
    let mut users: Vec<CsvUser> = Vec::new();
    let mut user_index: HashMap<String, usize> = HashMap::new();
    let mut card_index: HashMap<(usize, i64), usize> = HashMap::new();
    for (line, text) in lines.filter(|(_, l)| !l.trim().is_empty()) {
        let row = parse_row(line, text, width)?;
        let u = *user_index.entry(row.user.to_string()).or_insert_with(|| {
            users.push(CsvUser {
                name: row.user.to_string(),
                cards: Vec::new(),
            });
            users.len() - 1
        });
        let cards = &mut users[u].cards;
        let c = *card_index.entry((u, row.card_id)).or_insert_with(|| {
            cards.push(CsvCard {
                card_id: row.card_id,
                reviews: Vec::new(),
            });
            cards.len() - 1
        });
        push_review(&mut cards[c], row)?;
    }
    Ok(users)
}

/// A parsed line before it is attached to its card.
struct Row<'a> {
    user: &'a str,
    card_id: i64,
    seq: u32,
    review: CsvReview,
}

fn csv_error(line: usize, message: String) -> ScheduleError {
    ScheduleError::Csv { line, message }
}

/// Returns the number of columns (7, or 8 with `ext_p`).
fn check_header(header: &str) -> Result<usize> {
    let fields: Vec<&str> = header.split(',').map(str::trim).collect();
    let ok = fields.len() >= COLUMNS.len()
        && fields[..COLUMNS.len()] == COLUMNS
        && fields[COLUMNS.len()..].iter().all(|&f| f == EXT_COLUMN)
        && fields.len() <= COLUMNS.len() + 1;
    if ok {
        Ok(fields.len())
    } else {
        Err(csv_error(
            1,
            format!(
                "header must be \"{}[,{EXT_COLUMN}]\", got \"{header}\"",
                COLUMNS.join(",")
            ),
        ))
    }
}

fn parse_row(line: usize, text: &str, width: usize) -> Result<Row<'_>> {
    let f: Vec<&str> = text.split(',').map(str::trim).collect();
    if f.len() != width {
        return Err(csv_error(
            line,
            format!("expected {width} fields, got {}", f.len()),
        ));
    }
    let err = |message: String| csv_error(line, message);
    let num = |i: usize| -> Result<i64> {
        f[i].parse::<i64>()
            .map_err(|_| err(format!("{} must be an integer, got {:?}", COLUMNS[i], f[i])))
    };
    let non_negative = |i: usize| -> Result<u32> {
        u32::try_from(num(i)?).map_err(|_| err(format!("{} out of range: {}", COLUMNS[i], f[i])))
    };
    if f[0].is_empty() {
        return Err(err("user is empty".into()));
    }
    let seq = non_negative(2)?;
    let y = parse_y(f[6]).map_err(err)?;
    let review = CsvReview {
        line,
        rating: parse_rating(non_negative(5)?, y, seq).map_err(err)?,
        delta_t: non_negative(4)?,
        y,
        date: parse_date(f[3]).map_err(err)?,
        ext_p: f
            .get(7)
            .map_or(Ok(None), |s| parse_probability(s))
            .map_err(err)?,
    };
    check_first_review(seq, &review).map_err(err)?;
    Ok(Row {
        user: f[0],
        card_id: num(1)?,
        seq,
        review,
    })
}

fn parse_y(s: &str) -> std::result::Result<Option<bool>, String> {
    match s {
        "" => Ok(None),
        "0" => Ok(Some(false)),
        "1" => Ok(Some(true)),
        _ => Err(format!("y must be 0, 1 or empty, got {s:?}")),
    }
}

/// Rating 1..=4 must agree with `y`; rating 0 (pass/fail only) takes Good or Again from `y`.
fn parse_rating(n: u32, y: Option<bool>, seq: u32) -> std::result::Result<Rating, String> {
    if n == 0 {
        return match y {
            Some(true) => Ok(Rating::Good),
            Some(false) => Ok(Rating::Again),
            None => Err(format!("rating 0 (pass/fail only) needs y, at seq {seq}")),
        };
    }
    let rating = Rating::from_number(n).ok_or_else(|| format!("rating must be 0..=4, got {n}"))?;
    match y {
        Some(y) if y != rating.is_pass() => {
            Err(format!("y={} contradicts rating {n}", u8::from(y)))
        }
        _ => Ok(rating),
    }
}

fn parse_date(s: &str) -> std::result::Result<Option<Date>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    s.parse::<Date>()
        .map(Some)
        .map_err(|_| format!("date must be YYYY-MM-DD, got {s:?}"))
}

fn parse_probability(s: &str) -> std::result::Result<Option<f64>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    match s.parse::<f64>() {
        Ok(p) if (0.0..=1.0).contains(&p) => Ok(Some(p)),
        _ => Err(format!("ext_p must be a probability in [0, 1], got {s:?}")),
    }
}

fn check_first_review(seq: u32, review: &CsvReview) -> std::result::Result<(), String> {
    match (seq, review.y) {
        (0, Some(_)) => Err("seq 0 (first review) has no target: y must be empty".into()),
        (0, None) if review.delta_t != 0 => Err("seq 0 must have delta_t 0".into()),
        (s, None) if s > 0 => Err(format!("y is required at seq {s}")),
        _ => Ok(()),
    }
}

fn push_review(card: &mut CsvCard, row: Row<'_>) -> Result<()> {
    let line = row.review.line;
    let expected = card.reviews.len() as u32;
    if row.seq != expected {
        return Err(csv_error(
            line,
            format!(
                "card {}: expected seq {expected}, got {}",
                card.card_id, row.seq
            ),
        ));
    }
    let previous_date = card.reviews.last().and_then(|r| r.date);
    if let (Some(before), Some(date)) = (previous_date, row.review.date)
        && date < before
    {
        return Err(csv_error(
            line,
            format!(
                "card {}: date {date} is before the previous review's {before}",
                card.card_id
            ),
        ));
    }
    card.reviews.push(row.review);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "user,card_id,seq,date,delta_t,rating,y,ext_p\n";

    #[test]
    fn parses_both_dialects() {
        let text = format!(
            "{HEADER}u,7,0,,0,4,,\nu,7,1,,3,0,1,\nv,9,0,2023-08-01,0,1,,\r\nv,9,1,2023-08-04,3,1,0,0.77\n\n"
        );
        let users = parse_revlog_csv(&text).unwrap();
        assert_eq!(users.len(), 2);
        let u = &users[0].cards[0];
        assert_eq!(u.card_id, 7);
        assert_eq!(
            u.reviews[1].rating,
            Rating::Good,
            "rating 0 with y=1 -> Good"
        );
        assert_eq!(u.reviews[1].line, 3);
        let v = &users[1].cards[0].reviews[1];
        assert_eq!(v.date, Some(jiff::civil::date(2023, 8, 4)));
        assert_eq!((v.y, v.ext_p), (Some(false), Some(0.77)));
        // Without the ext_p column.
        let users = parse_revlog_csv("user,card_id,seq,date,delta_t,rating,y\na,1,0,,0,3,\n");
        assert_eq!(users.unwrap()[0].cards[0].reviews.len(), 1);
    }

    #[test]
    fn bad_lines_are_named() {
        // (body lines after the header, line number in the error, text in the error)
        let table = [
            ("u,1,0,,0,3,,\nu,1,1,,2,9,1,", 3, "rating must be 0..=4"),
            ("u,1,0,,0,3,,\nu,1,1,,2,3", 3, "expected 8 fields"),
            ("u,x,0,,0,3,,", 2, "card_id must be an integer"),
            ("u,1,0,,0,3,,\nu,1,1,,-2,3,1,", 3, "delta_t out of range"),
            ("u,1,0,,0,3,,\nu,1,1,,2,3,,", 3, "y is required"),
            ("u,1,0,,0,3,1,", 2, "y must be empty"),
            ("u,1,0,,4,3,,", 2, "delta_t 0"),
            ("u,1,0,,0,3,,\nu,1,2,,2,3,1,", 3, "expected seq 1"),
            ("u,1,1,,2,3,1,", 2, "expected seq 0"),
            ("u,1,0,,0,3,,\nu,1,1,,2,1,1,", 3, "contradicts rating"),
            ("u,1,0,,0,3,,\nu,1,1,,2,0,,", 3, "needs y"),
            ("u,1,0,2023-13-01,0,3,,", 2, "date must be"),
            (
                "u,1,0,2023-05-02,0,3,,\nu,1,1,2023-05-01,2,3,1,",
                3,
                "before the previous",
            ),
            ("u,1,0,,0,3,,\nu,1,1,,2,3,1,1.5", 3, "ext_p must be"),
            ("u,1,0,,0,3,,\nu,1,1,,2,3,x,", 3, "y must be 0, 1"),
            (",1,0,,0,3,,", 2, "user is empty"),
        ];
        for (body, line, needle) in table {
            let err = parse_revlog_csv(&format!("{HEADER}{body}\n")).unwrap_err();
            let ScheduleError::Csv { line: got, message } = &err else {
                panic!("{body}: {err}");
            };
            assert_eq!(*got, line, "{body}: {err}");
            assert!(message.contains(needle), "{body}: {err}");
            assert!(
                err.to_string().starts_with(&format!("line {line}:")),
                "{err}"
            );
        }
    }

    #[test]
    fn bad_header() {
        for text in [
            "",
            "user,card,seq\n",
            "user,card_id,seq,date,delta_t,rating,y,foo\n",
        ] {
            let err = parse_revlog_csv(text).unwrap_err();
            assert!(
                matches!(err, ScheduleError::Csv { line: 1, .. }),
                "{text:?}: {err}"
            );
        }
    }
}
