//! Dates and years: "since 2004" → "Since what year …?", and the document's `[Date]` line.

use super::{AType, Candidate, Ctx, Kind};
use crate::generate::gazetteer::GAZETTEER;
use crate::generate::lexicon::{INSTITUTION_NOUNS, MONTHS, PERSON_TITLES, month_number};
use crate::generate::preprocess::find_date;
use crate::generate::syntax::WhSpec;
use crate::generate::tokens::{Tag, Tok};

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

fn doc_verb(title: &str) -> &'static str {
    let tl = title.to_lowercase();
    // a speech is often titled with a line from it ("'A date which will live in infamy'")
    let quoted = title.starts_with(['\'', '"', '‘', '“']);
    if quoted || tl.contains("speech") || tl.contains("address") || tl.contains("remarks") {
        "delivered"
    } else if tl.contains("treaty") || tl.contains("agreement") || tl.contains("accord") {
        "signed"
    } else if tl.contains("article") || tl.contains("report") {
        "published"
    } else {
        "issued"
    }
}

fn meta_candidate(
    kind: Kind,
    template: &'static str,
    question: String,
    answer: String,
    src: (usize, usize),
    atype: AType,
) -> Candidate {
    Candidate::at(kind, template, question, answer, src, 0.8, atype)
}

/// Persons named with their titles in a document title ("Joint Statement by Prime Minister A
/// and President B"): (title words, name).
pub fn titled_people(title: &str) -> Vec<(String, String)> {
    let words: Vec<&str> = title.split_whitespace().collect();
    let is_title = |w: &str| {
        let l = w.to_lowercase();
        w.chars().next().is_some_and(char::is_uppercase) && PERSON_TITLES.contains(l.as_str())
    };
    let is_name = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && !PERSON_TITLES.contains(w.to_lowercase().as_str())
            && !INSTITUTION_NOUNS.contains(w.to_lowercase().as_str())
            && month_number(w).is_none()
            // an all-capitals title: "… SENATOR ROBERT RAY AND THE ACTING MINISTER …"
            && !matches!(
                w.to_lowercase().as_str(),
                "and" | "the" | "of" | "for" | "by" | "with" | "on" | "at" | "in" | "to"
            )
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !is_title(words[i]) {
            i += 1;
            continue;
        }
        let a = i;
        // "Prime Minister", "Secretary of State", "Minister for Foreign Affairs"
        while i < words.len()
            && (is_title(words[i])
                || (matches!(words[i], "of" | "for")
                    && i + 1 < words.len()
                    && words[i + 1].chars().next().is_some_and(char::is_uppercase)
                    && !is_title(words[i + 1])
                    && i + 2 < words.len()
                    && (is_title(words[i + 2]) || words[i + 1] == "State")))
        {
            if matches!(words[i], "of" | "for") {
                i += 2;
            } else {
                i += 1;
            }
        }
        let ts = words[a..i].join(" ");
        let b = i;
        while i < words.len() && is_name(words[i]) && i - b < 4 {
            i += 1;
        }
        if i - b >= 2 {
            out.push((ts, words[b..i].join(" ")));
        }
    }
    out
}

/// "Where was … issued?" from a `[Place]` line, and "Which Prime Minister issued the joint
/// statement with President B?" from a title naming the signatories.
pub fn meta_other(ctx: &Ctx<'_, '_>, out: &mut Vec<Candidate>) {
    let doc = ctx.doc;
    let title = doc.title.trim();
    let verb = doc_verb(title);
    let year = doc.date.map(|d| d.0);
    for m in &doc.meta {
        if m.key == "place" && !m.value.is_empty() && m.value.split_whitespace().count() <= 6 {
            let q = if !title.is_empty() && title.split_whitespace().count() <= 25 {
                format!("Where was \"{title}\" {verb}?")
            } else {
                format!("Where was the document {verb}?")
            };
            let kind = GAZETTEER.lookup(&m.value).map_or("city", |p| p.kind);
            out.push(meta_candidate(
                Kind::Place,
                "meta_place",
                q,
                m.value.clone(),
                (m.start, m.end),
                AType::Place(kind),
            ));
        }
    }
    // signatories named in the title
    let lower = title.to_lowercase();
    let Some(by) = lower.find(" by ") else {
        return;
    };
    let genre = lower[..by].trim().to_string();
    if genre.is_empty() || genre.split_whitespace().count() > 5 {
        return;
    }
    let people = titled_people(&title[by + 4..]);
    if people.is_empty() {
        return;
    }
    let src = doc
        .meta
        .iter()
        .find(|m| m.key == "title" && m.value.trim() == title)
        .map(|m| (m.start, m.end))
        .or_else(|| doc.text.find(title).map(|a| (a, a + title.len())));
    let Some(src) = src else { return };
    let genre = match year {
        Some(y) => format!("{y} {genre}"),
        None => genre,
    };
    for (k, (ts, name)) in people.iter().enumerate() {
        let others: Vec<String> = people
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != k)
            .map(|(_, (t2, n2))| format!("{t2} {n2}"))
            .collect();
        let q = if others.is_empty() {
            format!("Which {ts} {verb} the {genre}?")
        } else {
            format!(
                "Which {ts} {verb} the {genre} with {}?",
                others.join(" and ")
            )
        };
        let mut c = meta_candidate(
            Kind::Person,
            "meta_person",
            q,
            name.clone(),
            src,
            AType::Person,
        );
        if let Some(last) = name.split(' ').next_back() {
            c.accept.push(last.to_string());
        }
        c.accept.push(format!("{ts} {name}"));
        out.push(c);
    }
}

/// "On what date was … issued?" from a `[Date]` metadata line.
/// A first line that names who issued the document rather than what it is about ("Office of
/// the Spokesperson", "MEDIA RELEASE PARLIAMENTARY SECRETARY FOR FOREIGN AFFAIRS"): no title to
/// ask about.
fn byline(title: &str) -> bool {
    let lower = title.to_lowercase();
    let letters: Vec<char> = title.chars().filter(|c| c.is_alphabetic()).collect();
    [
        "office of",
        "media release",
        "press release",
        "media statement",
        "news release",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
        || (title.split_whitespace().count() >= 3
            && !letters.is_empty()
            && letters.iter().all(|c| c.is_uppercase()))
}

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
        let verb = doc_verb(title);
        let question = if title.is_empty() || byline(title) {
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
            features: Vec::new(),
        });
        break;
    }
}

/// A day of the month ("17") or a range of days ("12-13").
fn is_day(x: &Tok<'_>) -> bool {
    // "16th April 2016"
    if let Some(d) = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|e| x.text.strip_suffix(e))
    {
        return d.len() <= 2 && d.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d));
    }
    x.tag == Tag::Num
        && match x.text.split_once(['-', '–']) {
            None => x.text.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d)),
            Some((a, b)) => matches!(
                (a.parse::<u8>(), b.parse::<u8>()),
                (Ok(a), Ok(b)) if 1 <= a && a < b && b <= 31
            ),
        }
}

/// A range of years written as one word: "1936-41", "2002-04", "1914-1918".
fn is_year_range(x: &Tok<'_>) -> bool {
    let Some((a, b)) = x.text.split_once(['-', '–']) else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    if x.tag != Tag::Num || a.len() != 4 || !(b.len() == 2 || b.len() == 4) {
        return false;
    }
    if !digits(a) || !digits(b) {
        return false;
    }
    let (Ok(y0), Ok(y1)) = (a.parse::<u32>(), b.parse::<u32>()) else {
        return false;
    };
    let y1 = if b.len() == 2 {
        y0 / 100 * 100 + y1
    } else {
        y1
    };
    (1000..=2200).contains(&y0) && y1 > y0 && y1 - y0 < 100
}

/// An era marker written before a year ("A.D. 1000").
fn era_before(x: &Tok<'_>) -> bool {
    matches!(x.text, "A.D." | "AD")
}

/// A year starting at `k` and the number of words it takes: "1648", "1936-41", "A.D. 350",
/// "350 B.C.".
fn year_at(t: &[Tok<'_>], k: usize) -> Option<usize> {
    let x = t.get(k)?;
    if x.is_year() || is_year_range(x) {
        return Some(1);
    }
    let small = |y: &Tok<'_>| {
        y.tag == Tag::Num && y.text.parse::<u32>().is_ok_and(|v| (1..=2200).contains(&v))
    };
    if era_before(x) && t.get(k + 1).is_some_and(small) {
        return Some(2);
    }
    if small(x)
        && t.get(k + 1)
            .is_some_and(|y| matches!(y.text, "B.C." | "BC" | "BCE" | "A.D."))
    {
        return Some(2);
    }
    None
}

/// End of a date starting at `j` ("17", "17 June", "June 17", "June 17, 2026", "1648"); `None`
/// when no date starts there.
fn date_end(t: &[Tok<'_>], j: usize) -> Option<usize> {
    let n = t.len();
    let day = |k: usize| k < n && is_day(&t[k]);
    let month = |k: usize| k < n && t[k].cap && month_number(t[k].text).is_some();
    let year = |k: usize| k < n && t[k].is_year();
    let mut e = if (day(j) && month(j + 1)) || (month(j) && day(j + 1)) {
        j + 2
    } else if month(j) && year(j + 1) {
        // "between September 2007 and May 2016"
        return Some(j + 2);
    } else if day(j) {
        return Some(j + 1);
    } else if let Some(l) = year_at(t, j) {
        return Some(j + l);
    } else {
        return None;
    };
    if year(e) {
        e += 1;
    } else if e + 1 < n && t[e].is_punct(",") && year(e + 1) {
        e += 2;
    }
    Some(e)
}

/// "visited Australia from 17 to 19 June" → "When did … visit Australia?" (answer "17 to 19
/// June"); also "from August 17 to August 21, 2026".
fn range(ctx: &Ctx<'_, '_>, si: usize, out: &mut Vec<Candidate>) {
    let s = &ctx.sents[si];
    let t = &s.toks;
    let n = t.len();
    for k in 0..n {
        let between = t[k].is("between");
        if !(t[k].is("from") || between) {
            continue;
        }
        let a = k + 1;
        let Some(m) = date_end(t, a) else { continue };
        let joined = if between {
            t.get(m).is_some_and(|x| x.is("and"))
        } else {
            t.get(m).is_some_and(|x| x.is("to") || x.is("until"))
        };
        if !joined {
            continue;
        }
        // "between A.D. 350 and 550": the era is written once
        let b = match date_end(t, m + 1) {
            Some(b) => b,
            None if era_before(&t[a]) && t.get(m + 1).is_some_and(|x| x.tag == Tag::Num) => m + 2,
            None => continue,
        };
        // the range must name a month or a year somewhere
        let named = year_at(t, a).is_some()
            || t[a..b]
                .iter()
                .any(|x| x.is_year() || (x.cap && month_number(x.text).is_some()));
        if !named || t.get(b).is_some_and(|x| x.tag == Tag::Noun) {
            continue;
        }
        if !matches!(s.governing(a, b), Some((_, false))) {
            continue;
        }
        let spec = WhSpec {
            drop_before: 1,
            ..WhSpec::new("When")
        };
        let Some(q) = s.wh_question(a, b, &spec, &ctx.qctx) else {
            continue;
        };
        // a name asked twice ("When did Switzerland convene in Switzerland?") is a mis-parse
        let head = s
            .governing(a, b)
            .and_then(|(vi, _)| s.subject_of(vi))
            .map(|x| t[x.1 - 1].text);
        if head.is_some_and(|h| {
            h.chars().next().is_some_and(char::is_uppercase)
                && q.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| *w == h)
                    .count()
                    >= 2
        }) {
            continue;
        }
        let span = s.span_text(a, b).to_string();
        let (ans, accept) = if between {
            let to = span.replacen(" and ", " to ", 1);
            (format!("between {span}"), vec![span, to])
        } else {
            (span.clone(), vec![format!("from {span}")])
        };
        let mut c = Candidate::new(Kind::Date, "date", q, ans, si, ctx, 0.75, AType::Date);
        c.accept = accept;
        out.push(c);
    }
}

/// Does the date phrase starting with the preposition at `k` date a noun rather than the verb?
/// It does after an adverbial about another event ("following the Tsunami in 2004", "until the
/// collapse of the Soviet Union in 1989") and after a possessed event noun ("reciprocates my
/// visit to Iran in July 2000", "by the time of his death in 1227").
fn dates_a_noun(t: &[Tok<'_>], k: usize) -> bool {
    let mut i = k;
    let mut possessed = false;
    while i > 0 {
        let x = &t[i - 1];
        if x.tag == Tag::Poss {
            possessed = true;
        }
        let chain = x.nominal()
            || matches!(x.tag, Tag::Det | Tag::Poss | Tag::Clitic)
            || (matches!(x.lower.as_str(), "of" | "to" | "by" | "and")
                && i >= 2
                && t[i - 2].nominal());
        if !chain {
            break;
        }
        i -= 1;
    }
    if i == k {
        return false;
    }
    possessed
        || (i > 0
            && matches!(
                t[i - 1].lower.as_str(),
                "following"
                    | "after"
                    | "before"
                    | "until"
                    | "since"
                    | "during"
                    | "upon"
                    | "despite"
            ))
}

/// "The arrival of Europeans in the 16th century changed …" → "In which century did the arrival
/// of Europeans change …?"
fn century(ctx: &Ctx<'_, '_>, si: usize, out: &mut Vec<Candidate>) {
    let s = &ctx.sents[si];
    let t = &s.toks;
    for k in 0..t.len().saturating_sub(3) {
        if !(matches!(t[k].lower.as_str(), "in" | "during")
            && t[k + 1].is("the")
            && super::agent::ordinal(t[k + 2].text)
            && t[k + 3].is("century"))
        {
            continue;
        }
        let (a, b) = (k + 2, k + 4);
        // "the 16th century BC", "the 19th century's …": left to other questions
        if t.get(b)
            .is_some_and(|x| x.cap || x.tag == Tag::Clitic || x.tag == Tag::Noun)
        {
            continue;
        }
        if !matches!(s.governing(a, b), Some((_, false))) {
            continue;
        }
        let p = crate::generate::text::capitalize_first(&t[k].lower);
        let spec = WhSpec {
            drop_before: 2,
            ..WhSpec::new(format!("{p} which century"))
        };
        let Some(q) = s.wh_question(a, b, &spec, &ctx.qctx) else {
            continue;
        };
        let span = s.span_text(a, b).to_string();
        let mut c = Candidate::new(
            Kind::Date,
            "date",
            q,
            format!("the {span}"),
            si,
            ctx,
            0.75,
            AType::Date,
        );
        c.accept = vec![span];
        out.push(c);
    }
}

pub fn generate(ctx: &Ctx<'_, '_>, si: usize, out: &mut Vec<Candidate>) {
    century(ctx, si, out);
    range(ctx, si, out);
    let s = &ctx.sents[si];
    let t = &s.toks;
    let n = t.len();
    for k in 0..n {
        let p = t[k].lower.as_str();
        if t[k].tag != Tag::Prep && !matches!(p, "around" | "circa") {
            continue;
        }
        let (wh_year, wh_date) = match p {
            "in" => ("In what year", "When"),
            "since" => ("Since what year", "Since when"),
            "by" => ("By what year", "By what date"),
            "until" | "till" => ("Until what year", "Until when"),
            "on" => ("", "On what date"),
            "from" => ("From what year", "From what date"),
            // "between December 4-7, 1973": a range of days written as one
            "between" => ("", "On what dates"),
            _ if matches!(p, "around" | "circa") => ("Around what year", ""),
            _ => continue,
        };
        let mut j = k + 1;
        while j < n && matches!(t[j].lower.as_str(), "early" | "late" | "mid" | "the") {
            j += 1;
        }
        // "on Thursday 19 August": the weekday goes with the answer
        let weekday =
            j + 1 < n && t[j].cap && crate::generate::lexicon::weekday(t[j].text) && p == "on";
        let wd = j;
        if weekday {
            j += 1 + usize::from(t[j + 1].is_punct(","));
        }
        // "by the 1819 Adams–Onís Treaty": a year that modifies a name is no date
        if j == k + 2 && t[k + 1].is("the") && t.get(j + 1).is_some_and(|x| x.tag == Tag::Propn) {
            continue;
        }
        // Month Day, Year | Day Month Year | Month Day | Day Month | Month Year | Year
        let (a, b, full) = if let Some(l) = year_at(t, j) {
            (j, j + l, false)
        } else if j + 2 < n
            && is_day(&t[j])
            && month_number(t[j + 1].text).is_some()
            && t[j + 1].cap
            && t[j + 2].is_year()
        {
            (j, j + 3, true)
        } else if j + 3 < n
            && is_day(&t[j])
            && month_number(t[j + 1].text).is_some()
            && t[j + 1].cap
            && t[j + 2].is_punct(",")
            && t[j + 3].is_year()
        {
            // "from 6-7 October, 1982"
            (j, j + 4, true)
        } else if j + 3 < n
            && is_day(&t[j])
            && t[j + 1].is("and")
            && is_day(&t[j + 2])
            && month_number(t[j + 3].text).is_some()
            && t[j + 3].cap
        {
            // "on 27 and 28 November 2014"
            let e = if t.get(j + 4).is_some_and(|x| x.is_year()) {
                j + 5
            } else {
                j + 4
            };
            (j, e, true)
        } else if j + 1 < n
            && ((month_number(t[j].text).is_some()
                && t[j].cap
                && is_day(&t[j + 1])
                && !(t.get(j + 2).is_some_and(|x| x.is_punct(","))
                    && t.get(j + 3).is_some_and(|x| x.is_year())))
                || (is_day(&t[j]) && month_number(t[j + 1].text).is_some() && t[j + 1].cap))
            && !t
                .get(j + 2)
                .is_some_and(|x| x.is_year() || x.tag == Tag::Num)
            && matches!(p, "on" | "since" | "by" | "until" | "till")
        {
            (j, j + 2, true)
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
        let a = if weekday && full { wd } else { a };
        // "from 1990 to 1995" ranges and "in 2008, which …" noun modifiers are skipped
        if t.get(b).is_some_and(|x| {
            matches!(x.lower.as_str(), "-" | "–")
                || (matches!(x.lower.as_str(), "to" | "until" | "till")
                    && date_end(t, b + 1).is_some())
        }) {
            continue;
        }
        // a range of days or of years: "on 12-13 August 2001", "in 2002-04"
        let range = t[a..b]
            .iter()
            .any(|x| x.text.contains(['-', '–']) || x.is("and"));
        if p == "between" && !range {
            continue;
        }
        if range && !matches!(p, "in" | "on" | "from" | "during" | "between") {
            continue;
        }
        // one of several dates ("eruptions in 1884, 1887, …", "in 1884 and 1885")
        if t.get(b).is_some_and(|x| x.is_punct(",") || x.is("and"))
            && t.get(b + 1).is_some_and(|x| x.is_year())
        {
            continue;
        }
        if dates_a_noun(t, k) {
            continue;
        }
        // "a short-lived Italian occupation from 1936-41": the years of an event noun
        if p == "from"
            && k > 0
            && t[k - 1].tag == Tag::Noun
            && (["tion", "sion", "ment", "ance", "ence"]
                .iter()
                .any(|e| t[k - 1].lower.ends_with(e))
                || matches!(
                    t[k - 1].lower.as_str(),
                    "war" | "rule" | "reign" | "period" | "era" | "conflict" | "presence"
                ))
        {
            continue;
        }
        let wh = match (range, full) {
            (true, true) => "On what dates",
            (true, false) => "In what years",
            (false, true) => wh_date,
            (false, false) => wh_year,
        };
        let wh = if range && p == "from" { "When" } else { wh };
        if wh.is_empty() {
            continue;
        }
        let gov = s.governing(a, b);
        if let Some((_, true)) = gov {
            continue;
        }
        // "since 1990" with a simple past ("proceeded with …, the first vote since 1990")
        // belongs to a noun, not to the verb
        if p == "since"
            && let Some((vi, _)) = gov
        {
            let v = &s.vgs[vi];
            let perfect = t[v.start..v.end].iter().any(|x| x.tag == Tag::Have);
            if !perfect && matches!(t[v.main].tag, Tag::Verb(f) if f.is_past()) {
                continue;
            }
        }
        let spec = WhSpec {
            drop_before: a - k,
            since: p == "since",
            ..WhSpec::new(wh)
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
        if range {
            // "12-13 August" is no single day that a date parser may read into it
        } else if let Some(((y, m, d), _, _)) = find_date(&ans) {
            c.accept.extend(date_variants(y, m, d));
        } else if b - a == 2 && !full {
            // "A.D. 1000", "350 B.C.": the number alone is the year
            let num = if t[a].tag == Tag::Num { a } else { a + 1 };
            c.accept.push(t[num].text.to_string());
            c.number = t[num].text.parse().ok();
        }
        if !full && b - a == 1 {
            c.number = ans.parse().ok();
        }
        out.push(c);
    }
}
