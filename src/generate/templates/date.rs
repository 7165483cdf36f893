//! Dates and years: "since 2004" → "Since what year …?", and the document's `[Date]` line.

use super::{AType, Candidate, Ctx, Kind};
use crate::generate::lexicon::{MONTHS, month_number};
use crate::generate::preprocess::find_date;
use crate::generate::syntax::WhSpec;
use crate::generate::tokens::Tag;

fn date_variants(y: i32, m: u8, d: u8) -> Vec<String> {
    let mut v = Vec::new();
    if m >= 1 && d >= 1 {
        let mn = MONTHS[m as usize - 1];
        let mc = crate::generate::text::capitalize_first(mn);
        v.push(format!("{d} {mc} {y}"));
        v.push(format!("{mc} {d} {y}"));
        v.push(format!("{y}-{m:02}-{d:02}"));
    }
    v
}

/// "On what date was … issued?" from a `[Date]` metadata line.
pub fn meta_date(ctx: &Ctx<'_, '_>, out: &mut Vec<Candidate>) {
    let doc = ctx.doc;
    for m in &doc.meta {
        if !matches!(
            m.key.as_str(),
            "date" | "dated" | "issued" | "published" | "released"
        ) {
            continue;
        }
        let Some(((y, mo, d), a, b)) = find_date(&m.value) else {
            continue;
        };
        let answer = m.value[a..b].to_string();
        let title = doc.title.trim();
        let verb = {
            let tl = title.to_lowercase();
            if tl.contains("speech") || tl.contains("address") || tl.contains("remarks") {
                "delivered"
            } else if tl.contains("treaty") || tl.contains("agreement") || tl.contains("accord") {
                "signed"
            } else if tl.contains("article") || tl.contains("report") {
                "published"
            } else {
                "issued"
            }
        };
        let question = if title.is_empty() {
            format!("On what date was the document {verb}?")
        } else if title.split_whitespace().count() <= 25 {
            format!("On what date was \"{title}\" {verb}?")
        } else {
            continue;
        };
        let kind_word = if d == 0 { "month" } else { "date" };
        let question = question
            .replace("what date", &format!("what {kind_word}"))
            .replacen("On what month", "In what month", 1);
        out.push(Candidate {
            kind: Kind::Date,
            template: "meta_date",
            question,
            answer,
            accept: date_variants(y, mo, d),
            items: Vec::new(),
            item_aliases: Vec::new(),
            number: None,
            unit: None,
            cloze: None,
            sent: None,
            src: (m.start, m.end),
            prior: 0.8,
            atype: AType::Date,
        });
        break;
    }
}

pub fn generate(ctx: &Ctx<'_, '_>, si: usize, out: &mut Vec<Candidate>) {
    let s = &ctx.sents[si];
    let t = &s.toks;
    let n = t.len();
    for k in 0..n {
        if t[k].tag != Tag::Prep {
            continue;
        }
        let p = t[k].lower.as_str();
        let (wh_year, wh_date) = match p {
            "in" => ("In what year", "When"),
            "since" => ("Since what year", "Since when"),
            "by" => ("By what year", "By what date"),
            "until" | "till" => ("Until what year", "Until when"),
            "on" => ("", "On what date"),
            _ => continue,
        };
        let mut j = k + 1;
        while j < n && matches!(t[j].lower.as_str(), "early" | "late" | "mid" | "the") {
            j += 1;
        }
        // Month Day, Year | Month Year | Year
        let (a, b, full) = if j < n && t[j].is_year() {
            (j, j + 1, false)
        } else if j + 1 < n && month_number(t[j].text).is_some() && t[j].cap {
            if t[j + 1].is_year() {
                (j, j + 2, true)
            } else if j + 2 < n
                && t[j + 1].tag == Tag::Num
                && (t.get(j + 2).is_some_and(|x| x.is_year())
                    || (t[j + 2].is_punct(",") && t.get(j + 3).is_some_and(|x| x.is_year())))
            {
                let e = if t[j + 2].is_punct(",") { j + 4 } else { j + 3 };
                (j, e, true)
            } else {
                continue;
            }
        } else {
            continue;
        };
        // "from 1990 to 1995" ranges and "in 2008, which …" noun modifiers are skipped
        if t.get(b).is_some_and(|x| x.is("to") || x.is_punct("-")) {
            continue;
        }
        let wh = if full { wh_date } else { wh_year };
        if wh.is_empty() {
            continue;
        }
        if let Some((_, true)) = s.governing(a, b) {
            continue;
        }
        let spec = WhSpec {
            wh: wh.to_string(),
            drop_before: a - k,
            skip_siblings: false,
            since: p == "since",
        };
        let Some(q) = s.wh_question(a, b, &spec, &ctx.qctx) else {
            continue;
        };
        let ans = s.span_text(a, b).to_string();
        let mut c = Candidate::new(
            Kind::Date,
            "date",
            q,
            ans.clone(),
            si,
            ctx,
            0.8,
            if full { AType::Date } else { AType::Year },
        );
        c.accept = vec![format!("{p} {ans}")];
        if let Some(((y, m, d), _, _)) = find_date(&ans) {
            c.accept.extend(date_variants(y, m, d));
        }
        if !full {
            c.number = ans.parse().ok();
        }
        out.push(c);
    }
}
